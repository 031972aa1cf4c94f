package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

/**
 * A converted result message now carries the orders (ServiceRequest) and specimens (Specimen) besides its reports:
 * the chart keeps them and the engine summarizes the results around them, verified whole (issue 13).
 */
class OrderResourcesChartTest {

    private static final String CULTURE = String.join("\r",
            "MSH|^~\\&|LAB|GHH|CB|CBFAC|20240303100000-0500||ORU^R01^ORU_R01|MICRO-9|P|2.5.1",
            "PID|1||MRN900^^^GHH^MR||DOE^JANE||19800215|F",
            "ORC|RE|PL-900^EHR|FL-900^LAB||CM",
            "OBR|1|PL-900^EHR|FL-900^LAB|600-7^Blood culture^LN|||20240301071500||||||||||||||20240303100000|||F",
            "OBX|1|CWE|600-7^Bacteria identified^LN|1|3092008^Staphylococcus aureus^SCT||||||F",
            "SPM|1|^SP-1F&LAB||119297000^Blood specimen^SCT",
            "ORC|RE|PL-901^EHR|FL-901^LAB||CM",
            "OBR|2|PL-901^EHR|FL-901^LAB|18769-0^Antibiotic susceptibility^LN|||20240302090000|||||||||||||||"
                    + "20240303100000|||F|600-7&Bacteria identified&LN^1|||PL-900&EHR^FL-900&LAB",
            "OBX|1|SN|18993-6^Vancomycin [Susceptibility]^LN|1|^1|ug/mL^^UCUM||S|||F");

    @Test
    void ordersAndSpecimensInTheChartAreKeptAndTheSummaryVerifiesWhole() throws Exception {
        NormalizedEvent event = new Hl7v2Converter().convert(CULTURE);
        ClinicalChart chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);
        assertThat(chart.all(ServiceRequest.class)).hasSize(2);
        assertThat(chart.all(Specimen.class)).hasSize(1);
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);
        assertThat(summary.section("results")).isNotEmpty();
        assertThat(summary.verification().dropped()).isEmpty();
        assertThat(summary.verification().unverified()).isEmpty();
    }
}
