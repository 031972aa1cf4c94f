package io.chartbrief.audit;

import io.chartbrief.interop.audit.PhiAccess.Interaction;
import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS method that answers PHI: {@link PhiReadAuditFilter} records every answer it gives (success, 4xx
 * and 5xx, a 403 of a caller without the role included; a 401 is not recorded: it names no caller) as an
 * AuditEvent. The patient is the path parameter {@code id} unless the method names it in {@link ReadAuditContext}.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PhiRead {

    /** The RESTful interaction: read of one resource, or search (lists, queries, whole-chart operations). */
    Interaction interaction() default Interaction.READ;

    /** The call as a template without values, e.g. {@code GET /patients/{id}/chart}. */
    String operation() default "";
}
