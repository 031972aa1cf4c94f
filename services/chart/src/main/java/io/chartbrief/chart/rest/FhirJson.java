package io.chartbrief.chart.rest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.chartbrief.chart.store.ChartQueries.StoredResource;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Small FHIR JSON writers (searchset Bundles are concatenated from the stored JSON, no re-parse). */
final class FhirJson {

    static final String FHIR_JSON = "application/fhir+json";

    private FhirJson() {
    }

    static String searchset(List<StoredResource> resources) {
        return searchset(resources, resources.size(), java.util.Map.of());
    }

    /** A searchset page: {@code total} of the whole result, {@code links} relation → URL (self, next, …). */
    static String searchset(List<StoredResource> resources, int total, java.util.Map<String, String> links) {
        StringBuilder out = new StringBuilder(256 + resources.stream().mapToInt(r -> r.json().length() + 96).sum());
        out.append("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":").append(total);
        if (!links.isEmpty()) {
            out.append(",\"link\":[");
            boolean firstLink = true;
            for (java.util.Map.Entry<String, String> link : links.entrySet()) {
                out.append(firstLink ? "" : ",").append("{\"relation\":\"").append(link.getKey())
                        .append("\",\"url\":\"").append(JsonStringEncoder.getInstance().quoteAsString(link.getValue()))
                        .append("\"}");
                firstLink = false;
            }
            out.append(']');
        }
        out.append(",\"entry\":[");
        boolean first = true;
        for (StoredResource r : resources) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"fullUrl\":\"").append(FhirEventNormalizer.LOCAL_BASE).append(r.type()).append('/')
                    .append(r.id()).append("\",\"resource\":").append(r.json())
                    .append(",\"search\":{\"mode\":\"match\"}}");
        }
        return out.append("]}").toString();
    }

    static Response outcome(Response.Status status, String code, String diagnostics) {
        String text = new String(JsonStringEncoder.getInstance().quoteAsString(diagnostics));
        String json = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + text + "\"}]}";
        return Response.status(status).type(FHIR_JSON).entity(json).build();
    }
}
