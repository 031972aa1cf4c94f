package io.chartbrief.interop.hl7;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;

/** AL1 to AllergyIntolerance. */
final class AllergyMapper {

    private AllergyMapper() {
    }

    /** AL1-2 type, AL1-3 allergen, AL1-4 severity, AL1-5 reactions, AL1-6 identification date. */
    static Reference map(Er7Segment al1, ConversionContext ctx) {
        CodeableConcept code = Hl7DataTypes.codeableConcept(al1.first(3));
        if (code.isEmpty()) {
            ctx.warn("AL1-3 (allergen code) is empty; allergy skipped");
            return null;
        }
        AllergyIntolerance a = new AllergyIntolerance();
        a.setId(DeterministicIds.of("AllergyIntolerance", ctx.patientId, Hl7DataTypes.entityKey(al1.first(3))));
        a.setCode(code);
        a.setPatient(ctx.patient);
        a.setClinicalStatus(Hl7DataTypes.tableConcept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"));
        switch (al1.text(2).toUpperCase()) {
            case "DA":
            case "MC":
            case "DRUG":
                a.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
                break;
            case "FA":
            case "FOOD":
                a.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.FOOD);
                break;
            case "EA":
            case "AA":
            case "PA":
            case "LA":
                a.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT);
                break;
            default:
                break;
        }
        AllergyIntolerance.AllergyIntoleranceSeverity severity = null;
        switch (al1.text(4).toUpperCase()) {
            case "SV":
                severity = AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE;
                a.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
                break;
            case "MO":
                severity = AllergyIntolerance.AllergyIntoleranceSeverity.MODERATE;
                a.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
                break;
            case "MI":
                severity = AllergyIntolerance.AllergyIntoleranceSeverity.MILD;
                a.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
                break;
            case "U":
                a.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.UNABLETOASSESS);
                break;
            default:
                break;
        }
        // reaction.manifestation is 1..*: only build a reaction when AL1-5 names one
        AllergyIntolerance.AllergyIntoleranceReactionComponent reaction = null;
        for (Er7Value r : al1.repetitions(5)) {
            String text = r.text();
            if (!text.isEmpty()) {
                if (reaction == null) {
                    reaction = a.addReaction();
                }
                reaction.addManifestation(new CodeableConcept().setText(text));
            }
        }
        if (reaction != null && severity != null) {
            reaction.setSeverity(severity);
        }
        Hl7DateTime identified = ctx.dateTime(al1, 6, "identification date");
        if (identified != null) {
            a.setOnset(identified.toDateTime());
        }
        return ctx.bundle.add(a);
    }
}
