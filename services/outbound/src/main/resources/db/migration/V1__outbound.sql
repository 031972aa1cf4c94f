-- Delivery ledger: one row per (summary, connector). The row is written before the first send and never
-- removed, so a summary read again after a restart or rebalance is never sent twice once a connector accepted it.
CREATE TABLE delivery (
    summary_id        text        NOT NULL,
    connector         text        NOT NULL,
    patient           text        NOT NULL,
    encounter         text,
    document_time     timestamptz NOT NULL,
    -- pending: claimed, not yet accepted; delivered: the receiver accepted it (AA);
    -- rejected: AR, failed: gave up after the retries (both dead-lettered, sent again if the record comes back);
    -- skipped: older than a summary of the same admission already delivered (never sent).
    status            text        NOT NULL CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'skipped')),
    -- new: first document of its admission (MDM^T02); replacement: replaces parent_summary_id (MDM^T10).
    kind              text        NOT NULL CHECK (kind IN ('new', 'replacement')),
    parent_summary_id text,
    -- Transmission id (MSH-10), kept for every resend of the same document so the receiver can spot a resend.
    transmission_id   text        NOT NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    PRIMARY KEY (summary_id, connector)
);

-- The newest delivered document of an admission: the parent a superseding summary replaces.
CREATE INDEX delivery_admission ON delivery (connector, patient, encounter, document_time DESC)
    WHERE status = 'delivered';
