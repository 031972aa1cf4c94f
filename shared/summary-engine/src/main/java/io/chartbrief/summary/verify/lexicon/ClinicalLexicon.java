package io.chartbrief.summary.verify.lexicon;

import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The curated clinical lexicon (docs/clinical-lexicon.md): abbreviations, synonyms, lay terms, brand names and
 * derived terms, each mapped to the wording charts use ({@code afib} → {@code atrial fibrillation}, {@code eliquis}
 * → {@code apixaban}, {@code hypokalemia} → {@code low potassium}), plus drug classes ({@link DrugClasses}). Both
 * sides of a comparison — the summary's words and the chart's displays — are rewritten to the canonical wording,
 * so a match works in both directions. Loaded once from the classpath; immutable and thread-safe.
 */
public final class ClinicalLexicon {

    private static final String TERMS = "/io/chartbrief/summary/verify/lexicon/terms.tsv";
    private static final String CLASSES = "/io/chartbrief/summary/verify/lexicon/drug-classes.tsv";
    private static final ClinicalLexicon STANDARD = load();

    private final Map<String, List<Token>> canonicalOf;
    private final int longestVariant;
    private final DrugClasses drugClasses;

    ClinicalLexicon(Map<String, List<Token>> canonicalOf, DrugClasses drugClasses) {
        this.canonicalOf = Map.copyOf(canonicalOf);
        this.longestVariant = canonicalOf.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
        this.drugClasses = drugClasses;
    }

    /** The project's lexicon. */
    public static ClinicalLexicon standard() {
        return STANDARD;
    }

    /** Drug classes (members, nesting, which classes need a reason to stop). */
    public DrugClasses drugClasses() {
        return drugClasses;
    }

    /** Number of variant forms known (for documentation and tests). */
    public int size() {
        return canonicalOf.size();
    }

    /** The canonical wording of one variant phrase, or null when the lexicon does not know it. */
    public String canonical(String phrase) {
        List<Token> canonical = canonicalOf.get(key(Tokenizer.tokens(phrase)));
        return canonical == null ? null : canonical.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    /**
     * Rewrites every known variant (longest match first, on word and number tokens) to its canonical tokens.
     * Other tokens are kept as they are.
     */
    public List<Token> normalize(List<Token> tokens) {
        return normalize(tokens, null);
    }

    /**
     * {@link #normalize(List)} with, for each token out, the input words it stands for: a reason can then name what
     * a statement said ("fever"), not its canonical form.
     */
    public record Normalized(List<Token> tokens, List<String> sources) {
    }

    /** {@link #normalize(List)}, tracking the input words of every token out. */
    public Normalized normalizeTracked(List<Token> tokens) {
        List<String> sources = new ArrayList<>(tokens.size());
        return new Normalized(normalize(tokens, sources), sources);
    }

    private List<Token> normalize(List<Token> tokens, List<String> sources) {
        List<Token> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int replaced = 0;
            for (int length = Math.min(longestVariant, tokens.size() - i); length >= 1; length--) {
                if (!phraseTokens(tokens, i, length)) {
                    continue;
                }
                List<Token> canonical = canonicalOf.get(key(tokens.subList(i, i + length)));
                if (canonical != null) {
                    out.addAll(canonical);
                    if (sources != null) {
                        String words = tokens.subList(i, i + length).stream().map(Token::text)
                                .collect(Collectors.joining(" "));
                        canonical.forEach(t -> sources.add(words));
                    }
                    replaced = length;
                    break;
                }
            }
            if (replaced == 0) {
                out.add(tokens.get(i));
                if (sources != null) {
                    sources.add(tokens.get(i).text());
                }
                i++;
            } else {
                i += replaced;
            }
        }
        return out;
    }

    private static boolean phraseTokens(List<Token> tokens, int from, int length) {
        if (!tokens.get(from).isWord()) {
            return false;
        }
        for (int k = from + 1; k < from + length; k++) {
            Token.Kind kind = tokens.get(k).kind();
            if (kind == Token.Kind.PUNCT || kind == Token.Kind.DATE) {
                return false;
            }
        }
        return true;
    }

    static String key(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    private static ClinicalLexicon load() {
        Map<String, List<Token>> canonicalOf = new HashMap<>();
        List<String[]> rows = rows(TERMS, 3);
        for (String[] row : rows) {
            List<Token> canonical = Tokenizer.tokens(row[1]);
            for (String variant : row[2].split("\\|")) {
                List<Token> tokens = Tokenizer.tokens(variant.trim());
                String key = key(tokens);
                if (!tokens.isEmpty() && !key.equals(key(canonical))) {
                    canonicalOf.putIfAbsent(key, canonical);
                }
            }
        }
        // A canonical wording maps to itself, so that the longest match takes it whole: "systolic blood pressure" is
        // not rewritten as "systolic" (a variant) followed by "blood pressure".
        for (String[] row : rows) {
            List<Token> canonical = Tokenizer.tokens(row[1]);
            canonicalOf.putIfAbsent(key(canonical), canonical);
        }
        return new ClinicalLexicon(canonicalOf, DrugClasses.of(rows(CLASSES, 4)));
    }

    /** The TAB-separated rows of a lexicon file (comments and blank lines skipped). */
    static List<String[]> rows(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = ClinicalLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon file missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t", -1);
                if (row.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns
                            + " TAB-separated columns, found " + row.length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
