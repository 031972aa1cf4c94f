package io.chartbrief.summary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.Summarizer;
import java.io.IOException;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (conformance): the summarizer's FHIR output — the summary document Bundle that goes to {@code
 * ehr.summaries}, the inbox, write-back and IPS — validates with HAPI FHIR's validator with no error for every chart
 * of the corpus ({@link CorpusCharts}). Counts are printed ({@code [validation]} line); every message goes to
 * {@code target/summary-document-validation.txt}. The IPS form: {@link CorpusIpsValidationTest}.
 */
class CorpusDocumentValidationTest {

    @Test
    void everyCorpusChartsSummaryDocumentIsValidFhir() throws IOException {
        Summarizer summarizer = Summarizer.extractiveOnly();
        SummaryDocumentBuilder builder = new SummaryDocumentBuilder();
        Date when = new Date(1_764_000_000_000L);
        ValidationTally tally = new ValidationTally();
        for (CorpusCharts.Named named : CorpusCharts.all()) {
            tally.validate(named.file(), builder.build(summarizer.summarize(named.chart()), named.chart(), when));
        }
        tally.report("summary-document-validation", "summary documents of corpus charts");
        assertThat(tally.resources()).as("summary documents validated").isGreaterThanOrEqualTo(60);
        assertThat(tally.errors()).as("HAPI validator errors over the summary documents").isEmpty();
    }
}
