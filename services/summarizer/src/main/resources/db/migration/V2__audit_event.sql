-- PHI read audit (issue 18 point 3): one FHIR AuditEvent (IHE BALP basic-audit shape) per read and patient,
-- written in the read's path by io.chartbrief.audit.AuditRecorder; AuditRelay publishes each row to ehr.audit and
-- then sets published_at. Rows are kept (the table is the durable record; retention is the operator's).
CREATE TABLE summarizer.audit_event (
    id             uuid        PRIMARY KEY,                -- AuditEvent.id
    recorded       timestamptz NOT NULL,                   -- AuditEvent.recorded
    type           text        NOT NULL,                   -- AuditEvent.type: 'rest'
    subtype        text        NOT NULL,                   -- 'read' | 'vread' | 'search' | 'update'
    action         text        NOT NULL,                   -- 'R' | 'E' | 'U'
    outcome        text        NOT NULL,                   -- '0' success, '4' minor failure (4xx), '8' serious (5xx)
    outcome_desc   text,                                   -- 'HTTP <status>'
    agent_subject  text,                                   -- the caller's token sub
    source         text        NOT NULL,                   -- the observing service
    entity_patient text,                                   -- 'Patient/<id>' (the ehr.audit key), null when none
    resource       jsonb       NOT NULL,                   -- the AuditEvent as FHIR JSON
    published_at   timestamptz                             -- when ehr.audit acknowledged it; null = not yet
);
CREATE INDEX audit_event_unpublished ON summarizer.audit_event (recorded) WHERE published_at IS NULL;
CREATE INDEX audit_event_patient ON summarizer.audit_event (entity_patient, recorded);
