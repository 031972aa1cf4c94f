package io.chartbrief.summary.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.fhir.FhirContexts;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * HAPI FHIR's instance validator as the summary documents are checked with: R4 core profiles, in-memory
 * terminology, and the one code R4 core does not know yet (AIAST, added to HL7's v3-ObservationValue later).
 */
public final class SummaryDocumentValidator {

    private SummaryDocumentValidator() {
    }

    public static FhirValidator create() {
        FhirContext context = FhirContexts.r4();
        PrePopulatedValidationSupport aiLabel = new PrePopulatedValidationSupport(context);
        CodeSystem observationValue = new CodeSystem();
        observationValue.setUrl(SummaryDocumentProfile.OBSERVATION_VALUE);
        observationValue.setStatus(Enumerations.PublicationStatus.ACTIVE);
        observationValue.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
        observationValue.addConcept().setCode("AIAST").setDisplay("Artificial Intelligence asserted");
        aiLabel.addCodeSystem(observationValue);
        ValidationSupportChain support = new ValidationSupportChain(aiLabel, new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context));
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }
}
