package io.chartbrief.outbound.fhir;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the FHIR connector at the test's {@link FhirTarget} with SMART Backend Services authentication (token
 * endpoint discovered from the server), the document Bundle posted too, the subject as a conditional reference the server resolves; the MDM connector is off for these tests.
 */
public class FhirTargetResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("chartbrief.outbound.mdm.enabled", "false",
                "chartbrief.outbound.fhir.enabled", "true",
                "chartbrief.outbound.fhir.base-url", FhirTarget.baseUrl(),
                "chartbrief.outbound.fhir.also-post-bundle", "true",
                "chartbrief.outbound.fhir.subject-reference", "conditional",
                "chartbrief.outbound.fhir.auth.mode", "smart-backend",
                "chartbrief.outbound.fhir.auth.client-id", FhirTarget.CLIENT_ID,
                "chartbrief.outbound.fhir.auth.key-id", FhirTarget.KEY_ID,
                "chartbrief.outbound.fhir.auth.private-key-location", FhirTarget.clientKey().toString(),
                "chartbrief.outbound.fhir.auth.scope",
                "system/DocumentReference.read system/DocumentReference.write system/Bundle.write");
    }

    @Override
    public void stop() {
        // the server lives for the JVM; nothing to release between test classes
    }
}
