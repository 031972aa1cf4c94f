package io.chartbrief.inbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /js/contract.js}: the codes of the {@code ehr.summaries} document contract the page matches on, as an ES
 * module written from {@link SummaryDocumentProfile}, so that the page's scripts declare none of them themselves.
 * Public, like the other modules: it holds no patient data.
 */
@Path("/js/contract.js")
@PermitAll
public class ContractScriptResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page imports, by the names it imports them under. */
    static final Map<String, String> EXPORTS = exports();

    private static final String SCRIPT = script(EXPORTS);

    private static Map<String, String> exports() {
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("RECOMMENDATIONS_SECTION", SummaryDocumentProfile.RECOMMENDATIONS_SECTION);
        exports.put("UNVERIFIED_SECTION", SummaryDocumentProfile.UNVERIFIED_SECTION);
        exports.put("UNVERIFIED_TITLE", SummaryDocumentProfile.UNVERIFIED_TITLE);
        return Collections.unmodifiableMap(exports);
    }

    /** The module's text (one {@code export const} per entry, values as JSON strings). */
    public static String script() {
        return SCRIPT;
    }

    private static String script(Map<String, String> exports) {
        StringBuilder js = new StringBuilder("// The ehr.summaries document contract (SummaryDocumentProfile), written by the inbox.\n");
        try {
            for (Map.Entry<String, String> export : exports.entrySet()) {
                js.append("export const ").append(export.getKey()).append(" = ")
                        .append(JSON.writeValueAsString(export.getValue())).append(";\n");
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return js.toString();
    }

    @GET
    @Operation(summary = "The summary document codes the inbox page uses, as a JavaScript module",
            description = "Written from the document contract, so the page declares no code of its own.")
    public Response contract() {
        return Response.ok(SCRIPT, "text/javascript; charset=UTF-8").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").build();
    }
}
