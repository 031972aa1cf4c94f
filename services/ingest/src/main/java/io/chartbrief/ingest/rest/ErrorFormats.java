package io.chartbrief.ingest.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/** The format of an error answer written outside a resource method (exception mappers); JSON when unsure. */
final class ErrorFormats {

    private ErrorFormats() {
    }

    static FhirFormat of(CurrentVertxRequest request) {
        try {
            RoutingContext context = request.getCurrent();
            return context == null ? FhirFormat.JSON : FhirFormat.lenient(context.request());
        } catch (RuntimeException e) {
            // no active request context: an error answer must still be written
            return FhirFormat.JSON;
        }
    }
}
