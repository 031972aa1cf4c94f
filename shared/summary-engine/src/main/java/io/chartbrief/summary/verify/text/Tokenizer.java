package io.chartbrief.summary.verify.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits clinical text into words, numbers, dates, units and punctuation, the same way for summary items and for
 * chart text so that both sides compare. Dates are read in ISO ({@code 2026-11-01}, with or without time), US
 * ({@code 11/01/2026}) and written forms ({@code Nov 1, 2026}, {@code 1 November 2026}, {@code November 2026});
 * a unit is recognized only right after a number ({@code 4.2 mEq/L}, {@code 138 beats per minute}). Hyphens
 * separate words ({@code a-fib} = {@code a fib}). Thread-safe.
 */
public final class Tokenizer {

    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?(?![a-z])";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}(?:-\\d{2})?(?:t[0-9:.]+(?:z|[+-]\\d{2}:?\\d{2})?)?(?!\\d|\\.\\d)");
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?![\\d/])");
    private static final Pattern WRITTEN_MDY = Pattern.compile(MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})");
    private static final Pattern WRITTEN_DMY = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+(\\d{4})");
    private static final Pattern WRITTEN_MY = Pattern.compile(MONTH + ",?\\s+(\\d{4})");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?|\\.\\d+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}]*\\+?");
    /** Units written after a number; longest forms first. Mapped to UCUM by {@link Units}. */
    private static final Pattern UNIT = Pattern.compile(
            "(?:giga|tera)\\.l-1|ml/min/1\\.73\\s?m2|ml/min/\\{1\\.73_m2\\}|(?:beats?|breaths?)\\s*(?:per|/)\\s*min(?:ute)?s?|per\\s+min(?:ute)?|bpm|b/min|"
            + "mm\\s?\\[?hg\\]?|(?:degrees?\\s*)?(?:°|deg\\s?)\\s?[cf](?![a-z])|degrees?\\s+(?:celsius|fahrenheit|c|f)(?![a-z])|"
            + "percent|%|"
            + "[\\p{L}µμ\\[\\]*^0-9.{}_]+(?:/[\\p{L}µμ\\[\\]*^0-9.{}_]+)+|/[\\p{L}µμ\\[\\]*^0-9.{}_]+|"
            + "[\\p{L}µμ\\[\\]{}]+");

    private Tokenizer() {
    }

    /** Tokens of a text (null reads as empty). */
    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean afterNumber = !out.isEmpty() && out.get(out.size() - 1).kind() == Token.Kind.NUMBER;
            if (afterNumber) {
                int unitEnd = unit(s, i, out);
                if (unitEnd > i) {
                    i = unitEnd;
                    continue;
                }
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int dateEnd = date(s, i, out);
                if (dateEnd > i) {
                    i = dateEnd;
                    continue;
                }
                Matcher number = NUMBER.matcher(s).region(i, s.length());
                if (number.lookingAt()) {
                    String digits = number.group().replace(",", "");
                    out.add(new Token(Token.Kind.NUMBER, digits, new BigDecimal(digits.startsWith(".") ? "0" + digits : digits), null, null));
                    i = number.end();
                    continue;
                }
            }
            if (Character.isLetter(c)) {
                int dateEnd = date(s, i, out);
                if (dateEnd > i) {
                    i = dateEnd;
                    continue;
                }
                Matcher word = WORD.matcher(s).region(i, s.length());
                if (word.lookingAt()) {
                    out.add(Token.word(word.group()));
                    i = word.end();
                    continue;
                }
            }
            if (c == '-' || c == '\'' || c == '"' || c == '`' || c == '*' || c == '_') {
                i++;   // hyphens and quotes join nothing: "a-fib" = "a fib"
                continue;
            }
            out.add(Token.punct(String.valueOf(c)));
            i++;
        }
        return out;
    }

    private static int date(String s, int i, List<Token> out) {
        Matcher iso = ISO_DATE.matcher(s).region(i, s.length());
        if (iso.lookingAt() && boundary(s, i)) {
            String value = iso.group();
            int t = value.indexOf('t');
            String day = t > 0 ? value.substring(0, t) : value;
            if (validDate(day)) {
                out.add(new Token(Token.Kind.DATE, day, null, day, null));
                return iso.end();
            }
        }
        Matcher us = US_DATE.matcher(s).region(i, s.length());
        if (us.lookingAt() && boundary(s, i)) {
            String year = us.group(3).length() == 2 ? "20" + us.group(3) : us.group(3);
            String day = year + "-" + two(us.group(1)) + "-" + two(us.group(2));
            if (validDate(day)) {
                out.add(new Token(Token.Kind.DATE, day, null, day, null));
                return us.end();
            }
        }
        Matcher mdy = WRITTEN_MDY.matcher(s).region(i, s.length());
        if (mdy.lookingAt() && boundary(s, i)) {
            String day = mdy.group(3) + "-" + month(mdy.group(1)) + "-" + two(mdy.group(2));
            if (validDate(day)) {
                out.add(new Token(Token.Kind.DATE, day, null, day, null));
                return mdy.end();
            }
        }
        Matcher dmy = WRITTEN_DMY.matcher(s).region(i, s.length());
        if (dmy.lookingAt() && boundary(s, i)) {
            String day = dmy.group(3) + "-" + month(dmy.group(2)) + "-" + two(dmy.group(1));
            if (validDate(day)) {
                out.add(new Token(Token.Kind.DATE, day, null, day, null));
                return dmy.end();
            }
        }
        Matcher my = WRITTEN_MY.matcher(s).region(i, s.length());
        if (my.lookingAt() && boundary(s, i)) {
            String month = my.group(2) + "-" + month(my.group(1));
            out.add(new Token(Token.Kind.DATE, month, null, month, null));
            return my.end();
        }
        return i;
    }

    private static int unit(String s, int i, List<Token> out) {
        Matcher words = Units.LONG.matcher(s).region(i, s.length());
        if (words.lookingAt()) {
            String ucum = Units.longName(words.group());
            if (ucum != null) {
                out.add(new Token(Token.Kind.UNIT, words.group(), null, null, ucum));
                return words.end();
            }
        }
        Matcher unit = UNIT.matcher(s).region(i, s.length());
        if (!unit.lookingAt()) {
            return i;
        }
        String written = unit.group().replaceAll("[.,;:]+$", "");
        String ucum = Units.ucum(written);
        if (ucum == null) {
            return i;
        }
        out.add(new Token(Token.Kind.UNIT, written, null, null, ucum));
        return i + written.length();
    }

    private static boolean boundary(String s, int i) {
        return i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
    }

    private static boolean validDate(String iso) {
        String[] parts = iso.split("-");
        int year = Integer.parseInt(parts[0]);
        if (year < 1800 || year > 2200) {
            return false;
        }
        if (parts.length > 1) {
            int month = Integer.parseInt(parts[1]);
            if (month < 1 || month > 12) {
                return false;
            }
        }
        if (parts.length > 2) {
            int day = Integer.parseInt(parts[2]);
            return day >= 1 && day <= 31;
        }
        return true;
    }

    private static String two(String digits) {
        return digits.length() == 1 ? "0" + digits : digits;
    }

    private static final Map<String, String> MONTHS = Map.ofEntries(Map.entry("jan", "01"), Map.entry("feb", "02"),
            Map.entry("mar", "03"), Map.entry("apr", "04"), Map.entry("may", "05"), Map.entry("jun", "06"),
            Map.entry("jul", "07"), Map.entry("aug", "08"), Map.entry("sep", "09"), Map.entry("oct", "10"),
            Map.entry("nov", "11"), Map.entry("dec", "12"));

    private static String month(String written) {
        return MONTHS.get(written.substring(0, 3));
    }
}
