package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * One OBR with what follows it up to the next OBR: its report (result messages), its ServiceRequest, its results
 * and its specimens. Links the results to the order, the specimen and, for a child order, the parent result.
 */
final class ObrGroup {

    final Er7Segment obr;
    final String reportKey;
    /** {@code null} outside result messages. */
    final DiagnosticReport report;
    /** {@code null} outside result and order messages. */
    final ServiceRequest serviceRequest;
    final Reference serviceRequestRef;
    /** The parent order's result this child order's results derive from (OBR-26), or {@code null}. */
    final Reference parentResult;
    private final List<Observation> results = new ArrayList<>();
    private Reference specimen;
    private boolean hasSpecimen;

    ObrGroup(Er7Segment obr, String reportKey, DiagnosticReport report, ServiceRequest serviceRequest,
            Reference serviceRequestRef, Reference parentResult) {
        this.obr = obr;
        this.reportKey = reportKey;
        this.report = report;
        this.serviceRequest = serviceRequest;
        this.serviceRequestRef = serviceRequestRef;
        this.parentResult = parentResult;
    }

    /** A result of this order: based on its ServiceRequest, from the current specimen, derived from the parent. */
    void result(Observation o) {
        results.add(o);
        if (serviceRequestRef != null) {
            o.addBasedOn(new Reference(serviceRequestRef.getReference()));
        }
        if (specimen != null) {
            o.setSpecimen(new Reference(specimen.getReference()));
        }
        if (parentResult != null) {
            o.addDerivedFrom(new Reference(parentResult.getReference()));
        }
    }

    /**
     * A specimen of this order (SPM): the report's and the order's; the results so far without a specimen (the
     * OBX between OBR and SPM) and the ones that follow it (the SPM's own OBX) are from it.
     */
    void specimen(Reference ref) {
        hasSpecimen = true;
        specimen = ref;
        if (report != null) {
            report.addSpecimen(new Reference(ref.getReference()));
        }
        if (serviceRequest != null) {
            serviceRequest.addSpecimen(new Reference(ref.getReference()));
        }
        for (Observation o : results) {
            if (!o.hasSpecimen()) {
                o.setSpecimen(new Reference(ref.getReference()));
            }
        }
    }

    /** Ends the group: an OBR-15 specimen source (before v2.5) becomes the specimen when no SPM named one. */
    void close(ConversionContext ctx) {
        if (!hasSpecimen && serviceRequest != null && !obr.first(15).isEmpty()) {
            specimen(SpecimenMapper.fromObr(obr, reportKey, serviceRequestRef, ctx));
        }
    }
}
