package io.chartbrief.outbound.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.summary.SummaryDocumentReader;
import io.chartbrief.outbound.SummaryDocuments;
import io.chartbrief.outbound.SummaryDocuments.SummaryRecord;
import io.chartbrief.outbound.service.Delivery;
import java.time.Instant;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

/** The DocumentReference of a summary, without a server: the default logical subject, replacement by identifier. */
class DocumentReferenceBuilderTest {

    private final DocumentReferenceBuilder builder = new DocumentReferenceBuilder();

    @Test
    void theSubjectIsTheMrnByDefaultAndAConditionalReferenceOnlyWhenAsked() throws Exception {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.parse("2026-11-01T10:15:00Z"));
        Delivery delivery = delivery(summary, null);

        DocumentReference logical = builder.build(delivery, null);
        assertThat(logical.getSubject().hasReference()).isFalse();
        assertThat(logical.getSubject().getIdentifier().getSystem()).isEqualTo("urn:chartbrief:authority:RIVERSIDE");
        assertThat(logical.getSubject().getIdentifier().getValue()).isEqualTo("MRN-" + summary.patientId().substring(2));
        assertThat(logical.getSubject().getIdentifier().getType().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(logical.getSecurityLabel()).isEmpty();   // extractive: no model wrote it
        assertThat(logical.getDescription()).isEqualTo("ChartBrief patient summary");
        assertThat(logical.getMasterIdentifier().getValue()).isEqualTo("urn:uuid:" + summary.summaryId());

        DocumentReference conditional = builder.build(delivery, null, true);
        assertThat(conditional.getSubject().getReference()).isEqualTo("Patient?identifier=urn:chartbrief:authority:RIVERSIDE|MRN-"
                + summary.patientId().substring(2));
    }

    @Test
    void aReplacedDocumentTheServerDoesNotHoldIsNamedByItsSummaryId() throws Exception {
        SummaryRecord summary = SummaryDocuments.admission("llama", Instant.now());
        DocumentReference doc = builder.build(delivery(summary, "parent-summary"), null);

        assertThat(doc.getRelatesTo()).singleElement().satisfies(r -> {
            assertThat(r.getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
            assertThat(r.getTarget().hasReference()).isFalse();
            assertThat(r.getTarget().getIdentifier().getSystem()).isEqualTo(DocumentReferenceBuilder.SUMMARY_ID_SYSTEM);
            assertThat(r.getTarget().getIdentifier().getValue()).isEqualTo("parent-summary");
        });
        assertThat(doc.getSecurityLabelFirstRep().getCodingFirstRep().getCode()).isEqualTo("AIAST");
        assertThat(doc.getDescription()).isEqualTo("ChartBrief patient summary (AI-generated)");
    }

    private static Delivery delivery(SummaryRecord summary, String parent) throws Exception {
        SummaryDocument document = new SummaryDocumentReader().read(summary.json(), "Patient/" + summary.patientId(),
                summary.headers().get(io.chartbrief.interop.event.EventHeaders.SUMMARY_ENGINE));
        return new Delivery(summary.summaryId(), document, "verified", parent, "CB0000000000000000001", 1);
    }
}
