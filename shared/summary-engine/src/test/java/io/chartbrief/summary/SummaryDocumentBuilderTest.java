package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummaryDocumentBuilderTest {

    private static FhirValidator validator;
    private final SummaryDocumentBuilder builder = new SummaryDocumentBuilder();
    private final Date when = new Date(1_709_300_000_000L);

    @BeforeAll
    static void buildValidatorOnce() {
        FhirContext context = FhirContexts.r4();
        // R4 core (4.0.1) ships a v3-ObservationValue older than the AIAST code (added to HL7 terminology later):
        // tell the validator about that one code, ahead of the core definitions.
        PrePopulatedValidationSupport aiLabel = new PrePopulatedValidationSupport(context);
        CodeSystem observationValue = new CodeSystem();
        observationValue.setUrl(SummaryDocumentBuilder.OBSERVATION_VALUE);
        observationValue.setStatus(Enumerations.PublicationStatus.ACTIVE);
        observationValue.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
        observationValue.addConcept().setCode("AIAST").setDisplay("Artificial Intelligence asserted");
        aiLabel.addCodeSystem(observationValue);
        ValidationSupportChain support = new ValidationSupportChain(aiLabel, new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
    }

    @Test
    void modelSummaryIsAValidLabelledDocument() {
        ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart)
                .withEngine(new EngineInfo(EngineInfo.LLAMA, "medgemma-4b-it-Q4_K_M.gguf", "ab".repeat(32), null));

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly("11450-4", "10160-0", "48765-2", "30954-2", "8716-3", "18776-5");
        assertThat(composition.getSection().get(2).getEntryFirstRep().getReference()).isEqualTo("AllergyIntolerance/a-pen");
        assertThat(composition.getMeta().getSecurity()).extracting(c -> c.getCode()).containsExactly("AIAST");
        assertThat(document.getMeta().getSecurity()).extracting(c -> c.getCode()).containsExactly("AIAST");
        Provenance provenance = (Provenance) document.getEntry().get(2).getResource();
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).startsWith("Device/chartbrief-llama-abab");
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Encounter", "Condition", "MedicationRequest", "AllergyIntolerance", "Observation");
        // one sub-section per item with that item's evidence; recommendations carry priority and rationale
        for (var section : composition.getSection()) {
            assertThat(section.getSection()).isNotEmpty();
            assertThat(section.getSection()).allSatisfy(item -> {
                assertThat(item.getTitle()).isNotBlank();
                assertThat(item.getEntry()).isNotEmpty();
            });
        }
        var recommendation = composition.getSection().get(5).getSectionFirstRep();
        assertThat(recommendation.getExtensionByUrl(SummaryDocumentBuilder.PRIORITY_EXTENSION).getValue().primitiveValue())
                .isIn("high", "medium", "low");
        assertThat(recommendation.getExtensionByUrl(SummaryDocumentBuilder.RATIONALE_EXTENSION)).isNotNull();
    }

    @Test
    void theEncountersParticipantsAndLocationsTravelWithTheDocument() {
        Bundle chartBundle = ChartFixtures.admissionChart();
        org.hl7.fhir.r4.model.Practitioner attending = new org.hl7.fhir.r4.model.Practitioner();
        attending.setId("pr-okafor");
        attending.addIdentifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue("4411");
        org.hl7.fhir.r4.model.Location ward = new org.hl7.fhir.r4.model.Location();
        ward.setId("loc-5east");
        ward.addIdentifier().setSystem("urn:chartbrief:point-of-care").setValue("5EAST");
        ward.setName("5 East");
        chartBundle.addEntry().setFullUrl("urn:uuid:pr-okafor").setResource(attending);
        chartBundle.addEntry().setFullUrl("urn:uuid:loc-5east").setResource(ward);
        ClinicalChart indexed = ClinicalChart.of(chartBundle, null, null);
        org.hl7.fhir.r4.model.Encounter encounter = (org.hl7.fhir.r4.model.Encounter) indexed.get(indexed.encounterRef()).orElseThrow();
        encounter.addParticipant().setIndividual(new org.hl7.fhir.r4.model.Reference("Practitioner/pr-okafor"))
                .addType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("ATND");
        encounter.addLocation().setLocation(new org.hl7.fhir.r4.model.Reference("Location/loc-5east"));
        ClinicalChart chart = ClinicalChart.of(chartBundle, null, null);

        Bundle document = builder.build(Summarizer.extractiveOnly().summarize(chart), chart, when);

        assertValid(document);
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart())
                .contains("Practitioner/pr-okafor", "Location/loc-5east");
    }

    @Test
    void extractiveSummaryOfASyntheaPatientIsValidAndNotLabelledAi() throws Exception {
        List<Path> bundles = ChartFixtures.syntheaBundles();
        Path file = bundles.stream().filter(p -> p.getFileName().toString().startsWith("Birgit_Schmeler")).findFirst()
                .orElse(bundles.get(0));
        var event = new FhirEventNormalizer().normalize(Files.readString(file));
        ClinicalChart chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);

        Bundle document = builder.build(Summarizer.extractiveOnly().summarize(chart), chart, when);

        assertValid(document);
        assertThat(document.getMeta().getSecurity()).isEmpty();
    }

    private static void assertValid(Bundle document) {
        List<SingleValidationMessage> errors = validator.validateWithResult(document).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertThat(errors).as(errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList().toString())
                .isEmpty();
    }
}
