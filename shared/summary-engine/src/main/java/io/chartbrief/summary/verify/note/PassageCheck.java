package io.chartbrief.summary.verify.note;

import io.chartbrief.summary.verify.claim.Verdict;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.note.PassageReading.Cue;
import io.chartbrief.summary.verify.note.PassageReading.Mention;
import io.chartbrief.summary.verify.text.MatchKeys;
import java.util.List;
import java.util.Set;

/**
 * Checks that a statement says nothing a note passage does not: a paraphrase of "Denies chest pain. Mother with
 * breast cancer. Possible left lower lobe pneumonia; start ceftriaxone 1 g daily." may leave things out, but every
 * word that names something must be in the passage, asserted the same way:
 * <ul>
 *   <li>polarity: "chest pain" where the passage denies it is contradicted;</li>
 *   <li>experiencer: "breast cancer" (the patient's) where the passage gives it to the mother is contradicted, and
 *       a relative must be the passage's relative;</li>
 *   <li>certainty: "pneumonia" for "possible pneumonia", or the reverse, is unverifiable;</li>
 *   <li>status: leaving out "resolved", "history of", "stopped" is unverifiable; a different status contradicted;</li>
 *   <li>laterality: "right" where the passage says "left" of the same part is contradicted;</li>
 *   <li>numbers: each must be the passage's, with the same unit or word after it ("67-year-old", "1 g",
 *       "3 days"); another number with that unit is contradicted;</li>
 *   <li>direction and trend words ("elevated", "worsening") must be the passage's; the opposite is contradicted;</li>
 *   <li>dates must be in the passage.</li>
 * </ul>
 * Conservative by design: a faithful paraphrase in other words than the passage's (beyond the lexicon's synonyms)
 * is unverifiable, never supported. Thread-safe.
 */
public final class PassageCheck {

    private final ClinicalLexicon lexicon;

    public PassageCheck(ClinicalLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * Checks {@code statement} against {@code passage}.
     *
     * @param allowed words the statement may add without the passage having them (a section's heading words,
     *                "chief complaint"), lower-case
     */
    public Verdict check(String statement, String passage, Set<String> allowed) {
        PassageReading said = PassageReading.of(statement, lexicon);
        PassageReading source = PassageReading.of(passage, lexicon);
        Verdict verdict = Verdict.SUPPORTED;
        boolean named = false;
        for (Mention m : said.mentions) {
            if (allowed.contains(m.key())) {
                continue;
            }
            named = true;
            verdict = verdict.and(mention(m, said, source));
        }
        if (!named) {
            return Verdict.unverifiable("the statement names nothing of the cited passage");
        }
        for (Cue cue : said.cues) {
            verdict = verdict.and(cue(cue, source));
        }
        for (PassageReading.Number n : said.numbers) {
            verdict = verdict.and(number(n, source));
        }
        for (String date : said.dates) {
            if (source.dates.stream().noneMatch(d -> d.startsWith(date) || date.startsWith(d))) {
                verdict = verdict.and(Verdict.unverifiable("the date " + date + " is not in the cited passage"));
            }
        }
        for (Mention m : said.mentions) {
            if (PassageReading.LATERALITY.contains(m.key())) {
                verdict = verdict.and(laterality(m, said, source));
            }
        }
        return verdict;
    }

    private static Verdict mention(Mention m, PassageReading said, PassageReading source) {
        List<Mention> same = source.mentions.stream().filter(s -> MatchKeys.same(s.key(), m.key())).toList();
        if (same.isEmpty()) {
            if (PassageReading.LATERALITY.contains(m.key())
                    && source.mentions.stream().anyMatch(s -> PassageReading.LATERALITY.contains(s.key()))) {
                return Verdict.contradicted("the note gives another side than '" + said.words(m) + "'");
            }
            return Verdict.unverifiable("'" + said.words(m) + "' is not in the cited passage");
        }
        List<Mention> polar = same.stream().filter(s -> s.negated() == m.negated()).toList();
        if (polar.isEmpty()) {
            return Verdict.contradicted(m.negated() ? "the note records '" + said.words(m) + "' as present"
                    : "the note records '" + said.words(m) + "' as absent or denied");
        }
        List<Mention> subject = polar.stream().filter(s -> sameSubject(m.relatives(), s.relatives())).toList();
        if (subject.isEmpty()) {
            Set<String> theirs = polar.get(0).relatives();
            return Verdict.contradicted(m.relatives().isEmpty()
                    ? "the note says '" + said.words(m) + "' of the " + String.join(" ", theirs) + ", not the patient"
                    : theirs.isEmpty() ? "the note says '" + said.words(m) + "' of the patient, not a relative"
                    : "the note says '" + said.words(m) + "' of the " + String.join(" ", theirs) + ", not the "
                    + String.join(" ", m.relatives()));
        }
        if (subject.stream().noneMatch(s -> s.uncertain() == m.uncertain())) {
            String words = said.words(m);
            return Verdict.unverifiable(m.uncertain() ? "the note states '" + words + "' without uncertainty"
                    : "the note states '" + words + "' as uncertain");
        }
        // a status the passage gives it must be stated too, in any clause ("hold apixaban; start heparin")
        if (subject.stream().noneMatch(s -> qualifiersKept(s.statuses(), said.allStatuses))) {
            return Verdict.unverifiable("the statement leaves out the note's status of '" + said.words(m) + "' ("
                    + String.join(", ", subject.get(0).statuses()) + ")");
        }
        return Verdict.SUPPORTED;
    }

    /** Patient and patient, or relatives all named by the passage's clause ("family" matches any relative). */
    private static boolean sameSubject(Set<String> said, Set<String> source) {
        if (said.isEmpty() || source.isEmpty()) {
            return said.isEmpty() && source.isEmpty();
        }
        for (String r : said) {
            if (!source.contains(r) && !io.chartbrief.summary.verify.claim.Cues.FAMILY.contains(r)) {
                return false;
            }
        }
        return true;
    }

    /** A status that says the thing is not current ("resolved", "history", "stopped") may not be left out. */
    private static boolean qualifiersKept(Set<String> source, Set<String> said) {
        for (String status : source) {
            if (!"active".equals(status) && !said.contains(status)) {
                return false;
            }
        }
        return true;
    }

    private static Verdict cue(Cue cue, PassageReading source) {
        List<Cue> kind = source.cues.stream().filter(c -> c.kind().equals(cue.kind())).toList();
        if (kind.stream().anyMatch(c -> c.value().equals(cue.value()) && c.negated() == cue.negated())) {
            return Verdict.SUPPORTED;
        }
        if (!kind.isEmpty() && !"status".equals(cue.kind())) {
            return Verdict.contradicted("the note says '" + kind.get(0).word() + "', not '" + cue.word() + "'");
        }
        return Verdict.unverifiable("'" + cue.word() + "' is not in the cited passage");
    }

    private static Verdict number(PassageReading.Number n, PassageReading source) {
        boolean sameValue = false;
        for (PassageReading.Number s : source.numbers) {
            if (s.value().compareTo(n.value()) == 0) {
                if (n.unit() == null || n.unit().equals(s.unit())) {
                    return Verdict.SUPPORTED;
                }
                sameValue = true;
            }
        }
        if (n.unit() != null) {
            for (PassageReading.Number s : source.numbers) {
                if (n.unit().equals(s.unit())) {
                    return Verdict.contradicted("the note says " + s.value().toPlainString() + " " + unit(s.unit())
                            + ", not " + n.value().toPlainString());
                }
            }
        }
        return Verdict.unverifiable(sameValue ? "the number " + n.value().toPlainString()
                + " is in the cited passage with another unit" : "the number " + n.value().toPlainString()
                + " is not in the cited passage");
    }

    /** A side must be the passage's side of the same thing: the next word it qualifies must follow it there too. */
    private static Verdict laterality(Mention m, PassageReading said, PassageReading source) {
        String part = nextContent(said, m);
        if (part == null) {
            return Verdict.SUPPORTED;
        }
        boolean other = false;
        for (Mention s : source.mentions) {
            if (!PassageReading.LATERALITY.contains(s.key())) {
                continue;
            }
            String theirs = nextContent(source, s);
            if (theirs != null && MatchKeys.same(theirs, part)) {
                if (s.key().startsWith(m.key().substring(0, 4))) {
                    return Verdict.SUPPORTED;
                }
                other = true;
            }
        }
        return other ? Verdict.contradicted("the note gives the other side of '" + part + "'")
                : Verdict.unverifiable("the note does not give the side of '" + part + "'");
    }

    /** The content word right after a mention in its clause (skipping other sides and "lower", "upper"...). */
    private static String nextContent(PassageReading reading, Mention m) {
        for (Mention next : reading.mentions) {
            if (next.position() > m.position() && next.clause() == m.clause()
                    && !PassageReading.LATERALITY.contains(next.key())) {
                return next.key();
            }
        }
        return null;
    }

    private static String unit(String key) {
        return key == null ? "" : key.startsWith("u:") ? key.substring(2) : key;
    }

    /** Whitespace-insensitive equality: a quote reflowed across lines is still the passage. */
    static boolean sameText(String a, String b) {
        return squash(a).equals(squash(b));
    }

    private static String squash(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
