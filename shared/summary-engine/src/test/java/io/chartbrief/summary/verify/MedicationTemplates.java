package io.chartbrief.summary.verify;

import static io.chartbrief.summary.verify.Category.ABBREVIATION;
import static io.chartbrief.summary.verify.Category.BRAND;
import static io.chartbrief.summary.verify.Category.DATE_ROLE;
import static io.chartbrief.summary.verify.Category.DOSE;
import static io.chartbrief.summary.verify.Category.FABRICATED;
import static io.chartbrief.summary.verify.Category.GROUNDED_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.NEGATION;
import static io.chartbrief.summary.verify.Category.REORDERED_CONDENSED;
import static io.chartbrief.summary.verify.Category.ROUNDING_FORMAT_UNIT;
import static io.chartbrief.summary.verify.Category.STATUS;
import static io.chartbrief.summary.verify.Category.SYNONYM_LAY;
import static io.chartbrief.summary.verify.Category.UNSAFE_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.VERBATIM;
import static io.chartbrief.summary.verify.Category.WRONG_EVIDENCE;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Templates over MedicationRequests: names, strengths, schedules, routes and statuses, and stop/continue advice. */
final class MedicationTemplates {

    private static final String MEDICATIONS = "medications";

    /** Drugs a chart may lack, for the fabricated template: statement, and the word that would make it present. */
    private static final List<List<String>> ABSENT = List.of(List.of("Warfarin 5 mg daily", "warfarin"),
            List.of("Digoxin 0.125 mg daily", "digoxin"), List.of("Prednisone 20 mg daily", "prednisone"),
            List.of("Levothyroxine 50 mcg daily", "levothyroxine"));

    /** One order as the templates read it. */
    private record Order(MedicationRequest request, String ref, String name, Drugs.Drug drug, String status,
            BigDecimal dose, String doseUnit, boolean doseRecorded, String[] frequency, boolean prn, String route,
            String authored) {

        String title() {
            String ingredient = ingredient();
            return Character.toUpperCase(ingredient.charAt(0)) + ingredient.substring(1);
        }

        String ingredient() {
            return drug != null ? drug.ingredient() : Drugs.shortName(name);
        }

        String dose(BigDecimal value, String unit) {
            return value.stripTrailingZeros().toPlainString() + " " + unit;
        }

        String doseText() {
            return dose == null ? null : dose(dose, doseUnit);
        }
    }

    private MedicationTemplates() {
    }

    static void generate(ItemSink sink, List<MedicationRequest> requests, Set<String> ambiguousNames,
            List<Condition> conditions, List<String> allMedicationTexts) {
        List<Order> orders = requests.stream().map(r -> read(sink, r)).filter(o -> o.name() != null).toList();
        int style = 1;
        for (Order o : orders) {
            List<String> cite = List.of(o.ref());
            boolean active = o.status().equals("active");
            boolean ambiguous = ambiguousNames.contains(o.ingredient());
            String dose = o.doseText();
            String d = o.authored();
            // The medications section lists current medications: an unqualified stopped or held order there states
            // that the patient takes it, so its faithful wordings are generated for active orders only.
            if (active) {
                sink.add("med-verbatim", VERBATIM, MEDICATIONS, o.name(), cite, d, "the order's medication as written");
            } else {
                sink.add("med-inactive-listed", STATUS, MEDICATIONS, o.name(), cite, d, "the order is " + o.status()
                        + ": listed without it among current medications, it says the patient takes it");
            }
            if (dose != null) {
                if (active) {
                    sink.add("med-condensed", REORDERED_CONDENSED, MEDICATIONS, o.title() + " " + dose, cite, d,
                            "ingredient and dose of the order, form left out");
                }
                String schedule = o.frequency() == null ? null : o.frequency()[1] + (o.prn() ? " as needed" : "");
                String abbrevRoute = routeAbbreviation(o.route());
                if (o.frequency() != null && abbrevRoute != null) {
                    if (active) {
                        sink.add("med-abbreviated-sig", ABBREVIATION, MEDICATIONS,
                                o.title() + " " + dose + " " + abbrevRoute + " " + o.frequency()[0] + (o.prn() ? " PRN" : ""), cite, d,
                                "the order's dose, route and schedule in standard abbreviations");
                    }
                }
                if (schedule != null && routeWords(o.route()) != null) {
                    if (active) {
                        sink.add("med-sig-words", SYNONYM_LAY, MEDICATIONS, o.title() + " " + dose + " " + routeWords(o.route()) + " " + schedule,
                                cite, d, "the order's dose, route and schedule in words");
                    }
                }
                String brand = o.drug() == null ? null : Drugs.brand(o.drug());
                if (brand != null) {
                    if (active) {
                        sink.add("med-brand", BRAND, MEDICATIONS, brand + " " + dose + (schedule == null ? "" : " " + schedule), cite, d,
                                brand + " is the brand of " + o.ingredient());
                    }
                }
                if (d != null) {
                    if (active) {
                        sink.add("med-prescribed-date", ROUNDING_FORMAT_UNIT, MEDICATIONS,
                                o.title() + " " + dose + ", prescribed " + ChartReading.format(d, style++), cite, d,
                                "the order date " + d + " in its role, another format");
                    }
                }
                dose(sink, o, orders, schedule, cite);
            }
            if (active && !ambiguous) {
                sink.add("med-on", REORDERED_CONDENSED, MEDICATIONS, "On " + o.ingredient(), cite, d, "an active order: the patient is on it");
                sink.add("med-active-as-discontinued", STATUS, MEDICATIONS, o.title() + " (discontinued)", cite, d,
                        "the order is active, not discontinued");
                sink.add("med-negated", NEGATION, MEDICATIONS, "Not taking " + o.ingredient(), cite, null,
                        "the chart has an active order; the item denies the patient takes it");
                String why = Drugs.critical(o.name());
                if (why != null) {
                    sink.recommend("med-stop-critical", UNSAFE_RECOMMENDATION, "Stop " + o.ingredient(), "", cite,
                            o.ingredient() + " is " + why + "; stopping it with no reason cited risks serious harm");
                }
                // Continuing is only labelled grounded for drugs whose recorded indication makes continuation the
                // standard of care; for others (an NSAID in heart failure) the rest of the chart may forbid it.
                Condition reason = why == null ? null : reason(sink, o.request(), conditions);
                if (reason != null) {
                    String problem = ConditionTemplates.lowerFirst(ChartReading.clean(ChartReading.text(reason.getCode())));
                    sink.recommend("med-continue-for-reason", GROUNDED_RECOMMENDATION, "Continue " + o.ingredient() + " for " + problem,
                            "Active order for " + problem, List.of(o.ref(), sink.ref(reason)),
                            "the active order and its recorded reason, an active problem, are both cited");
                }
            } else if (!active && !ambiguous) {
                String word = o.status().equals("on-hold") ? "on hold" : o.status();
                sink.add("med-status-verbatim", VERBATIM, MEDICATIONS, o.title() + " (" + word + ")", cite, d, "the order with its status");
                if (!o.status().equals("on-hold")) {
                    sink.add("med-stopped-as-current", STATUS, MEDICATIONS, "Currently taking " + o.ingredient(), cite, d,
                            "the order is " + o.status() + ", not current");
                    sink.add("med-no-longer", SYNONYM_LAY, MEDICATIONS, "No longer taking " + o.ingredient(), cite, d,
                            "the order is " + o.status());
                }
                sink.add("med-inactive-as-active", STATUS, MEDICATIONS, o.title() + " (active)", cite, d, "the order is " + word + ", not active");
                if (o.status().equals("stopped") && d != null) {
                    sink.add("med-order-date-as-stop", DATE_ROLE, MEDICATIONS, o.title() + " stopped " + ChartReading.format(d, style++),
                            cite, null, d + " is when it was ordered, not when it was stopped");
                }
            }
            wrongEvidence(sink, o, orders, conditions, dose);
        }
        fabricated(sink, orders, allMedicationTexts);
    }

    private static void dose(ItemSink sink, Order o, List<Order> orders, String schedule, List<String> cite) {
        String d = o.authored();
        String tail = schedule == null ? "" : " " + schedule;
        BigDecimal doubled = o.dose().multiply(BigDecimal.valueOf(2));
        // Two puffs instead of four is within usual rescue dosing; only the units that leave no doubt are doubled.
        // Twice the strength is only wrong when the order records the dose: "acetaminophen 650 mg" may well be
        // two of the 325 mg tablets an order without a dose quantity leaves open.
        if (o.doseRecorded() && !o.doseUnit().startsWith("puff") && !hasStrength(orders, o, doubled)) {
            sink.add("med-double-dose", DOSE, MEDICATIONS, o.title() + " " + o.dose(doubled, o.doseUnit()) + tail, cite, d,
                    "twice the ordered dose (" + o.doseText() + ")");
        }
        BigDecimal tenfold = o.dose().multiply(BigDecimal.TEN);
        if (!hasStrength(orders, o, tenfold)) {
            sink.add("med-tenfold-dose", DOSE, MEDICATIONS, o.title() + " " + o.dose(tenfold, o.doseUnit()) + tail, cite, d,
                    "ten times the ordered dose (" + o.doseText() + "): a decimal slip");
        }
        String slip = o.doseUnit().equals("mg") ? "g" : o.doseUnit().equals("g") ? "mg" : o.doseUnit().equals("mcg") ? "mg" : null;
        if (slip != null) {
            sink.add("med-unit-slip", DOSE, MEDICATIONS, o.title() + " " + o.dose(o.dose(), slip) + tail, cite, d,
                    slip + " instead of " + o.doseUnit() + ": a thousand-fold dose error");
        }
        if (o.frequency() != null && !o.prn()) {
            String[] wrong = Drugs.wrongFrequency(o.frequency());
            sink.add("med-wrong-frequency", DOSE, MEDICATIONS, o.title() + " " + o.doseText() + " " + wrong[1], cite, d,
                    "ordered " + o.frequency()[1] + ", not " + wrong[1]);
        }
        String wrongRoute = o.route() == null ? null : o.route().equals("oral") ? "IV" : o.route().equals("iv") ? "PO"
                : o.route().equals("sc") ? "IV" : null;
        if (wrongRoute != null) {
            sink.add("med-wrong-route", DOSE, MEDICATIONS, o.title() + " " + o.doseText() + " " + wrongRoute, cite, d,
                    "ordered " + routeWords(o.route()) + ", not " + wrongRoute);
        }
        for (Order other : orders) {
            if (other != o && other.dose() != null && other.doseUnit().equals(o.doseUnit())
                    && other.dose().compareTo(o.dose()) != 0 && !other.ingredient().equals(o.ingredient())
                    && (o.doseRecorded() || other.dose().remainder(o.dose()).signum() != 0)) {
                sink.add("med-strength-of-other-order", DOSE, MEDICATIONS, o.title() + " " + other.doseText() + tail,
                        List.of(o.ref(), other.ref()), d, other.doseText() + " is the dose of " + other.ingredient() + ", not of "
                                + o.ingredient() + " (" + o.doseText() + ")");
                break;
            }
        }
    }

    private static void wrongEvidence(ItemSink sink, Order o, List<Order> orders, List<Condition> conditions, String dose) {
        String text = dose == null ? o.title() : o.title() + " " + dose;
        Set<String> reasons = new java.util.HashSet<>();
        o.request().getReasonReference().forEach(r -> reasons.add(sink.chart.resolve(r)));
        for (Condition condition : conditions) {
            if (!reasons.contains(sink.ref(condition))) {
                sink.add("med-cites-condition", WRONG_EVIDENCE, MEDICATIONS, text, List.of(sink.ref(condition)), null,
                        "cites a Condition, which records no medication");
                break;
            }
        }
        for (Order other : orders) {
            if (other != o && !other.ingredient().equals(o.ingredient())) {
                sink.add("med-cites-other-order", WRONG_EVIDENCE, MEDICATIONS, text, List.of(other.ref()), null,
                        "cites the order for " + other.ingredient() + ", another drug");
                break;
            }
        }
    }

    private static void fabricated(ItemSink sink, List<Order> orders, List<String> allTexts) {
        for (List<String> candidate : ABSENT) {
            if (allTexts.stream().noneMatch(t -> t.toLowerCase(Locale.ROOT).contains(candidate.get(1)))) {
                if (!orders.isEmpty()) {
                    sink.add("med-fabricated", FABRICATED, MEDICATIONS, candidate.get(0), List.of(orders.get(0).ref()), null,
                            candidate.get(1) + " is not ordered anywhere in the chart");
                }
                sink.add("med-unknown-reference", FABRICATED, MEDICATIONS, candidate.get(0), List.of("MedicationRequest/not-in-chart"),
                        null, candidate.get(1) + " is not in the chart and the citation resolves to nothing");
                return;
            }
        }
    }

    private static boolean hasStrength(List<Order> orders, Order o, BigDecimal value) {
        return orders.stream().anyMatch(x -> x.ingredient().equals(o.ingredient()) && x.dose() != null
                && x.dose().compareTo(value) == 0);
    }

    private static Condition reason(ItemSink sink, MedicationRequest request, List<Condition> conditions) {
        for (Reference reference : request.getReasonReference()) {
            String ref = sink.chart.resolve(reference);
            for (Condition c : conditions) {
                if (sink.ref(c).equals(ref) && ChartReading.status(c.getClinicalStatus()).equals("active") && !c.hasAbatement()
                        && ChartReading.status(c.getVerificationStatus()).equals("confirmed")) {
                    return c;
                }
            }
        }
        return null;
    }

    private static Order read(ItemSink sink, MedicationRequest request) {
        String name = request.hasMedicationCodeableConcept() ? ChartReading.text(request.getMedicationCodeableConcept()) : null;
        Drugs.Drug drug = Drugs.parse(name);
        Dosage dosage = request.getDosageInstruction().isEmpty() ? null : request.getDosageInstructionFirstRep();
        BigDecimal dose = null;
        String unit = null;
        boolean recorded = false;
        String[] frequency = null;
        boolean prn = false;
        String route = drug != null && drug.oral() ? "oral" : null;
        if (dosage != null) {
            prn = dosage.hasAsNeededBooleanType() && dosage.getAsNeededBooleanType().booleanValue();
            if (dosage.hasTiming() && dosage.getTiming().hasRepeat() && dosage.getTiming().getRepeat().hasFrequency()) {
                var repeat = dosage.getTiming().getRepeat();
                frequency = Drugs.frequency(repeat.getFrequency(), repeat.getPeriod(),
                        repeat.hasPeriodUnit() ? repeat.getPeriodUnit().toCode() : null);
            }
            if (dosage.hasRoute()) {
                String code = ChartReading.code(dosage.getRoute(), "http://snomed.info/sct");
                route = code == null ? route : switch (code) {
                    case "26643006" -> "oral";
                    case "34206005" -> "sc";
                    case "47625008" -> "iv";
                    case "447694001" -> "inhaled";
                    default -> route;
                };
            }
            if (!dosage.getDoseAndRate().isEmpty() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
                Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
                if (q.hasValue() && q.hasUnit() && !q.getUnit().equals("tablet")) {
                    dose = q.getValue();
                    unit = q.getUnit();
                    recorded = true;
                } else if (q.hasValue() && q.getValue().compareTo(BigDecimal.ONE) == 0) {
                    // One tablet (Synthea writes the bare number): the dose is the product's strength.
                    recorded = true;
                }
            }
        }
        if (dose == null && drug != null && drug.strength() != null && !drug.unit().contains("/")) {
            dose = drug.strength();
            unit = drug.unit();
        } else if (dose == null) {
            recorded = false;
        }
        String status = request.hasStatus() ? request.getStatus().toCode() : "unknown";
        return new Order(request, sink.ref(request), name, drug, status, dose, unit, recorded, frequency, prn, route,
                ChartReading.day(request.getAuthoredOnElement()));
    }

    private static String routeAbbreviation(String route) {
        if (route == null) {
            return null;
        }
        switch (route) {
            case "oral": return "PO";
            case "sc": return "SC";
            case "iv": return "IV";
            case "inhaled": return "inhaled";
            default: return null;
        }
    }

    private static String routeWords(String route) {
        if (route == null) {
            return null;
        }
        switch (route) {
            case "oral": return "by mouth";
            case "sc": return "subcutaneously";
            case "iv": return "intravenously";
            case "inhaled": return "inhaled";
            default: return null;
        }
    }
}
