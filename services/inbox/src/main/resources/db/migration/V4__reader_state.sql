-- Read and acknowledged state per reader (token subject): one clinician's acknowledgement never clears a
-- colleague's item. item.state / read_at / acknowledged_at (V1) are no longer written or shown; items read before
-- this migration show as new to everyone again, as nobody can tell who read them (safer than hiding them).
CREATE TABLE reader_state (
    item            uuid        NOT NULL REFERENCES item (id),
    reader          text        NOT NULL,
    read_at         timestamptz,
    acknowledged_at timestamptz,
    PRIMARY KEY (item, reader)
);
