package io.chartbrief.ingest.rest;

import io.chartbrief.interop.fhir.FhirContexts;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * The CapabilityStatement of the intake: exactly what {@code POST /fhir/r4} and {@code POST /fhir/r4/{type}}
 * accept (transaction, batch; create of one resource of any type), JSON in, JSON or XML out, bearer JWT.
 * No read or search: the intake writes to Kafka, it stores nothing to read back.
 */
final class IntakeCapabilities {

    private static final String SECURITY_SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    /** Resource types POST /fhir/r4/{type} accepts; a Bundle is submitted to the base URL. */
    private static final List<String> RESOURCE_TYPES = List.copyOf(new TreeSet<>(
            FhirContexts.r4().getResourceTypes()).stream().filter(type -> !"Bundle".equals(type)).toList());

    private final Date published = new Date();
    private final String softwareVersion;

    IntakeCapabilities(String softwareVersion) {
        this.softwareVersion = softwareVersion;
    }

    /** @param baseUrl the FHIR base the client reached, e.g. {@code https://host/fhir/r4} */
    CapabilityStatement statement(String baseUrl) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE)
                .setDate(published)
                .setPublisher("ChartBrief")
                .setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1)
                .setDescription("ChartBrief FHIR R4 intake: submissions are written to the event backbone and"
                        + " normalized to one patient event each; nothing is stored here to read back.");
        statement.getSoftware().setName("ChartBrief ingest").setVersion(softwareVersion);
        statement.getImplementation().setDescription("ChartBrief FHIR intake").setUrl(baseUrl);
        // what requests may be sent in; answers can also be XML (_format / Accept)
        statement.addFormat("json");
        statement.addFormat(FhirMediaTypes.FHIR_JSON);

        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("POST a transaction or batch Bundle to the base URL: answered with a"
                + " transaction-response / batch-response once durably accepted (Prefer: respond-async: 202 and a"
                + " status URL). Collection, message and document Bundles: 202 + OperationOutcome."
                + " A Bundle is accepted or refused as a whole.");
        rest.setSecurity(security());
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("all entries accepted together; DELETE and GET entries are refused");
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH)
                .setDocumentation("accepted or refused as a whole (no per-entry errors)");
        for (String type : RESOURCE_TYPES) {
            rest.addResource().setType(type).addInteraction().setCode(TypeRestfulInteraction.CREATE)
                    .setDocumentation("answered 201 + Location (the id on ehr.events) + OperationOutcome once durably"
                            + " accepted");
        }
        return statement;
    }

    private static CapabilityStatementRestSecurityComponent security() {
        CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
        security.setCors(false);
        security.addService().setText("Bearer JWT").addCoding().setSystem(SECURITY_SERVICES).setCode("OAuth");
        security.setDescription("Authorization: Bearer <JWT> (RFC 6750) signed by the configured identity provider"
                + " (mp.jwt.verify.*), issuer checked, with the role 'ingest' in the groups claim. No token: 401;"
                + " without the role: 403. This CapabilityStatement is readable without a token.");
        return security;
    }
}
