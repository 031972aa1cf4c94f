package io.chartbrief.inbox.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON error answer: {@code {"status":401,"error":"unauthorized","message":"..."}}. */
@Schema(name = "Error")
public record ErrorBody(int status, String error, String message) {
}
