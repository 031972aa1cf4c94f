package io.chartbrief.summary.prompt;

import io.chartbrief.summary.chart.ChartFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Earlier encounters that differ only in their dates ("Ambulatory encounter: Well child visit (procedure)" 26
 * times) as ONE prompt line that keeps every date: {@code …; 26 visits: 2019-04-02, 2018-03-27, …}, citing every
 * encounter. No fact is lost, the repeated words are paid once (a Synthea chart's 29 earlier encounters: 29 lines →
 * 4). The verifier checks claims against the cited resources, so a claim citing the line is held to the encounter it
 * names. Order stays newest first (a group sits where its newest member was).
 */
final class RepeatedEncounters {

    private RepeatedEncounters() {
    }

    static List<ChartFact> compact(List<ChartFact> encounters) {
        Map<String, List<ChartFact>> groups = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();   // a key (String) per group, or an ungroupable fact
        for (ChartFact fact : encounters) {
            String key = sameWords(fact);
            if (key == null) {
                order.add(fact);
                continue;
            }
            if (!groups.containsKey(key)) {
                order.add(key);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(fact);
        }
        List<ChartFact> compacted = new ArrayList<>(order.size());
        for (Object entry : order) {
            if (entry instanceof ChartFact fact) {
                compacted.add(fact);
                continue;
            }
            List<ChartFact> members = groups.get(entry);
            compacted.add(members.size() == 1 ? members.get(0) : merged((String) entry, members));
        }
        return compacted;
    }

    /** Encounters in a line, for the omitted count. */
    static int encounters(ChartFact fact) {
        return (int) Math.max(1, fact.evidence().stream().filter(ref -> ref.startsWith("Encounter/")).count());
    }

    /** The text without its trailing period ({@code ; 2019-04-02} or {@code ; 2019-07-20 to 2019-07-21}), or null. */
    private static String sameWords(ChartFact fact) {
        int cut = fact.text().lastIndexOf("; ");
        if (fact.date() == null || cut < 0 || !fact.text().startsWith(fact.date(), cut + 2)) {
            return null;
        }
        return fact.text().substring(0, cut);
    }

    private static ChartFact merged(String words, List<ChartFact> members) {
        StringBuilder text = new StringBuilder(words).append("; ").append(members.size()).append(" visits: ");
        LinkedHashSet<String> evidence = new LinkedHashSet<>();
        for (int i = 0; i < members.size(); i++) {
            ChartFact member = members.get(i);
            text.append(i == 0 ? "" : ", ").append(member.text().substring(words.length() + 2));
            evidence.addAll(member.evidence());
        }
        ChartFact newest = members.get(0);
        return new ChartFact(newest.category(), List.copyOf(evidence), text.toString(), newest.date(),
                newest.sortKey());
    }
}
