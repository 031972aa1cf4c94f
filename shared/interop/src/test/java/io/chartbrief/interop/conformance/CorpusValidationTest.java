package io.chartbrief.interop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every Bundle ChartBrief publishes for a corpus HL7 v2 message validates with HAPI FHIR's instance validator
 * (R4 core profiles, in-memory terminology) with no error; warnings are counted and printed
 * ({@code [validation]} lines), and every message is written to {@code target/hl7-validation.txt}.
 */
class CorpusValidationTest {

    @Test
    void everyConvertedHl7MessageIsValidFhir() throws IOException {
        Path corpus = Path.of(System.getProperty("chartbrief.corpus", "../shared/corpus")).toAbsolutePath().normalize();
        if (!Files.isDirectory(corpus.resolve("hl7v2"))) {
            System.out.println("[validation] corpus ABSENT at " + corpus + " - validation skipped");
            Assumptions.abort("conformance corpus absent at " + corpus);
        }
        FhirValidator validator = validator();
        Hl7v2Converter converter = new Hl7v2Converter();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> warnings = new TreeMap<>();
        StringBuilder log = new StringBuilder();
        int converted = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus.resolve("hl7v2"))) {
            files = walk.filter(p -> p.toString().endsWith(".hl7")).sorted().toList();
        }
        for (Path file : files) {
            NormalizedEvent event;
            try {
                event = converter.convert(Hl7Bytes.decode(Files.readAllBytes(file)));
            } catch (ConversionException rejected) {
                continue; // rejections are CorpusConformanceTest's
            }
            converted++;
            for (SingleValidationMessage m : validator.validateWithResult(event.bundle()).getMessages()) {
                String line = file.getFileName() + " " + m.getSeverity() + " " + m.getLocationString() + ": "
                        + m.getMessage();
                log.append(line).append('\n');
                if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add(line);
                } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                    warnings.merge(file.getFileName().toString(), 1, Integer::sum);
                }
            }
        }
        Path report = Path.of("target", "hl7-validation.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, log, StandardCharsets.UTF_8);
        System.out.printf("[validation] %d converted HL7 v2 messages: %d errors, %d warnings (%s)%n", converted,
                errors.size(), warnings.values().stream().mapToInt(Integer::intValue).sum(), report.toAbsolutePath());
        assertThat(converted).as("converted corpus messages").isPositive();
        assertThat(errors).as("HAPI validator errors over converted corpus messages").isEmpty();
    }

    private static FhirValidator validator() {
        FhirContext context = FhirContexts.r4();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context));
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }
}
