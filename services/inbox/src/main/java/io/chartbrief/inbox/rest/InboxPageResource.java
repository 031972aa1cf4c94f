package io.chartbrief.inbox.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The clinician inbox page: a static shell rendered by Qute at {@code /}. It carries no patient data — the page's
 * script (ES modules under {@code /js/}, started by {@code /js/main.js}) reads everything from the authenticated
 * {@code /api/inbox} endpoints with the clinician's bearer token — so the page itself needs no authentication. The fixed notice that the content is
 * AI-generated is always part of the shell. Served with a strict Content-Security-Policy (own origin only, no
 * inline script or style), so the page loads nothing from outside and injected markup could not run.
 */
@Path("/")
@PermitAll
public class InboxPageResource {

    /** Own origin only; the page has no inline script or style and loads no external resource. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @CheckedTemplate
    static class Templates {
        /**
         * The shell page.
         *
         * @param demo whether the demo login picker is offered ({@code chartbrief.inbox.demo.enabled})
         */
        static native TemplateInstance page(boolean demo);
    }

    private final boolean demo;

    /**
     * @param demo {@code chartbrief.inbox.demo.enabled}: offer the demo clinician picker on the page
     */
    public InboxPageResource(@ConfigProperty(name = "chartbrief.inbox.demo.enabled", defaultValue = "false") boolean demo) {
        this.demo = demo;
    }

    /** The inbox page (HTML shell, no patient data). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The clinician inbox web page",
            description = "A static HTML shell without patient data; its script reads /api/inbox with the "
                    + "clinician's bearer token.")
    public Response page() {
        return Response.ok(Templates.page(demo).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
