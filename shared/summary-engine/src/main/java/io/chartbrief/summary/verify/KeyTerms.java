package io.chartbrief.summary.verify;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkable terms of a text: dates ({@code yyyy-mm-dd}), numbers (normalized, so {@code 5.90} = {@code 5.9}),
 * and words (lower-case; units like {@code mm[Hg]} also as {@code mmhg}). The same tokenization is applied to
 * summary items and to chart resources, so a term found on both sides matches.
 */
public record KeyTerms(Set<String> dates, Set<BigDecimal> numbers, Set<String> words) {

    private static final Pattern DATE = Pattern.compile("(?<!\\d)(\\d{4}-\\d{2}-\\d{2})(?!\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?![\\p{L}\\p{N}])");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*");

    /** Terms of one text. */
    public static KeyTerms of(String text) {
        KeyTerms terms = new KeyTerms(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        terms.add(text);
        return terms;
    }

    /** Adds the terms of another text (for building the terms of a whole resource). */
    public void add(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher dateMatcher = DATE.matcher(lower);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (dateMatcher.find()) {
            dates.add(dateMatcher.group(1));
            // Dates are one term: their parts must not also count as numbers.
            rest.append(lower, last, dateMatcher.start()).append(' ');
            last = dateMatcher.end();
        }
        rest.append(lower.substring(last));
        String remaining = rest.toString();
        Matcher number = NUMBER.matcher(remaining);
        while (number.find()) {
            String digits = number.group(1).replace(",", "") + (number.group(2) == null ? "" : number.group(2));
            numbers.add(normalize(new BigDecimal(digits)));
        }
        Matcher word = WORD.matcher(remaining);
        while (word.find()) {
            words.add(word.group());
        }
        // Units and codes written with brackets or slashes (mm[Hg], mg/dL) are often written squashed (mmHg).
        Matcher squashed = WORD.matcher(remaining.replaceAll("[\\[\\]]", ""));
        while (squashed.find()) {
            words.add(squashed.group());
        }
    }

    /** A number without trailing zeros, so equal values compare equal. */
    public static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
