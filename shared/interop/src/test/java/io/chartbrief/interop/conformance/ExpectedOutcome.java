package io.chartbrief.interop.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code conformance/expected-outcomes.tsv}: {@code file <TAB> outcome <TAB> detail} where outcome
 * is {@code convert} (detail = comma-separated resource types that must be present), {@code warn} (same, and at
 * least one warning recorded) or {@code reject} (detail = text the reason must contain).
 */
record ExpectedOutcome(String file, String outcome, String reasonOrTypes) {

    boolean rejected() {
        return outcome.equals("reject");
    }

    boolean warned() {
        return outcome.equals("warn");
    }

    List<String> types() {
        return reasonOrTypes.isBlank() ? List.of() : Arrays.stream(reasonOrTypes.split(",")).map(String::trim).toList();
    }

    static Map<String, ExpectedOutcome> load(String prefix) throws IOException {
        Map<String, ExpectedOutcome> outcomes = new HashMap<>();
        try (InputStream in = ExpectedOutcome.class.getResourceAsStream("/conformance/expected-outcomes.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols[0].startsWith(prefix)) {
                    outcomes.put(cols[0], new ExpectedOutcome(cols[0], cols[1], cols.length > 2 ? cols[2] : ""));
                }
            }
        }
        return outcomes;
    }
}
