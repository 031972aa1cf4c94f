package io.chartbrief.summary.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One patient's chart, indexed by {@code ResourceType/id}: the input of every engine.
 *
 * <p>Accepts searchset, collection, transaction (e.g. the canonical {@code ehr.events} form) and document Bundles.
 * References may be {@code Type/id}, absolute URLs ending in {@code Type/id}, or {@code urn:uuid:} fullUrls of
 * entries (raw Synthea bundles). Billing and audit resources are left out: they are noise for a clinician.
 * Immutable once built; thread-safe.
 */
public final class ClinicalChart {

    /** Resource types that never reach a summary (billing and audit noise). */
    public static final Set<String> NOISE = Set.of("Claim", "ExplanationOfBenefit", "Provenance", "AuditEvent",
            "Coverage", "ClaimResponse");

    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE", "NONAC", "inpatient");

    private final Map<String, Resource> resources;
    private final Map<String, String> aliasesOfFullUrls;
    private final Map<Resource, String> refsOfResources = new java.util.IdentityHashMap<>();
    private final String patientRef;
    private final String encounterRef;
    /** What readers derive from the chart once and share (the decoded notes): a chart is never changed. */
    private final Map<Object, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

    private ClinicalChart(Map<String, Resource> resources, Map<String, String> fullUrls, String patientRef,
            String encounterRef) {
        this.resources = Collections.unmodifiableMap(resources);
        resources.forEach((ref, resource) -> refsOfResources.put(resource, ref));
        this.aliasesOfFullUrls = fullUrls;
        this.patientRef = patientRef;
        this.encounterRef = encounterRef;
    }

    /**
     * Indexes a chart Bundle.
     *
     * @param bundle       the patient's chart
     * @param patientRef   {@code Patient/id}; null picks the Bundle's only (first) Patient
     * @param encounterRef {@code Encounter/id}; null picks the newest inpatient encounter still under way, else the
     *                     newest encounter
     * @throws IllegalArgumentException when the Bundle has no Patient, or a named patient/encounter is not in it
     */
    public static ClinicalChart of(Bundle bundle, String patientRef, String encounterRef) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        Map<String, String> fullUrls = new HashMap<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || NOISE.contains(resource.fhirType())) {
                continue;
            }
            String ref = referenceOf(resource, entry.getFullUrl());
            if (ref == null) {
                continue;
            }
            resources.putIfAbsent(ref, resource);
            if (entry.hasFullUrl()) {
                fullUrls.put(entry.getFullUrl(), ref);
            }
        }
        String patient = patientRef;
        if (patient == null) {
            patient = resources.keySet().stream().filter(r -> r.startsWith("Patient/")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("chart has no Patient"));
        } else if (!resources.containsKey(patient)) {
            throw new IllegalArgumentException("patient not in chart: " + patient);
        }
        ClinicalChart partial = new ClinicalChart(resources, fullUrls, patient, null);
        String encounter = encounterRef;
        if (encounter == null) {
            encounter = partial.newestEncounter().orElse(null);
        } else if (!resources.containsKey(encounter)) {
            throw new IllegalArgumentException("encounter not in chart: " + encounter);
        }
        return new ClinicalChart(resources, fullUrls, patient, encounter);
    }

    /**
     * The value derived from this chart under {@code key}, computed on first use and then shared: three readers of
     * one summary (engine, verifier, FHIR document) decode its notes once. {@code compute} must not itself call
     * this method; keys must have value equality (records).
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, java.util.function.Supplier<T> compute) {
        return (T) derived.computeIfAbsent(key, k -> compute.get());
    }

    /** {@code Patient/id} of the chart's patient. */
    public String patientRef() {
        return patientRef;
    }

    /** {@code Encounter/id} the summary is for, or null when the chart has no encounter. */
    public String encounterRef() {
        return encounterRef;
    }

    /** The resource with that {@code Type/id}, if in the chart. */
    public Optional<Resource> get(String ref) {
        return Optional.ofNullable(resources.get(ref));
    }

    /** Whether the chart holds that {@code Type/id}. */
    public boolean contains(String ref) {
        return resources.containsKey(ref);
    }

    /** All resources of a type, in Bundle order. */
    public <T extends Resource> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Resource resource : resources.values()) {
            if (type.isInstance(resource)) {
                out.add(type.cast(resource));
            }
        }
        return out;
    }

    /** Every resource by {@code Type/id}, in Bundle order. */
    public Map<String, Resource> resources() {
        return resources;
    }

    /** The {@code Type/id} a reference points to inside this chart, or null when it points outside. */
    public String resolve(Reference reference) {
        String value = reference == null ? null : ChartValues.text(reference.getReferenceElement_());
        if (value == null) {
            return null;
        }
        String viaFullUrl = aliasesOfFullUrls.get(value);
        if (viaFullUrl != null) {
            return viaFullUrl;
        }
        String[] parts = value.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            // Type/id, Type/id/_history/n, or an absolute URL ending in one of them.
            String candidate = parts[i] + "/" + parts[i + 1];
            if (resources.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code Type/id} of a chart resource. */
    public static String referenceOf(Resource resource, String fullUrl) {
        String id = resource.getIdElement().getIdPart();
        if (id != null && id.startsWith("urn:uuid:")) {
            id = id.substring("urn:uuid:".length());
        }
        if ((id == null || id.isBlank()) && fullUrl != null && !fullUrl.isBlank()) {
            String[] parts = fullUrl.split("[/:]");
            id = parts[parts.length - 1];
        }
        return id == null || id.isBlank() ? null : resource.fhirType() + "/" + id;
    }

    /** {@code Type/id} of a resource that came from this chart. */
    public String referenceOf(Resource resource) {
        String ref = refsOfResources.get(resource);
        return ref != null ? ref : referenceOf(resource, null);
    }

    /** In progress (arrived, in-progress, on leave), or with no status saying otherwise and no end. */
    private static boolean ongoing(Encounter encounter) {
        String status = ChartValues.code(encounter.getStatusElement());
        if (status != null && Set.of("arrived", "triaged", "in-progress", "onleave").contains(status)) {
            return true;
        }
        boolean ended = encounter.hasPeriod() && encounter.getPeriod().hasEnd();
        return (status == null || "unknown".equals(status)) && !ended;
    }

    private Optional<String> newestEncounter() {
        List<Map.Entry<String, Resource>> encounters = new ArrayList<>();
        for (Map.Entry<String, Resource> entry : resources.entrySet()) {
            if (entry.getValue() instanceof Encounter) {
                encounters.add(entry);
            }
        }
        Comparator<Map.Entry<String, Resource>> byStart = Comparator.comparing(
                (Map.Entry<String, Resource> e) -> ChartDates.start((Encounter) e.getValue()))
                .thenComparing(Map.Entry::getKey);
        // an admission still under way is the current encounter; otherwise the latest encounter of any class
        // (an inpatient stay of years ago is not "current" for a patient seen since)
        Optional<Map.Entry<String, Resource>> inpatient = encounters.stream()
                .filter(e -> {
                    Encounter encounter = (Encounter) e.getValue();
                    String code = ChartValues.text(encounter.getClass_().getCodeElement());
                    return code != null && INPATIENT_CLASSES.contains(code) && ongoing(encounter);
                })
                .max(byStart);
        return inpatient.or(() -> encounters.stream().max(byStart)).map(Map.Entry::getKey);
    }
}
