package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** Collects the generated items of one chart, then keeps a balanced share of them ({@link #capped}). */
final class ItemSink {

    final String chartName;
    final ClinicalChart chart;
    final Patient patient;
    private final List<LabelledItem> items = new ArrayList<>();

    ItemSink(String chartName, ClinicalChart chart) {
        this.chartName = chartName;
        this.chart = chart;
        this.patient = (Patient) chart.get(chart.patientRef()).orElse(null);
    }

    String ref(Resource resource) {
        return chart.referenceOf(resource);
    }

    void add(String template, Category category, String section, String text, List<String> evidence, String date,
            String rationale) {
        items.add(new LabelledItem("gen:" + template, chartName, section, text, evidence, date, null, category, rationale));
    }

    /** A note item quoting or paraphrasing a passage. */
    void note(String template, Category category, String text, String note, String date, LabelledItem.QuoteSpec quote,
            String rationale) {
        items.add(new LabelledItem("gen:" + template, chartName, "notes", text, List.of(note), date, null, category,
                rationale, quote));
    }

    void recommend(String template, Category category, String text, String recommendationRationale,
            List<String> evidence, String rationale) {
        items.add(new LabelledItem("gen:" + template, chartName, LabelledItem.RECOMMENDATIONS, text, evidence, null,
                recommendationRationale, category, rationale));
    }

    List<LabelledItem> all() {
        return List.copyOf(items);
    }

    /**
     * At most {@code cap} items, taken in turn from each category and, within a category, in turn from each template,
     * so that a chart with many results does not crowd out its few allergies and no template dominates. Generation
     * order is deterministic, so the selection is too.
     */
    List<LabelledItem> capped(int cap) {
        Map<Category, Map<String, List<LabelledItem>>> grouped = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            grouped.put(category, new LinkedHashMap<>());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LabelledItem item : items) {
            if (seen.add(item.key())) {
                grouped.get(item.category()).computeIfAbsent(item.source(), k -> new ArrayList<>()).add(item);
            }
        }
        List<List<LabelledItem>> perCategory = new ArrayList<>();
        for (Map<String, List<LabelledItem>> templates : grouped.values()) {
            perCategory.add(interleave(new ArrayList<>(templates.values())));
        }
        List<LabelledItem> all = interleave(perCategory);
        return all.size() <= cap ? all : all.subList(0, cap);
    }

    private static List<LabelledItem> interleave(List<List<LabelledItem>> lists) {
        List<LabelledItem> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            boolean any = false;
            for (List<LabelledItem> list : lists) {
                if (i < list.size()) {
                    out.add(list.get(i));
                    any = true;
                }
            }
            if (!any) {
                return out;
            }
        }
    }
}
