-- Clinician inbox: one item per summary (request id), routed to practitioner identifiers and units.
CREATE TABLE item (
    id               uuid PRIMARY KEY,
    summary_id       text        NOT NULL,
    patient          text        NOT NULL,
    patient_name     text,
    encounter        text,
    state            text        NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'read', 'acknowledged')),
    superseded_by    uuid        REFERENCES item (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    read_at          timestamptz,
    acknowledged_at  timestamptz,
    document_time    timestamptz NOT NULL,
    engine           text        NOT NULL,
    ai_generated     boolean     NOT NULL,
    verification     text,
    headline         text        NOT NULL,
    unit             text,
    -- routing keys: 'p:<value>', 'p:<system>|<value>' for practitioners, 'u:<unit>' for units
    recipients       text[]      NOT NULL,
    -- the detail API's "document" and "evidence" (derived once at intake) and the Bundle as received
    content          jsonb       NOT NULL,
    evidence         jsonb       NOT NULL,
    bundle           text        NOT NULL,
    CONSTRAINT item_summary_unique UNIQUE (summary_id)
);
CREATE INDEX item_recipients ON item USING gin (recipients);
CREATE INDEX item_created ON item (created_at DESC);
CREATE INDEX item_patient_encounter ON item (patient, encounter) WHERE superseded_by IS NULL;

-- FHIR AuditEvent-shaped access log (reads of item details, state changes; denied attempts included).
CREATE TABLE audit_event (
    id                 uuid PRIMARY KEY,
    recorded           timestamptz NOT NULL DEFAULT now(),
    type               text        NOT NULL,  -- AuditEvent.type: 'rest' (DICOM/HL7 audit event type)
    subtype            text        NOT NULL,  -- 'read' | 'update'
    action             text        NOT NULL,  -- 'R' | 'U'
    outcome            text        NOT NULL,  -- AuditEvent.outcome: '0' success, '4' minor failure
    outcome_desc       text,
    agent_subject      text,
    agent_practitioner text,
    client_address     text,
    source             text        NOT NULL,
    entity_item        text        NOT NULL,
    entity_patient     text
);
CREATE INDEX audit_event_item ON audit_event (entity_item);
CREATE INDEX audit_event_recorded ON audit_event (recorded);
