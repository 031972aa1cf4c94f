-- Re-summaries after a clinical note arrives or changes for an admission whose summary was already requested:
-- the admission H&P is often signed hours after the ADT^A01, and a note entered in error must leave the summary.
-- One row per encounter; notes arriving while a request is pending join it (one re-summary per settle window).
-- state: pending -> emitted -> pending -> ... ; cancelled once the admission is cancelled.
CREATE TABLE chart.note_update (
    encounter_id text        PRIMARY KEY,
    patient_id   text        NOT NULL,
    due_at       timestamptz NOT NULL,
    request_id   uuid        NOT NULL,
    state        text        NOT NULL,
    published    integer     NOT NULL DEFAULT 0,
    emitted_at   timestamptz
);
CREATE INDEX note_update_due ON chart.note_update (due_at) WHERE state = 'pending';
