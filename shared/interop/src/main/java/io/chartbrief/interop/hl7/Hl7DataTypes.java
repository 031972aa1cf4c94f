package io.chartbrief.interop.hl7;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;

/**
 * HL7 v2 composite data types (CX, EI, HD, XPN, XAD, XTN, CWE/CE) to FHIR R4 data types, by position so the
 * same code serves v2.3 to v2.8.
 */
final class Hl7DataTypes {

    static final String V2_TABLE = "http://terminology.hl7.org/CodeSystem/v2-";
    static final String UCUM = "http://unitsofmeasure.org";

    /** HL7 table 0396 coding-system names to FHIR system URIs (the common ones in lab, ADT and pharmacy feeds). */
    private static final Map<String, String> SYSTEMS = Map.ofEntries(
            Map.entry("LN", "http://loinc.org"),
            Map.entry("LOINC", "http://loinc.org"),
            Map.entry("SCT", "http://snomed.info/sct"),
            Map.entry("SNM", "http://snomed.info/sct"),
            Map.entry("SNOMED", "http://snomed.info/sct"),
            Map.entry("I9", "http://hl7.org/fhir/sid/icd-9-cm"),
            Map.entry("I9C", "http://hl7.org/fhir/sid/icd-9-cm"),
            Map.entry("I9CDX", "http://hl7.org/fhir/sid/icd-9-cm"),
            Map.entry("I10", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("I10C", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("ICD10CM", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("CVX", "http://hl7.org/fhir/sid/cvx"),
            Map.entry("MVX", "http://terminology.hl7.org/CodeSystem/MVX"),
            Map.entry("NDC", "http://hl7.org/fhir/sid/ndc"),
            Map.entry("RXNORM", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            Map.entry("RXN", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            Map.entry("UCUM", UCUM),
            Map.entry("CPT", "http://www.ama-assn.org/go/cpt"),
            Map.entry("C4", "http://www.ama-assn.org/go/cpt"),
            Map.entry("NCIT", "http://ncithesaurus-stage.nci.nih.gov"),
            Map.entry("NUCC", "http://nucc.org/provider-taxonomy"));

    private Hl7DataTypes() {
    }

    /** @return FHIR system URI for an HL7 coding-system name, or {@code null} when empty */
    static String system(String name) {
        if (name.isEmpty()) {
            return null;
        }
        String known = SYSTEMS.get(name.toUpperCase());
        if (known != null) {
            return known;
        }
        if (name.length() == 7 && name.regionMatches(true, 0, "HL7", 0, 3)) {
            return V2_TABLE + name.substring(3); // HL70005 -> v2-0005
        }
        String oid = oid(name);
        if (oid != null) {
            return "urn:oid:" + oid;
        }
        return "urn:chartbrief:codesystem:" + urlPart(name);
    }

    /** CWE/CE/CNE: both triplets as codings, CWE-9 (or the first display) as text. */
    static CodeableConcept codeableConcept(Er7Value cwe) {
        CodeableConcept cc = new CodeableConcept();
        if (cwe.isEmpty()) {
            return cc;
        }
        addCoding(cc, cwe.component(1), cwe.component(2), cwe.component(3));
        addCoding(cc, cwe.component(4), cwe.component(5), cwe.component(6));
        String text = cwe.component(9);
        if (text.isEmpty()) {
            text = cwe.component(2).isEmpty() ? (cc.hasCoding() ? "" : cwe.component(1)) : cwe.component(2);
        }
        if (!text.isEmpty()) {
            cc.setText(text);
        }
        return cc;
    }

    /** @return a concept with one coding from an HL7/FHIR table, or text only for an unknown code */
    static CodeableConcept tableConcept(String system, String code, String display) {
        CodeableConcept cc = new CodeableConcept();
        if (system.startsWith(V2_TABLE) && !V2TableCodes.defines(system.substring(V2_TABLE.length()), code)) {
            // a local code (e.g. identifier type "MRN"): kept as text, not claimed as a code of the HL7 table
            return cc.setText(display == null ? code : display);
        }
        Coding c = cc.addCoding().setSystem(system).setCode(code);
        if (display != null) {
            c.setDisplay(display);
        }
        return cc;
    }

    private static void addCoding(CodeableConcept cc, String code, String display, String systemName) {
        if (code.isEmpty()) {
            return;
        }
        Coding c = cc.addCoding().setCode(code);
        String system = system(systemName);
        if (system != null) {
            c.setSystem(system);
        }
        if (!display.isEmpty()) {
            c.setDisplay(display);
        }
    }

    /** CX/EI/XCN authority (HD namespace &amp; universal id &amp; type) at component {@code c}, as a stable key. */
    static String authorityKey(Er7Value v, int c) {
        return v.sub(c, 1) + "&" + v.sub(c, 2);
    }

    /** Identifier.system for an HD authority: {@code urn:oid:} for OIDs, else a ChartBrief authority URN. */
    static String authoritySystem(Er7Value v, int c) {
        String namespace = v.sub(c, 1);
        String universal = v.sub(c, 2);
        String type = v.sub(c, 3);
        String oid = oid(universal);
        if (oid != null) {
            return "urn:oid:" + oid;
        }
        if (!universal.isEmpty() && ("URI".equalsIgnoreCase(type) || universal.startsWith("http"))) {
            return universal;
        }
        if (isOid(namespace)) {
            return "urn:oid:" + namespace;
        }
        if (!namespace.isEmpty()) {
            return "urn:chartbrief:authority:" + urlPart(namespace);
        }
        return universal.isEmpty() ? null : "urn:chartbrief:authority:" + urlPart(universal);
    }

    /** CX (id ^ check digit ^ scheme ^ authority ^ type code): CX-1 value, CX-4 system, CX-5 type. */
    static Identifier identifier(Er7Value cx) {
        Identifier id = new Identifier().setValue(cx.component(1));
        String system = authoritySystem(cx, 4);
        if (system != null) {
            id.setSystem(system);
        }
        String type = cx.component(5);
        if (!type.isEmpty()) {
            id.setType(tableConcept(V2_TABLE + "0203", type, null));
        }
        return id;
    }

    /** EI (entity id ^ namespace ^ universal id ^ type). */
    static Identifier entityIdentifier(Er7Value ei, String typeCode) {
        Identifier id = new Identifier().setValue(ei.component(1));
        String system = ei.component(3).isEmpty() && ei.component(2).isEmpty() ? null
                : systemOfEntity(ei);
        if (system != null) {
            id.setSystem(system);
        }
        if (typeCode != null) {
            id.setType(tableConcept(V2_TABLE + "0203", typeCode, null));
        }
        return id;
    }

    private static String systemOfEntity(Er7Value ei) {
        String namespace = ei.component(2);
        String universal = ei.component(3);
        String oid = oid(universal);
        if (oid != null) {
            return "urn:oid:" + oid;
        }
        return namespace.isEmpty() ? "urn:chartbrief:authority:" + urlPart(universal)
                : "urn:chartbrief:authority:" + urlPart(namespace);
    }

    /** EI as a stable key: id, namespace, universal id. */
    static String entityKey(Er7Value ei) {
        return ei.component(1) + "^" + ei.component(2) + "^" + ei.component(3);
    }

    /** XPN (family ^ given ^ middle ^ suffix ^ prefix ^ degree ^ type), starting at component {@code first}. */
    static HumanName humanName(Er7Value xpn, int first) {
        HumanName n = new HumanName();
        int o = first - 1;
        String family = xpn.component(o + 1);
        if (!family.isEmpty()) {
            n.setFamily(family);
        }
        addGiven(n, xpn.component(o + 2));
        addGiven(n, xpn.component(o + 3)); // middle name is a further given name
        if (!xpn.component(o + 4).isEmpty()) {
            n.addSuffix(xpn.component(o + 4));
        }
        if (!xpn.component(o + 5).isEmpty()) {
            n.addPrefix(xpn.component(o + 5));
        }
        if (!xpn.component(o + 6).isEmpty()) {
            n.addSuffix(xpn.component(o + 6));
        }
        if (first == 1) {
            HumanName.NameUse use = nameUse(xpn.component(7));
            if (use != null) {
                n.setUse(use);
            }
        }
        return n;
    }

    private static void addGiven(HumanName n, String given) {
        if (!given.isEmpty()) {
            n.addGiven(given);
        }
    }

    private static HumanName.NameUse nameUse(String code) {
        switch (code) {
            case "L":
                return HumanName.NameUse.OFFICIAL;
            case "D":
                return HumanName.NameUse.USUAL;
            case "M":
                return HumanName.NameUse.MAIDEN;
            case "N":
                return HumanName.NameUse.NICKNAME;
            case "A":
            case "S":
                return HumanName.NameUse.ANONYMOUS;
            case "T":
                return HumanName.NameUse.TEMP;
            default:
                return null;
        }
    }

    /** XAD (street ^ other ^ city ^ state ^ zip ^ country ^ type). */
    private static String streetLine(Er7Value xad) {
        StringBuilder line = new StringBuilder(xad.sub(1, 1));
        for (int part = 2; part <= 3; part++) {
            String more = xad.sub(1, part);
            if (!more.isEmpty()) {
                line.append(line.length() == 0 ? "" : " ").append(more);
            }
        }
        return line.toString();
    }

    static Address address(Er7Value xad) {
        Address a = new Address();
        // XAD-1 is SAD: street or mailing address & street name & dwelling number — all of it is the line
        String street = streetLine(xad);
        if (!street.isEmpty()) {
            a.addLine(street);
        }
        if (!xad.component(2).isEmpty()) {
            a.addLine(xad.component(2));
        }
        setIf(xad.component(3), a::setCity);
        setIf(xad.component(4), a::setState);
        setIf(xad.component(5), a::setPostalCode);
        setIf(xad.component(6), a::setCountry);
        setIf(xad.component(9), a::setDistrict);
        switch (xad.component(7)) {
            case "H":
            case "home":
                a.setUse(Address.AddressUse.HOME);
                break;
            case "B":
            case "O":
                a.setUse(Address.AddressUse.WORK);
                break;
            case "C":
                a.setUse(Address.AddressUse.TEMP);
                break;
            case "M":
                a.setType(Address.AddressType.POSTAL);
                break;
            default:
                break;
        }
        return a;
    }

    /** XTN: v2.3 formatted number in XTN-1, or use/equipment/email/country/area/local/extension. */
    static ContactPoint contactPoint(Er7Value xtn, ContactPoint.ContactPointUse defaultUse) {
        ContactPoint cp = new ContactPoint();
        String use = xtn.component(2);
        String equipment = xtn.component(3);
        String email = xtn.component(4);
        if ("NET".equals(use) || "Internet".equalsIgnoreCase(equipment) || "X.400".equals(equipment)) {
            cp.setSystem(ContactPoint.ContactPointSystem.EMAIL);
            cp.setValue(email.isEmpty() ? xtn.component(1) : email);
        } else {
            cp.setSystem("FX".equals(equipment) ? ContactPoint.ContactPointSystem.FAX
                    : "BP".equals(equipment) ? ContactPoint.ContactPointSystem.PAGER
                            : ContactPoint.ContactPointSystem.PHONE);
            String value = xtn.component(12);
            if (value.isEmpty()) {
                value = xtn.component(1);
            }
            if (value.isEmpty()) {
                String country = xtn.component(5);
                String area = xtn.component(6);
                String local = xtn.component(7);
                String ext = xtn.component(8);
                value = ((country.isEmpty() ? "" : "+" + country + " ") + (area.isEmpty() ? "" : "(" + area + ") ")
                        + local + (ext.isEmpty() ? "" : " x" + ext)).trim();
            }
            cp.setValue(value);
        }
        if ("CP".equals(equipment)) {
            cp.setUse(ContactPoint.ContactPointUse.MOBILE);
        } else if ("WPN".equals(use)) {
            cp.setUse(ContactPoint.ContactPointUse.WORK);
        } else if ("PRN".equals(use) || "ORN".equals(use) || "VHN".equals(use)) {
            cp.setUse(ContactPoint.ContactPointUse.HOME);
        } else if (defaultUse != null && cp.getSystem() != ContactPoint.ContactPointSystem.EMAIL) {
            cp.setUse(defaultUse);
        }
        return cp;
    }

    /**
     * The OID an HD/EI universal id names, without a {@code urn:oid:} prefix the sender may already have written
     * (so a system is never {@code urn:oid:urn:oid:…}); {@code null} when it is no OID. A universal id typed ISO
     * that is not an OID is not written as one: FHIR requires {@code urn:oid:} to carry a valid OID.
     */
    static String oid(String universal) {
        String u = universal.trim();
        if (u.regionMatches(true, 0, "urn:oid:", 0, 8)) {
            u = u.substring(8);
        }
        return isOid(u) ? u : null;
    }

    private static final java.util.regex.Pattern OID = java.util.regex.Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    /**
     * An OID FHIR accepts after {@code urn:oid:}: R4's pattern (first arc 0–2, no leading zeros), and — as HAPI's
     * validator requires — more than a root and one arc unless under 1.3 ({@code 1.23}, {@code 2.8} are placeholders
     * no assigning authority has).
     */
    static boolean isOid(String s) {
        return OID.matcher(s).matches() && (s.lastIndexOf('.') >= 4 || s.startsWith("1.3"));
    }

    static String urlPart(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void setIf(String v, java.util.function.Consumer<String> setter) {
        if (!v.isEmpty()) {
            setter.accept(v);
        }
    }
}
