package io.chartbrief.chart.service;

import io.chartbrief.chart.store.AdmissionLedger;
import io.chartbrief.chart.store.AdmissionLedger.NoteUpdate;
import io.chartbrief.chart.store.ChartStore.Source;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which admissions a record's notes ask to summarize again. A clinical note (DocumentReference) that the record
 * created or changed — a new H&amp;P signed hours after the ADT^A01, a replacement, an addendum, a note marked entered
 * in error — belongs to the encounter its {@code context.encounter} names; a note naming none belongs to the
 * patient's latest summarized admission. A note naming an encounter that is not an admission (a clinic visit) asks
 * for nothing. Whether a re-summary is armed is decided by {@link AdmissionLedger#scheduleNoteUpdates}.
 */
final class NoteArrivals {

    private NoteArrivals() {
    }

    static List<NoteUpdate> of(Connection c, String patientId, ParsedEvent event, Set<String> changed, Source source,
            Instant dueAt) throws SQLException {
        Set<String> encounters = new LinkedHashSet<>();
        boolean unplaced = false;
        for (ParsedEvent.Entry entry : event.entries()) {
            if (!"DocumentReference".equals(entry.type()) || !changed.contains("DocumentReference/" + entry.id())) {
                continue;
            }
            String encounter = encounterId(entry.body().path("context").path("encounter").path(0).path("reference")
                    .asText(""));
            if (encounter != null) {
                encounters.add(encounter);
            } else {
                unplaced = true;
            }
        }
        if (unplaced) {
            Optional<String> latest = AdmissionLedger.latestSummarized(c, patientId);
            latest.ifPresent(encounters::add);
        }
        List<NoteUpdate> updates = new ArrayList<>(encounters.size());
        for (String encounter : encounters) {
            updates.add(new NoteUpdate(encounter, dueAt, AdmissionLedger.noteUpdateRequestId(encounter, source)));
        }
        return updates;
    }

    /** The id of {@code Encounter/<id>} (also as the tail of an absolute URL), or null. */
    static String encounterId(String reference) {
        int at = reference.lastIndexOf("Encounter/");
        if (at < 0 || (at > 0 && reference.charAt(at - 1) != '/')) {
            return null;
        }
        String id = reference.substring(at + "Encounter/".length());
        int history = id.indexOf('/');
        id = history < 0 ? id : id.substring(0, history);
        return id.isEmpty() ? null : id;
    }
}
