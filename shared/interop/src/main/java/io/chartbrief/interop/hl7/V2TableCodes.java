package io.chartbrief.interop.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The codes FHIR R4's terminology defines for the HL7 v2 tables ChartBrief writes as codings
 * ({@code v2-table-codes.properties}). A sender's value outside its table is a local code, not a code of the HL7
 * table: writing it as one makes invalid FHIR ("Unknown code 'v2-0203#MRN'").
 */
final class V2TableCodes {

    private static final Map<String, Set<String>> TABLES = load();

    private V2TableCodes() {
    }

    /** Whether {@code code} is defined in {@code table}; {@code true} for a table this list does not hold. */
    static boolean defines(String table, String code) {
        Set<String> codes = TABLES.get(table);
        return codes == null || codes.contains(code);
    }

    private static Map<String, Set<String>> load() {
        Properties p = new Properties();
        try (InputStream in = V2TableCodes.class.getResourceAsStream("v2-table-codes.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("v2-table-codes.properties is missing", e));
        }
        Map<String, Set<String>> tables = new TreeMap<>();
        p.forEach((table, codes) -> tables.put((String) table, Set.of(((String) codes).trim().split("\\s+"))));
        return Map.copyOf(tables);
    }
}
