-- Summary requests are claimed before they are published, so that with several chart replicas each due request
-- is published by one of them (issue 18 point 2). A claim is a lease: a replica that dies mid-publication leaves
-- the row to be claimed again once the lease has run out (the request id is the same, so a rare second
-- publication is deduplicated downstream).
ALTER TABLE chart.admission ADD COLUMN claimed_until timestamptz;
ALTER TABLE chart.note_update ADD COLUMN claimed_until timestamptz;
