-- CDS Hooks: EHRs name patients and encounters by their own ids, so items keep the identifiers (system|value) of
-- the patient and encounter copies in their document, to find a patient's summary by the EHR's identifiers.
ALTER TABLE item ADD COLUMN patient_identifiers   text[] NOT NULL DEFAULT '{}';
ALTER TABLE item ADD COLUMN encounter_identifiers text[] NOT NULL DEFAULT '{}';

-- Items stored before this migration: the identifiers of their Patient / Encounter copy in the Bundle.
UPDATE item SET
    patient_identifiers = ARRAY(
        SELECT DISTINCT (i ->> 'system') || '|' || (i ->> 'value')
        FROM jsonb_path_query(bundle::jsonb,
            '$.entry[*].resource ? (@.resourceType == "Patient" && @.id == $id).identifier[*]',
            jsonb_build_object('id', substring(patient FROM 9))) AS i
        WHERE i ? 'system' AND i ? 'value'),
    encounter_identifiers = ARRAY(
        SELECT DISTINCT (i ->> 'system') || '|' || (i ->> 'value')
        FROM jsonb_path_query(bundle::jsonb,
            '$.entry[*].resource ? (@.resourceType == "Encounter" && @.id == $id).identifier[*]',
            jsonb_build_object('id', substring(encounter FROM 11))) AS i
        WHERE i ? 'system' AND i ? 'value')
WHERE bundle IS NOT NULL;

CREATE INDEX item_patient_identifiers ON item USING gin (patient_identifiers);
CREATE INDEX item_encounter_identifiers ON item USING gin (encounter_identifiers);

-- CDS Hooks feedback (CDS Hooks 2.0, Feedback): what the clinician did with a card.
CREATE TABLE cds_feedback (
    id                   uuid PRIMARY KEY,
    received             timestamptz NOT NULL DEFAULT now(),
    service              text        NOT NULL,
    client_issuer        text        NOT NULL,
    card                 text        NOT NULL,   -- the card's uuid (= the inbox item id)
    outcome              text        NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
    outcome_timestamp    timestamptz,
    override_reason      jsonb,
    accepted_suggestions jsonb
);
CREATE INDEX cds_feedback_card ON cds_feedback (card);
