package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/** XCN (id ^ family ^ given ^ middle ^ suffix ^ prefix ^ degree ^ source ^ authority) to Practitioner. */
final class PractitionerMapper {

    private PractitionerMapper() {
    }

    /** @return references to one Practitioner per non-empty repetition of the field */
    static List<Reference> all(Er7Segment segment, int field, ConversionContext ctx) {
        List<Reference> refs = new ArrayList<>(1);
        for (Er7Value xcn : segment.repetitions(field)) {
            Reference r = map(xcn, ctx);
            if (r != null) {
                refs.add(r);
            }
        }
        return refs;
    }

    /** @return reference to the Practitioner, or {@code null} when the XCN has neither id nor name */
    static Reference map(Er7Value xcn, ConversionContext ctx) {
        String idValue = xcn.component(1);
        HumanName name = Hl7DataTypes.humanName(xcn, 2);
        if (idValue.isEmpty() && name.isEmpty()) {
            return null;
        }
        // by id within its assigning authority when there is one; by name otherwise (weaker, but stable)
        String id = idValue.isEmpty()
                ? DeterministicIds.of("Practitioner", "name", name.getFamily(), name.getGivenAsSingleString())
                : DeterministicIds.of("Practitioner", Hl7DataTypes.authorityKey(xcn, 9), idValue);
        Practitioner p = new Practitioner();
        p.setId(id);
        if (!idValue.isEmpty()) {
            Identifier identifier = p.addIdentifier().setValue(idValue);
            String system = Hl7DataTypes.authoritySystem(xcn, 9);
            if (system != null) {
                identifier.setSystem(system);
            }
            if (!xcn.component(13).isEmpty()) {
                identifier.setType(Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0203", xcn.component(13),
                        null));
            }
        }
        if (!name.isEmpty()) {
            p.addName(name);
        }
        Reference ref = ctx.bundle.add(p);
        if (!name.isEmpty()) {
            ref.setDisplay(name.getNameAsSingleString());
        }
        return ref;
    }
}
