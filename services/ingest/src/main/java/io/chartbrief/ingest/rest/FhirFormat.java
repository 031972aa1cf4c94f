package io.chartbrief.ingest.rest;

import io.chartbrief.interop.fhir.FhirContexts;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The encoding of an answer, chosen per FHIR R4 (http.html#mime-type): {@code _format} wins over {@code Accept};
 * without either, or when {@code Accept} allows both equally, JSON. Requests are always JSON (ehr.fhir.inbound
 * carries JSON); only answers can be XML.
 */
public enum FhirFormat {
    JSON(FhirMediaTypes.FHIR_JSON),
    XML(FhirMediaTypes.FHIR_XML);

    private final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type of an answer in this format. */
    public String mediaType() {
        return mediaType + ";charset=UTF-8";
    }

    public String encode(IBaseResource resource) {
        return this == XML
                ? FhirContexts.r4().newXmlParser().encodeResourceToString(resource)
                : FhirContexts.r4().newJsonParser().encodeResourceToString(resource);
    }

    /**
     * @param formatParam the {@code _format} query parameter, or null
     * @param accept      the {@code Accept} header, or null
     * @return the format, or empty when {@code _format} names one the intake cannot answer in
     */
    public static Optional<FhirFormat> negotiate(String formatParam, String accept) {
        if (formatParam != null && !formatParam.isBlank()) {
            return ofFormatParam(formatParam);
        }
        return Optional.of(ofAccept(accept));
    }

    /** Like {@link #negotiate}, falling back to JSON: for error answers, which must always be written. */
    public static FhirFormat lenient(String formatParam, String accept) {
        return negotiate(formatParam, accept).orElse(JSON);
    }

    /** The error-answer format of a Vert.x request (null: JSON). */
    public static FhirFormat lenient(HttpServerRequest request) {
        return request == null ? JSON : lenient(request.getParam("_format"), request.getHeader("Accept"));
    }

    private static Optional<FhirFormat> ofFormatParam(String value) {
        // An unencoded '+' in a query string arrives as a space ("application/fhir json").
        String format = value.trim().toLowerCase(Locale.ROOT).replace(' ', '+');
        return switch (format) {
            case "json", "application/fhir+json", "application/json", "application/json+fhir" -> Optional.of(JSON);
            case "xml", "application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir" ->
                    Optional.of(XML);
            default -> Optional.empty();
        };
    }

    private static FhirFormat ofAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        double json = 0;
        double xml = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.contains("json") || type.equals("*/*") || type.equals("application/*")) {
                json = Math.max(json, q);
            }
            if (type.contains("xml")) {
                xml = Math.max(xml, q);
            }
        }
        return xml > json ? XML : JSON;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
