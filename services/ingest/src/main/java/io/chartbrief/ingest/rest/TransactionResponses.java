package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.service.FhirIntakeService.Receipt;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * The FHIR answer to an accepted transaction or batch: a {@code transaction-response} / {@code batch-response}
 * Bundle with one entry per request entry, in order. {@code response.location} is {@code Type/id} exactly as the
 * resource appears on {@code ehr.events} (no {@code _history}: the intake assigns no versions).
 * {@code response.status} is {@code 201 Created} for a POST entry and {@code 200 OK} otherwise (the normalizer
 * stores every entry as an update of its id).
 */
final class TransactionResponses {

    private TransactionResponses() {
    }

    /** True when the receipt is for a Bundle this intake answers per entry (posted to the base URL). */
    static boolean answersPerEntry(Receipt receipt) {
        return receipt.bundleType() == BundleType.TRANSACTION || receipt.bundleType() == BundleType.BATCH;
    }

    static Bundle of(Receipt receipt) {
        Bundle response = new Bundle();
        response.setId(receipt.submissionId());
        response.setType(receipt.bundleType() == BundleType.BATCH
                ? BundleType.BATCHRESPONSE : BundleType.TRANSACTIONRESPONSE);
        response.setTimestamp(new Date());
        List<String> locations = receipt.locations();
        for (int i = 0; i < locations.size(); i++) {
            HTTPVerb method = i < receipt.requestMethods().size() ? receipt.requestMethods().get(i) : null;
            response.addEntry().getResponse()
                    .setStatus(method == HTTPVerb.POST ? "201 Created" : "200 OK")
                    .setLocation(locations.get(i));
        }
        return response;
    }
}
