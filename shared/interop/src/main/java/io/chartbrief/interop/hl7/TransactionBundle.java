package io.chartbrief.interop.hl7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Collects the resources of one message as transaction entries, in insertion order so the serialized bundle is
 * stable: {@code PUT Type/id} (update, the default) or, for resources the message only references (the Encounter
 * of a non-ADT message), a conditional create {@code POST Type} with {@code ifNoneExist}.
 */
final class TransactionBundle {

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    /** {@code Type/id} → ifNoneExist query of the entries that are conditional creates. */
    private final Map<String, String> conditionalCreates = new LinkedHashMap<>();

    /**
     * Adds a resource once; a second resource with the same type and id (e.g. the same practitioner named in
     * PV1-7 and OBX-16) is dropped and the first is kept.
     *
     * @return a {@code Type/id} reference to the kept resource
     */
    Reference add(Resource r) {
        String key = key(r);
        resources.putIfAbsent(key, r);
        return new Reference(key);
    }

    /**
     * Adds a resource as a conditional create ({@code POST Type}, {@code ifNoneExist}): the receiver stores it only
     * when it does not hold the resource yet. The id is kept, so {@code Type/id} references still resolve.
     *
     * @param ifNoneExist the search query (without {@code ?}) that finds the existing resource
     * @return a {@code Type/id} reference to the kept resource
     */
    Reference addConditionalCreate(Resource r, String ifNoneExist) {
        String key = key(r);
        if (resources.putIfAbsent(key, r) == null) {
            conditionalCreates.put(key, ifNoneExist);
        }
        return new Reference(key);
    }

    /** @return whether a resource with this type and id is already in the bundle */
    boolean contains(String type, String id) {
        return resources.containsKey(type + "/" + id);
    }

    /** @return the resource added under this type and id, or {@code null} */
    Resource resource(String type, String id) {
        return resources.get(type + "/" + id);
    }

    List<Reference> referencesExcept(String type) {
        List<Reference> refs = new ArrayList<>(resources.size());
        for (String key : resources.keySet()) {
            if (!key.startsWith(type + "/")) {
                refs.add(new Reference(key));
            }
        }
        return refs;
    }

    Bundle build(String id, Instant timestamp) {
        Bundle b = new Bundle();
        b.setId(id);
        b.setType(Bundle.BundleType.TRANSACTION);
        if (timestamp != null) {
            b.setTimestampElement(instant(timestamp));
        }
        for (Map.Entry<String, Resource> e : resources.entrySet()) {
            Resource r = e.getValue();
            Bundle.BundleEntryRequestComponent request = b.addEntry()
                    .setFullUrl("urn:uuid:" + r.getIdElement().getIdPart()).setResource(r).getRequest();
            String ifNoneExist = conditionalCreates.get(e.getKey());
            if (ifNoneExist == null) {
                request.setMethod(Bundle.HTTPVerb.PUT).setUrl(e.getKey());
            } else {
                request.setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType()).setIfNoneExist(ifNoneExist);
            }
        }
        return b;
    }

    /** An InstantType in UTC with second or millisecond precision: independent of the JVM's default zone. */
    static InstantType instant(Instant t) {
        TemporalPrecisionEnum precision = t.getNano() == 0 ? TemporalPrecisionEnum.SECOND
                : TemporalPrecisionEnum.MILLI;
        return new InstantType(Date.from(t), precision, TimeZone.getTimeZone("UTC"));
    }

    private static String key(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }
}
