package io.chartbrief.audit;

import io.chartbrief.interop.audit.PhiAccess;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Records the answer of every {@link PhiRead} method through {@link AuditRecorder}, after the method (or an
 * exception mapper) produced it and before it is sent: a read whose audit cannot be stored answers 500 instead.
 * Query parameters are recorded by name only.
 */
@Provider
@PhiRead
public class PhiReadAuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(PhiReadAuditFilter.class);

    @Inject
    AuditRecorder recorder;
    @Inject
    ReadAuditContext context;
    @Inject
    JsonWebToken token;
    @Inject
    HttpServerRequest request;
    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext responseContext)
            throws IOException {
        int status = responseContext.getStatus();
        if (status == 401) {
            return; // no caller to name; an unauthenticated flood must not fill the audit table
        }
        PhiRead read = resourceInfo.getResourceMethod().getAnnotation(PhiRead.class);
        if (read == null) {
            read = resourceInfo.getResourceClass().getAnnotation(PhiRead.class);
        }
        String operation = read.operation().isEmpty()
                ? requestContext.getMethod() + " " + requestContext.getUriInfo().getPath() : read.operation();
        List<String> parameters = new ArrayList<>(new TreeSet<>(
                requestContext.getUriInfo().getQueryParameters().keySet()));
        AuditCaller caller = AuditCaller.of(token, request);
        List<PhiAccess> accesses = new ArrayList<>();
        for (String patient : patients(requestContext)) {
            accesses.add(caller.access(read.interaction(), operation, patient, context.resource(), parameters,
                    status));
        }
        if (accesses.isEmpty()) {
            accesses.add(caller.access(read.interaction(), operation, null, context.resource(), parameters, status));
        }
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            // A denial answered before the method ran (403) may come here on the event loop, where JDBC must not
            // run; nothing of the chart is answered then, so the record may follow the answer.
            Infrastructure.getDefaultWorkerPool().execute(() -> recordQuietly(accesses));
            return;
        }
        try {
            recorder.record(accesses);
        } catch (SQLException e) {
            throw new IOException("the read could not be audited (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private List<String> patients(ContainerRequestContext requestContext) {
        if (context.patients() != null) {
            return context.patients();
        }
        String id = requestContext.getUriInfo().getPathParameters().getFirst("id");
        return id == null ? List.of() : List.of("Patient/" + id);
    }

    private void recordQuietly(List<PhiAccess> accesses) {
        try {
            recorder.record(accesses);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("a denied read could not be audited: %s", e.getClass().getSimpleName());
        }
    }
}
