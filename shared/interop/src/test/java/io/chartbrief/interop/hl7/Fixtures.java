package io.chartbrief.interop.hl7;

import io.chartbrief.interop.event.NormalizedEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Resource;

/** Synthetic HL7 v2 messages (no real patients) and bundle lookups for the tests. */
final class Fixtures {

    static final String PID = "PID|1||MRN123^^^GHH&2.16.840.1.113883.19.5&ISO^MR~555-44-3333^^^SSA^SS||DOE^JANE^Q^JR^DR^^L||19800215|F|||"
            + "12 MAIN ST^APT 4^SPRINGFIELD^IL^62701^USA^H||^PRN^PH^^1^217^5551234~^NET^Internet^jane@example.org|"
            + "^WPN^PH^^^217^5559876||||||||||||||||N";

    private Fixtures() {
    }

    /** Builds a segment from (field position, value) pairs, so fixtures need no pipe counting. */
    static String seg(String name, Object... positionsAndValues) {
        java.util.TreeMap<Integer, String> fields = new java.util.TreeMap<>();
        for (int i = 0; i < positionsAndValues.length; i += 2) {
            fields.put((Integer) positionsAndValues[i], (String) positionsAndValues[i + 1]);
        }
        StringBuilder b = new StringBuilder(name);
        int last = fields.isEmpty() ? 0 : fields.lastKey();
        for (int f = 1; f <= last; f++) {
            b.append('|').append(fields.getOrDefault(f, ""));
        }
        return b.toString();
    }

    static String msg(String... segments) {
        return String.join("\r", segments);
    }

    static String msh(String type, String controlId, String version) {
        return "MSH|^~\\&|LAB|GHH|CB|CBFAC|20240301123000-0500||" + type + "|" + controlId + "|P|" + version;
    }

    static <T extends Resource> List<T> all(NormalizedEvent e, Class<T> type) {
        return e.bundle().getEntry().stream().map(x -> x.getResource()).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }

    static <T extends Resource> T one(NormalizedEvent e, Class<T> type) {
        List<T> list = all(e, type);
        if (list.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but found " + list.size());
        }
        return list.get(0);
    }
}
