package io.chartbrief.fhirserver;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * Failures a test scripts for the next creates of one DocumentReference (by {@code masterIdentifier}): each create
 * that would store it takes the next scripted status instead (HTTP 5xx of a server in trouble, or 4xx rejections
 * with an OperationOutcome naming the reason), then the server serves normally. Applied where the JPA server is
 * about to store, so a conditional create that finds the resource already there is not affected.
 */
@Interceptor
public final class ScriptedFaults {

    private record Fault(int status, String message) {
    }

    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

    /** The next creates of the DocumentReference whose master identifier is {@code identifier} answer {@code statuses}. */
    public void add(String identifier, List<Integer> statuses, String message) {
        Deque<Fault> queue = faults.computeIfAbsent(identifier, k -> new ArrayDeque<>());
        synchronized (queue) {
            statuses.forEach(status -> queue.add(new Fault(status, message)));
        }
    }

    public void clear() {
        faults.clear();
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        if (!(resource instanceof DocumentReference document)) {
            return;
        }
        Deque<Fault> queue = faults.get(document.getMasterIdentifier().getValue());
        Fault fault;
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            fault = queue.poll();
        }
        if (fault != null) {
            throw BaseServerResponseException.newInstance(fault.status(),
                    fault.message() == null ? "scripted HTTP " + fault.status() : fault.message());
        }
    }
}
