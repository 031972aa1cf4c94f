package io.chartbrief.inbox.rest;

import io.vertx.core.http.HttpServerRequest;

/** The client address of a request: the first {@code X-Forwarded-For} hop when present, else the peer address. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].trim();
            if (!first.isEmpty()) {
                return first.length() > 100 ? first.substring(0, 100) : first;
            }
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
