package io.chartbrief.inbox.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.service.CdsHooksJson.Card;
import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Engine;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Item;
import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryDocument.RecommendationItem;
import io.chartbrief.interop.summary.SummaryDocument.Section;
import io.chartbrief.inbox.store.InboxItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummaryCardTest {

    private static final UUID ID = UUID.fromString("7d1c3c1e-2f4b-4b8e-9d55-0f6f0d8e2a11");

    @Test
    void theSummaryLineStaysUnder140CharactersAndIsCutAtAWord() {
        String headline = "Admitted with community-acquired pneumonia of the right lower lobe after three days of "
                + "productive cough, fever and rigors, on a background of heart failure and diabetes.";
        Card card = SummaryCard.of(item(headline, false), content(List.of(), List.of()), Map.of(), "https://i.test",
                false);
        assertThat(card.summary().length()).isLessThan(140);
        assertThat(card.summary()).startsWith("Chart summary (2026-11-01): Admitted with").endsWith("…");
        assertThat(card.summary()).doesNotContain("  ");
        assertThat(card.summary().charAt(card.summary().length() - 2)).isNotEqualTo(' ');
    }

    @Test
    void theIndicatorFollowsTheHighestRecommendationPriority() {
        assertThat(SummaryCard.indicator(List.of())).isEqualTo("info");
        assertThat(SummaryCard.indicator(List.of(rec("low")))).isEqualTo("info");
        assertThat(SummaryCard.indicator(List.of(rec("low"), rec("medium")))).isEqualTo("warning");
        assertThat(SummaryCard.indicator(List.of(rec("medium"), rec("high"), rec("low")))).isEqualTo("critical");
        assertThat(SummaryCard.indicator(List.of(rec(null)))).isEqualTo("info");
    }

    @Test
    void chartTextNeverBecomesMarkupInTheDetail() {
        String hostile = "# Stop [all meds](http://evil.test) <img src=x onerror=alert(1)> *now* `code` | a | b";
        Section section = new Section("11450-4", "Problems", List.of(new Item(hostile, List.of("Condition/c1"))));
        Card card = SummaryCard.of(item("- list? no.", false), content(List.of(section), List.of()),
                Map.of("Condition/c1", new Evidence("Condition", "x_y*z", "2026-10-31")), "https://i.test", false);
        assertThat(card.detail())
                .contains("\\# Stop \\[all meds\\](http://evil.test) \\<img src=x onerror=alert(1)\\> \\*now\\* "
                        + "\\`code\\` \\| a \\| b")
                .contains("(source: Condition/c1, x\\_y\\*z, 2026-10-31)")
                .contains("\n\n\\- list? no.\n\n")   // the narrative's leading "-" is not a list
                .doesNotContain(" <img").doesNotContain("meds](");
        assertThat(SummaryCard.escape("12. Hypertension")).isEqualTo("12\\. Hypertension");
        assertThat(SummaryCard.escape("line one\nline two")).isEqualTo("line one line two");
    }

    @Test
    void aNoteItemNamesTheNoteItQuotesAndLongSectionsAreCounted() {
        Quote quote = new Quote("DocumentReference/hp", "hpi", "HISTORY OF PRESENT ILLNESS", 10, 50,
                "He reports chest pain since this morning.", "Admission H&P", "2026-11-01", null, null);
        List<Item> items = new ArrayList<>();
        items.add(new Item("He reports chest pain since this morning.", List.of("DocumentReference/hp"), quote));
        for (int i = 0; i < 10; i++) {
            items.add(new Item("Item " + i, List.of()));
        }
        Card card = SummaryCard.of(item("Admitted.", true),
                content(List.of(new Section("34109-9", "From the clinical notes", items)), List.of(rec("medium"))),
                Map.of(), "https://i.test/", false);
        assertThat(card.detail())
                .contains("- He reports chest pain since this morning. — _quoted from Admission H\\&P, 2026-11-01, "
                        + "HISTORY OF PRESENT ILLNESS_")
                .contains("- Item 6\n- … 3 more in the inbox")
                .doesNotContain("Item 7")
                .contains("**Medium priority:** Check something");
        assertThat(card.links().get(0).url()).isEqualTo("https://i.test/#item=" + ID);
        assertThat(card.indicator()).isEqualTo("warning");
        assertThat(card.source().topic().code()).isEqualTo("AIAST");
    }

    private static RecommendationItem rec(String priority) {
        return new RecommendationItem("Check something", priority, null, List.of());
    }

    private static InboxItem item(String headline, boolean ai) {
        return new InboxItem(ID, "s-1", "Patient/p1", "Test Patient", "Encounter/e1", "new", null,
                Instant.parse("2026-11-01T09:00:00Z"), null, null, ai ? "llama" : "extractive", ai, "verified",
                headline, "5EAST", List.of());
    }

    private static Content content(List<Section> sections, List<RecommendationItem> recommendations) {
        return new Content("Patient summary", "- list? no.", sections, recommendations, List.of(), null,
                new Engine("extractive", null));
    }
}
