-- Listeners load an announced item together with the items it superseded (superseded_by = the new item's id).
CREATE INDEX item_superseded_by ON item (superseded_by) WHERE superseded_by IS NOT NULL;
