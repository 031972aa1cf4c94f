package io.chartbrief.summary.fhir;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's validator over many resources ({@link SummaryDocumentValidator}): errors kept for the assertion, warnings
 * counted, every message written to a report file, one {@code [validation]} line for the build log. Profiles the
 * validator cannot have offline (named at construction) are reported as not checked — counted, never hidden.
 */
public final class ValidationTally {

    private final FhirValidator validator = SummaryDocumentValidator.create();
    private final Set<String> unavailableProfiles;
    private final List<String> errors = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private int resources;
    private int warnings;
    private int notChecked;

    /** Every message counts. */
    public ValidationTally() {
        this(Set.of());
    }

    /** The "profile could not be found" errors of {@code unavailableProfiles} count as not checked, not as errors. */
    public ValidationTally(Set<String> unavailableProfiles) {
        this.unavailableProfiles = Set.copyOf(unavailableProfiles);
    }

    /** Validates one resource, labelled by the file it came from. */
    public void validate(String file, IBaseResource resource) {
        resources++;
        for (SingleValidationMessage m : validator.validateWithResult(resource).getMessages()) {
            String line = file + " " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
            log.append(line).append('\n');
            if (unavailable(m.getMessage())) {
                notChecked++;
            } else if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(line);
            } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                warnings++;
            }
        }
    }

    private boolean unavailable(String message) {
        return message != null && (message.contains("could not be found") || message.contains("Failed to retrieve profile"))
                && unavailableProfiles.stream().anyMatch(message::contains);
    }

    /** Writes {@code target/<name>.txt} and prints the counts. */
    public void report(String name, String what) throws IOException {
        Path report = Path.of("target", name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, log, StandardCharsets.UTF_8);
        System.out.printf("[validation] %d %s: %d errors, %d warnings%s (%s)%n", resources, what, errors.size(),
                warnings, unavailableProfiles.isEmpty() ? ""
                        : ", " + notChecked + " references to profiles not available offline (not checked: "
                                + String.join(", ", unavailableProfiles) + ")", report.toAbsolutePath());
    }

    public int resources() {
        return resources;
    }

    /** Messages that name a profile not available offline. */
    public int notChecked() {
        return notChecked;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }
}
