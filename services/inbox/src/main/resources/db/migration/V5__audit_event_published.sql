-- PHI read audit (issue 18 point 3): every audit row now also holds its FHIR AuditEvent (IHE BALP basic-audit
-- shape, resource) and when it was published to ehr.audit (published_at, set by io.chartbrief.audit.AuditRelay).
-- List calls name no single item, so entity_item may be null. Rows written before this migration have no resource
-- and are not published.
ALTER TABLE inbox.audit_event ADD COLUMN resource jsonb;
ALTER TABLE inbox.audit_event ADD COLUMN published_at timestamptz;
ALTER TABLE inbox.audit_event ALTER COLUMN entity_item DROP NOT NULL;
CREATE INDEX audit_event_unpublished ON inbox.audit_event (recorded) WHERE published_at IS NULL AND resource IS NOT NULL;
CREATE INDEX audit_event_patient ON inbox.audit_event (entity_patient, recorded);
