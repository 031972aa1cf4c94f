package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Measured;
import io.chartbrief.summary.verify.evidence.Phrase;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.lexicon.DrugClasses;
import io.chartbrief.summary.verify.text.MatchKeys;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A short curated table of drug-condition and drug-result cautions (lexicon/drug-cautions.tsv: NSAIDs in heart
 * failure or advanced kidney disease, metformin with an eGFR below 30, potassium-raising drugs with a high
 * potassium). A recommendation to start, continue or increase a drug the table flags for this chart is
 * contradicted, with the reason. It is not a drug-interaction database: it covers the harms a summary's
 * recommendations most often get wrong.
 */
final class DrugCautions {

    private static final String RESOURCE = "/io/chartbrief/summary/verify/lexicon/drug-cautions.tsv";

    private record Caution(String drug, boolean condition, List<String> words, Set<String> loinc, char comparator,
            BigDecimal bound, String why) {
    }

    private final List<Caution> cautions;

    private DrugCautions(List<Caution> cautions) {
        this.cautions = cautions;
    }

    static DrugCautions load(ClinicalLexicon lexicon) {
        List<Caution> out = new ArrayList<>();
        try (InputStream in = DrugCautions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                if (row.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": expected 4 columns: " + line);
                }
                String drug = DrugClasses.norm(row[0]);
                if (row[1].equals("condition")) {
                    List<String> words = MatchKeys.of(lexicon.normalize(Tokenizer.tokens(row[2])));
                    out.add(new Caution(drug, true, words, Set.of(), ' ', null, row[3]));
                } else {
                    String[] parts = row[2].split(" ");
                    out.add(new Caution(drug, false, List.of(), Set.of(parts[0].split("\\|")), parts[1].charAt(0),
                            new BigDecimal(parts[1].substring(1)), row[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DrugCautions(List.copyOf(out));
    }

    /** Why the drug is unsafe for this chart, or null. */
    String caution(String drug, DrugClasses classes, ChartWideFacts chart) {
        String name = DrugClasses.norm(drug);
        for (Caution c : cautions) {
            boolean applies = c.drug().equals(name) || classes.classesOf(name).contains(c.drug())
                    || classes.expand(c.drug()).contains(name);
            if (!applies) {
                continue;
            }
            if (c.condition()) {
                for (CitedFact condition : chart.activeConditions()) {
                    if (names(condition, c.words())) {
                        return c.why() + " (" + condition.ref() + ")";
                    }
                }
            } else {
                String hit = latest(c, chart.observations());
                if (hit != null) {
                    return c.why() + " (" + hit + ")";
                }
            }
        }
        return null;
    }

    private static boolean names(CitedFact condition, List<String> words) {
        for (Phrase p : condition.phrases()) {
            if (!p.name()) {
                continue;
            }
            int at = 0;
            for (String key : p.keys()) {
                if (at < words.size() && MatchKeys.same(key, words.get(at))) {
                    at++;
                }
            }
            if (at == words.size()) {
                return true;
            }
        }
        return false;
    }

    private static String latest(Caution c, List<CitedFact> observations) {
        CitedFact newest = null;
        Measured value = null;
        for (CitedFact o : observations.stream().sorted(Comparator.comparing(CitedFact::sortKey)).toList()) {
            for (Measured m : o.values()) {
                if (m.loinc() != null && c.loinc().contains(m.loinc())) {
                    newest = o;
                    value = m;
                }
            }
        }
        if (value == null) {
            return null;
        }
        int cmp = value.value().compareTo(c.bound());
        boolean hit = c.comparator() == '<' ? cmp < 0 : cmp > 0;
        return hit ? newest.ref() : null;
    }
}
