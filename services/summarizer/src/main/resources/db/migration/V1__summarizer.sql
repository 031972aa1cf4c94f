-- Summarizer state (schema summarizer, owned by this service only).

-- One row per summary request: the stored summary (SummaryJson, dropped items with reasons included) and the FHIR
-- document published on ehr.summaries. request_id is the idempotency key.
CREATE TABLE IF NOT EXISTS summary (
    request_id   uuid PRIMARY KEY,
    patient      text NOT NULL,
    encounter    text,
    reason       text NOT NULL,
    engine       text,
    status       text NOT NULL CHECK (status IN ('verified', 'partially-verified', 'unverified', 'cancelled')),
    summary      jsonb,
    document     jsonb,
    document_id  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    cancelled_at timestamptz
);
CREATE INDEX IF NOT EXISTS summary_patient_created ON summary (patient, created_at DESC);

-- Crash accounting: written before every inference (a native crash kills the JVM before anything else is saved).
CREATE TABLE IF NOT EXISTS attempt (
    request_id      uuid PRIMARY KEY,
    attempts        integer NOT NULL,
    last_started_at timestamptz NOT NULL
);
