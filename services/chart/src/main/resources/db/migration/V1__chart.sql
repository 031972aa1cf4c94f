-- Chart service schema. See services/chart/README.md for the design.

-- Current version of every resource in every patient's chart. A resource that several patients share
-- (Practitioner, Organization, Location, ...) has one row per patient chart, hence patient_id in the key.
CREATE TABLE chart.resource (
    patient_id       text        NOT NULL,
    resource_type    text        NOT NULL,
    resource_id      text        NOT NULL,
    -- order key: (event_time, version_id); NULL event_time sorts before any time
    event_time       timestamptz,
    version_id       bigint      NOT NULL DEFAULT 0,
    source_event_id  text,
    source_topic     text,
    source_partition int,
    source_offset    bigint,
    body             jsonb       NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (patient_id, resource_type, resource_id)
);
CREATE INDEX resource_type_id ON chart.resource (resource_type, resource_id);
CREATE INDEX resource_patient_identifier ON chart.resource USING gin ((body -> 'identifier') jsonb_path_ops)
    WHERE resource_type = 'Patient';

-- A40 merges: events for a retired patient id are applied to the survivor (chains are followed).
CREATE TABLE chart.patient_merge (
    retired_patient_id   text PRIMARY KEY,
    surviving_patient_id text        NOT NULL,
    merged_at            timestamptz NOT NULL DEFAULT now()
);

-- Exactly-once admission trigger ledger: one row per encounter, ever.
-- state: pending -> emitted; pending -> cancelled; emitted -> cancelling -> cancel-emitted.
CREATE TABLE chart.admission (
    encounter_id        text PRIMARY KEY,
    patient_id          text        NOT NULL,
    reason              text        NOT NULL,
    admitted_at         timestamptz NOT NULL,
    due_at              timestamptz NOT NULL,
    request_id          uuid        NOT NULL UNIQUE,
    state               text        NOT NULL,
    emitted_at          timestamptz,
    cancelled_at        timestamptz,
    cancel_request_id   uuid
);
CREATE INDEX admission_due ON chart.admission (due_at) WHERE state IN ('pending', 'cancelling');
