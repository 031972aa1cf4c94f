package io.chartbrief.summary.images;

import static io.chartbrief.summary.images.ImageFixtures.document;
import static io.chartbrief.summary.images.ImageFixtures.image;
import static io.chartbrief.summary.images.ImageFixtures.media;
import static io.chartbrief.summary.images.ImageFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Which chart images a model that reads images is sent, and why the others are not. */
class ChartImagesTest {

    private static ClinicalChart chart(org.hl7.fhir.r4.model.Resource... resources) {
        return ClinicalChart.of(with(ChartFixtures.admissionChart(), resources), null, null);
    }

    @Test
    void jpegAndPngAttachmentsAreSentNewestFirstWithTheirSizeAndResource() {
        byte[] jpeg = image("jpg", 64, 48);
        byte[] png = image("png", 30, 20);
        ClinicalChart chart = chart(
                media("derm-1", "2026-11-20T10:00:00Z", "Left forearm lesion", "image/png", png),
                document("cxr-1", "2026-11-30", "Chest X-ray PA", "image/jpeg", jpeg, "text/plain", "report".getBytes()));

        ChartImages.Selection selection = ChartImages.select(chart, ImageLimits.DEFAULTS);

        assertThat(selection.images()).hasSize(2);
        ChartImage first = selection.images().get(0);
        assertThat(first.alias()).isEqualTo("I1");
        assertThat(first.location()).isEqualTo("DocumentReference/cxr-1#content[0]");
        assertThat(first.resource()).isEqualTo("DocumentReference/cxr-1");
        assertThat(first.mediaType()).isEqualTo("image/jpeg");
        assertThat(first.bytes()).isEqualTo(jpeg);
        assertThat(first.promptLine()).isEqualTo("[I1] image 64×48 of DocumentReference/cxr-1, 2026-11-30T08:00:00Z: "
                + "Chest X-ray PA");
        assertThat(first.dataUrl()).startsWith("data:image/jpeg;base64,/9j/");
        ChartImage second = selection.images().get(1);
        assertThat(second.alias()).isEqualTo("I2");
        assertThat(second.location()).isEqualTo("Media/derm-1#content");
        assertThat(List.of(second.width(), second.height())).containsExactly(30, 20);
        assertThat(selection.notSent()).as("the text attachment is not an image").isEmpty();
        assertThat(selection.record()).isEqualTo(new EngineInfo.Images(2, List.of()));
    }

    @Test
    void everyImageNotSentIsListedWithWhy() {
        byte[] jpeg = image("jpg", 40, 40);
        ClinicalChart chart = chart(
                document("big-1", "2026-11-29", "Scan", "image/jpeg", ImageFixtures.jpegOfSize(40 * 1024 * 1024)),
                document("tif-1", "2026-11-28", "Fax", "image/tiff", new byte[] {'I', 'I', 42, 0}),
                document("dcm-1", "2026-11-27", "CT", "application/dicom", new byte[] {0, 1, 2, 3}),
                document("lie-1", "2026-11-26", "Photo", "image/png", jpeg),
                document("wide-1", "2026-11-25", "Panorama", "image/png", ImageFixtures.pngHeader(20_000, 20_000)),
                document("url-1", "2026-11-24", "Elsewhere", "image/jpeg", null));
        chart.get("DocumentReference/url-1").map(r -> (org.hl7.fhir.r4.model.DocumentReference) r).orElseThrow()
                .getContentFirstRep().getAttachment().setUrl("https://pacs.example.org/wado/1");

        ChartImages.Selection selection = ChartImages.select(chart, ImageLimits.DEFAULTS);

        assertThat(selection.images()).isEmpty();
        assertThat(selection.notSent()).containsExactly(
                "DocumentReference/big-1#content[0]: 40.0 MB, over the 8.0 MB cap",
                "DocumentReference/tif-1#content[0]: image/tiff is not sent (JPEG and PNG only)",
                "DocumentReference/dcm-1#content[0]: DICOM is not read (out of scope)",
                "DocumentReference/lie-1#content[0]: labelled image/png but the bytes are image/jpeg",
                "DocumentReference/wide-1#content[0]: 20000×20000 pixels, over the 25.0-megapixel cap",
                "DocumentReference/url-1#content[0]: no image data in the chart (external content is not fetched)");
    }

    @Test
    void aBinaryOfTheChartIsReadAndTheCountCapKeepsTheNewest() {
        Binary binary = new Binary();
        binary.setId("bin-1");
        binary.setContentType("image/jpeg");
        binary.setData(image("jpg", 16, 16));
        DiagnosticReport report = new DiagnosticReport();
        report.setId("rep-1");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setSubject(new Reference("Patient/p1"));
        report.getCode().setText("Wound photograph");
        report.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-12-01T09:00:00Z"));
        report.addPresentedForm(new Attachment().setContentType("image/jpeg").setUrl("Binary/bin-1"));
        ClinicalChart chart = chart(binary, report,
                document("old-1", "2026-01-02", "Old photo", "image/jpeg", image("jpg", 8, 8)));

        ChartImages.Selection selection = ChartImages.select(chart, new ImageLimits(1, 8L << 20, 25_000_000L));

        assertThat(selection.images()).extracting(ChartImage::location)
                .containsExactly("DiagnosticReport/rep-1#presentedForm[0]");
        assertThat(selection.notSent())
                .containsExactly("DocumentReference/old-1#content[0]: over the cap of 1 images per summary");
    }

    @Test
    void anEngineWithoutImageInputListsEveryImageAsNotRead() {
        ClinicalChart chart = chart(document("cxr-1", "2026-11-30", "Chest X-ray", "image/jpeg", image("jpg", 8, 8)));
        assertThat(ChartImages.notRead(chart, "not read: no image input")).isEqualTo(new EngineInfo.Images(0,
                List.of("DocumentReference/cxr-1#content[0]: not read: no image input")));
        assertThat(ChartImages.notRead(ClinicalChart.of(ChartFixtures.admissionChart(), null, null), "x")).isNull();
    }
}
