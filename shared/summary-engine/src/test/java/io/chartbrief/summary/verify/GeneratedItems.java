package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The generated part of the set: for each chart, faithful and unsafe variants of its own values from the fixed
 * templates of {@link ConditionTemplates}, {@link AllergyTemplates}, {@link MedicationTemplates},
 * {@link ObservationTemplates} and {@link BloodPressureTemplates}. Deterministic: no randomness, chart order only.
 *
 * <p>A chart's history repeats itself (a dozen sinusitis episodes, yearly panels), so only the latest resource per
 * problem, drug and test is used; a problem or drug recorded with different statuses is left out of the status
 * templates (which record would the statement contradict?).
 */
final class GeneratedItems {

    /** Most items kept per chart, so that one rich chart cannot dominate the rates. */
    static final int CAP_PER_CHART = 80;

    /** Tests cited as unrelated evidence for a problem: results that establish no diagnosis in these charts. */
    private static final List<String> UNRELATED_LOINC = List.of("777-3", "2951-2", "2947-0", "8302-2", "718-7", "3016-3");

    private GeneratedItems() {
    }

    static List<LabelledItem> generate(String chartName, ClinicalChart chart) {
        ItemSink sink = new ItemSink(chartName, chart);

        List<Condition> allConditions = chart.all(Condition.class);
        List<Condition> conditions = latest(allConditions, c -> ConditionTerms.key(String.valueOf(ChartReading.text(c.getCode()))),
                c -> c.hasOnsetDateTimeType() ? ChartReading.day(c.getOnsetDateTimeType()) : ChartReading.day(c.getRecordedDateElement()));
        conditions = conditions.stream().filter(c -> ChartReading.text(c.getCode()) != null).toList();
        Set<String> ambiguousConditions = mixed(allConditions, c -> ConditionTerms.key(String.valueOf(ChartReading.text(c.getCode()))),
                c -> ChartReading.status(c.getClinicalStatus()) + "/" + c.hasAbatement());

        List<FamilyMemberHistory> family = chart.all(FamilyMemberHistory.class);
        List<String> conditionTexts = new ArrayList<>();
        allConditions.forEach(c -> conditionTexts.add(String.valueOf(ChartReading.text(c.getCode()))));
        family.forEach(f -> f.getCondition().forEach(c -> conditionTexts.add(String.valueOf(ChartReading.text(c.getCode())))));

        List<ObservationTemplates.Reading> readings = readings(sink, chart);
        Observation unrelated = null;
        for (String loinc : UNRELATED_LOINC) {
            unrelated = readings.stream().filter(r -> r.loinc().equals(loinc)).map(ObservationTemplates.Reading::observation)
                    .findFirst().orElse(null);
            if (unrelated != null) {
                break;
            }
        }
        ConditionTemplates.generate(sink, conditions, ambiguousConditions, unrelated, family, conditionTexts);

        List<MedicationRequest> allRequests = chart.all(MedicationRequest.class).stream()
                .filter(MedicationRequest::hasMedicationCodeableConcept).toList();
        Function<MedicationRequest, String> ingredient = m -> {
            String name = ChartReading.text(m.getMedicationCodeableConcept());
            Drugs.Drug drug = Drugs.parse(name);
            return drug != null ? drug.ingredient() : Drugs.shortName(String.valueOf(name));
        };
        List<MedicationRequest> requests = latest(allRequests, m -> String.valueOf(ChartReading.text(m.getMedicationCodeableConcept())),
                m -> ChartReading.day(m.getAuthoredOnElement()));
        Set<String> ambiguousDrugs = mixed(allRequests, ingredient, m -> m.hasStatus() ? m.getStatus().toCode() : "");
        List<AllergyIntolerance> allergies = latest(chart.all(AllergyIntolerance.class),
                a -> String.valueOf(ChartReading.text(a.getCode())), a -> ChartReading.day(a.getRecordedDateElement()));
        List<String> drugTexts = new ArrayList<>();
        allRequests.forEach(m -> drugTexts.add(String.valueOf(ChartReading.text(m.getMedicationCodeableConcept()))));
        allergies.forEach(a -> drugTexts.add(String.valueOf(ChartReading.text(a.getCode()))));
        AllergyTemplates.generate(sink, allergies, requests);
        MedicationTemplates.generate(sink, requests, ambiguousDrugs, conditions, drugTexts);

        ObservationTemplates.generate(sink, readings);
        List<Observation> panels = latest(chart.all(Observation.class).stream().filter(BloodPressureTemplates::isPanel).toList(),
                o -> "bp", o -> o.hasEffectiveDateTimeType() ? ChartReading.day(o.getEffectiveDateTimeType()) : "");
        panels.forEach(panel -> BloodPressureTemplates.generate(sink, panel, 2));
        if (chartName.startsWith("corpus-note:") || chartName.startsWith("resource:notes-")) {
            NoteTemplates.generate(sink);
        }
        return sink.capped(CAP_PER_CHART);
    }

    /** The latest readable quantity observation per LOINC code. */
    private static List<ObservationTemplates.Reading> readings(ItemSink sink, ClinicalChart chart) {
        Map<String, ObservationTemplates.Reading> byCode = new LinkedHashMap<>();
        for (Observation observation : chart.all(Observation.class)) {
            ObservationTemplates.Reading reading = ObservationTemplates.read(sink, observation);
            if (reading == null) {
                continue;
            }
            ObservationTemplates.Reading seen = byCode.get(reading.analyte().name());
            if (seen == null || reading.day().compareTo(seen.day()) >= 0) {
                byCode.put(reading.analyte().name(), reading);
            }
        }
        return new ArrayList<>(byCode.values());
    }

    /** One resource per key: the one with the latest date (the later in the chart on a tie), in first-seen order. */
    private static <T extends Resource> List<T> latest(List<T> resources, Function<T, String> key, Function<T, String> date) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T resource : resources) {
            String k = key.apply(resource);
            T seen = out.get(k);
            if (seen == null || String.valueOf(date.apply(resource)).compareTo(String.valueOf(date.apply(seen))) >= 0) {
                out.put(k, resource);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Keys whose resources carry more than one status. */
    private static <T> Set<String> mixed(List<T> resources, Function<T, String> key, Function<T, String> status) {
        Map<String, Set<String>> statuses = new HashMap<>();
        for (T resource : resources) {
            statuses.computeIfAbsent(key.apply(resource), k -> new HashSet<>()).add(status.apply(resource));
        }
        Set<String> out = new HashSet<>();
        statuses.forEach((k, v) -> {
            if (v.size() > 1) {
                out.add(k);
            }
        });
        return out;
    }
}
