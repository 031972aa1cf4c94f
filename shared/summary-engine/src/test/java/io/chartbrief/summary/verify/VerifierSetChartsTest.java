package io.chartbrief.summary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;

/**
 * The charts written for the labelled set are valid FHIR R4: a label is only as good as the chart it is judged
 * against, and an invalid chart (e.g. a clinicalStatus on an entered-in-error Condition) would test nothing real.
 */
class VerifierSetChartsTest {

    @Test
    void theSetsOwnChartsAreValidFhirR4() throws IOException {
        FhirContext context = FhirContext.forR4Cached();
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(context), new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context))));
        for (String name : ConformanceCharts.CORE) {
            if (!name.startsWith("resource:")) {
                continue;
            }
            String json;
            try (InputStream in = getClass().getResourceAsStream("/verifier-set/charts/" + name.substring("resource:".length()))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<SingleValidationMessage> errors = validator.validateWithResult(json).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
            assertThat(errors).as(name).extracting(m -> m.getLocationString() + ": " + m.getMessage()).isEmpty();
        }
    }
}
