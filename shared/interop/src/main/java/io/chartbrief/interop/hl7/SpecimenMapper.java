package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;

/** SPM (v2.5+), or OBR-15 specimen source in older messages, to Specimen. */
final class SpecimenMapper {

    private SpecimenMapper() {
    }

    /**
     * SPM: identifier SPM-2 (placer &amp; filler specimen ids), parent SPM-3 (by identifier), type SPM-4, collection
     * method SPM-7, body site SPM-8, quantity SPM-12, note SPM-14, collected SPM-17, received SPM-18. Id: the filler
     * (else placer) specimen id, so every message about one specimen names the same Specimen; without one, the
     * report key + SPM-1 (or position).
     *
     * @param request the ServiceRequest of the OBR the specimen belongs to, or {@code null}
     */
    static Reference fromSpm(Er7Segment spm, String reportKey, int position, Reference request,
            ConversionContext ctx) {
        Specimen s = new Specimen();
        Er7Value placer = spm.first(2).asValue(1);
        Er7Value filler = spm.first(2).asValue(2);
        if (!filler.isEmpty()) {
            s.setId(DeterministicIds.of("Specimen", "filler", Hl7DataTypes.entityKey(filler)));
        } else if (!placer.isEmpty()) {
            s.setId(DeterministicIds.of("Specimen", "placer", Hl7DataTypes.entityKey(placer)));
        } else {
            s.setId(DeterministicIds.of("Specimen", reportKey, "SPM",
                    spm.text(1).isEmpty() ? "#" + position : spm.text(1)));
        }
        if (ctx.bundle.resource("Specimen", s.getIdPart()) instanceof Specimen known) {
            // one specimen for several orders (a tube for a CBC and a BMP): one Specimen requested by each
            if (request != null) {
                known.addRequest(request);
            }
            return new Reference("Specimen/" + known.getIdPart());
        }
        if (!placer.isEmpty()) {
            s.addIdentifier(Hl7DataTypes.entityIdentifier(placer, "PLAC"));
        }
        if (!filler.isEmpty()) {
            s.addIdentifier(Hl7DataTypes.entityIdentifier(filler, "FILL"));
        }
        for (Er7Value parent : spm.repetitions(3)) {
            // a parent specimen is named, not sent: a logical reference by its id
            Er7Value id = parent.asValue(2).isEmpty() ? parent.asValue(1) : parent.asValue(2);
            if (!id.isEmpty()) {
                s.addParent(new Reference().setType("Specimen")
                        .setIdentifier(Hl7DataTypes.entityIdentifier(id, parent.asValue(2).isEmpty() ? "PLAC" : "FILL")));
            }
        }
        setIfAny(s, Hl7DataTypes.codeableConcept(spm.first(4)));
        s.setSubject(ctx.patient);
        if (request != null) {
            s.addRequest(request);
        }
        Specimen.SpecimenCollectionComponent collection = new Specimen.SpecimenCollectionComponent();
        CodeableConcept method = Hl7DataTypes.codeableConcept(spm.first(7));
        if (!method.isEmpty()) {
            collection.setMethod(method);
        }
        CodeableConcept site = Hl7DataTypes.codeableConcept(spm.first(8));
        if (!site.isEmpty()) {
            collection.setBodySite(site);
        }
        BigDecimal amount = ctx.number(spm.text(12));
        if (amount != null) {
            collection.setQuantity(ObservationMapper.quantity(amount, spm.first(12).asValue(2)));
        }
        // SPM-17 is a DR range: start (and end) of the collection, each a TS whose first subcomponent is the time
        DateTimeType start = time(spm.first(17).sub(1, 1), "SPM-17 (specimen collection date/time)", ctx);
        DateTimeType end = time(spm.first(17).sub(2, 1), "SPM-17 (specimen collection date/time)", ctx);
        collected(collection, start, end);
        if (!collection.isEmpty()) {
            s.setCollection(collection);
        }
        DateTimeType received = ctx.fhirDateTime(spm, 18, "specimen received date/time");
        if (received != null) {
            s.setReceivedTimeElement(received);
        }
        String description = spm.text(14);
        if (!description.isEmpty()) {
            s.addNote().setText(spm.first(14).text());
        }
        return ctx.bundle.add(s);
    }

    /**
     * OBR-15 specimen source (SPS, before v2.5; deprecated since): type OBR-15.1, body site OBR-15.4, collected
     * OBR-7 (to OBR-8), received OBR-14. Id: the report key, as the specimen has no id of its own there.
     */
    static Reference fromObr(Er7Segment obr, String reportKey, Reference request, ConversionContext ctx) {
        Er7Value source = obr.first(15);
        Specimen s = new Specimen();
        s.setId(DeterministicIds.of("Specimen", reportKey, "OBR-15"));
        setIfAny(s, Hl7DataTypes.codeableConcept(source.asValue(1)));
        if (!s.hasType() && !source.component(3).isEmpty()) {
            s.setType(new CodeableConcept().setText(source.component(3))); // SPS-3 free text
        }
        s.setSubject(ctx.patient);
        if (request != null) {
            s.addRequest(request);
        }
        Specimen.SpecimenCollectionComponent collection = new Specimen.SpecimenCollectionComponent();
        CodeableConcept site = Hl7DataTypes.codeableConcept(source.asValue(4));
        if (!site.isEmpty()) {
            collection.setBodySite(site);
        }
        collected(collection, ctx.fhirDateTime(obr, 7, "observation date/time"),
                ctx.fhirDateTime(obr, 8, "observation end date/time"));
        if (!collection.isEmpty()) {
            s.setCollection(collection);
        }
        DateTimeType received = ctx.fhirDateTime(obr, 14, "specimen received date/time");
        if (received != null) {
            s.setReceivedTimeElement(received);
        }
        return ctx.bundle.add(s);
    }

    private static void setIfAny(Specimen s, CodeableConcept type) {
        if (!type.isEmpty()) {
            s.setType(type);
        }
    }

    private static void collected(Specimen.SpecimenCollectionComponent c, DateTimeType start, DateTimeType end) {
        if (start != null && end != null && start.getValue().before(end.getValue())) {
            c.setCollected(new Period().setStartElement(start).setEndElement(end));
        } else if (start != null) {
            c.setCollected(start);
        }
    }

    private static DateTimeType time(String text, String label, ConversionContext ctx) {
        if (text.isEmpty()) {
            return null;
        }
        Hl7DateTime dt = Hl7DateTime.parse(text, ctx.senderZone);
        if (dt == null) {
            ctx.warn(label + " is not a valid HL7 date/time; skipped");
            return null;
        }
        return dt.toDateTime();
    }
}
