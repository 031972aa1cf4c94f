package io.chartbrief.inbox.rest;

import io.chartbrief.inbox.store.InboxItem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/inbox}: one page of items, newest first. */
@Schema(name = "ItemPage")
public record ItemPage(List<InboxItem> items, int limit, int offset, long total) {
}
