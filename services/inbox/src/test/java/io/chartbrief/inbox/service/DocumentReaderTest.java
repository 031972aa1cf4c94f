package io.chartbrief.inbox.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.inbox.SummaryBundles;
import io.chartbrief.inbox.service.DocumentReader.InvalidDocumentException;
import io.chartbrief.inbox.service.InboxDocument.Evidence;
import io.chartbrief.inbox.service.InboxDocument.Item;
import io.chartbrief.inbox.service.InboxDocument.RecommendationItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader(new RecipientRouter(List.of("ATND", "ADM")));

    @Test
    void readsTheContractShape() throws InvalidDocumentException {
        SummaryBundles summary = SummaryBundles.summary().engine("llama").participant("ATND", "4411").unit("5EAST")
                .patient("p1", "Alex Example", "MRN-1").narrative("Admitted with chest pain. Potassium is low.");
        InboxDocument doc = reader.read(summary.json(), null, null);
        assertThat(doc.patient()).isEqualTo("Patient/p1");
        assertThat(doc.patientName()).isEqualTo("Alex Example");
        assertThat(doc.encounter()).isEqualTo(summary.encounterRef());
        assertThat(doc.engineKind()).isEqualTo("llama");
        assertThat(doc.aiGenerated()).isTrue();
        assertThat(doc.headline()).isEqualTo("Admitted with chest pain.");
        assertThat(doc.content().engine().model()).isEqualTo("medgemma-4b-it");
        assertThat(doc.content().sections()).extracting(InboxDocument.Section::code)
                .containsExactly("11450-4", "48765-2", "30954-2");
        assertThat(doc.content().sections().get(2).items())
                .containsExactly(new Item("Potassium low at 3.1 mmol/L", List.of("Observation/obs-k")));
        assertThat(doc.content().recommendations()).containsExactly(new RecommendationItem(
                "Replace potassium and recheck in 6 hours", "high", "Potassium 3.1 mmol/L is below range",
                List.of("Observation/obs-k")));
        assertThat(doc.evidence()).containsEntry("Observation/obs-k",
                new Evidence("Observation", "Potassium 3.1 mmol/L (L)", "2026-11-01"));
        assertThat(doc.evidence()).containsEntry("Condition/cond-cp", new Evidence("Condition", "Chest pain", "2026-10-31"));
        assertThat(doc.recipients().units()).containsExactly("5EAST");
    }

    @Test
    void extractiveIsNotAiGenerated() throws InvalidDocumentException {
        InboxDocument doc = reader.read(SummaryBundles.summary().json(), null, "extractive");
        assertThat(doc.aiGenerated()).isFalse();
        assertThat(doc.engineKind()).isEqualTo("extractive");
    }

    @Test
    void rejectsWhatIsNotASummaryDocument() {
        assertThatThrownBy(() -> reader.read("not json", null, null)).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> reader.read("{\"resourceType\":\"Bundle\",\"type\":\"document\",\"entry\":[]}", null, null))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("Composition");
        assertThatThrownBy(() -> reader.read("{\"resourceType\":\"Patient\",\"id\":\"x\"}", null, null))
                .isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> reader.read("", null, null)).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void headlineIsTheFirstSentence() {
        assertThat(DocumentReader.headline("K 3.1 is low. Recheck.")).isEqualTo("K 3.1 is low.");
        assertThat(DocumentReader.headline("One sentence only")).isEqualTo("One sentence only");
        assertThat(DocumentReader.headline("")).isEmpty();
    }
}
