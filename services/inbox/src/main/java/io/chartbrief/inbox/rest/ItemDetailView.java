package io.chartbrief.inbox.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.chartbrief.inbox.store.InboxItem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/inbox/{id}}: the item's fields plus its {@code document} and {@code evidence}. */
@Schema(name = "ItemDetail", description = "Item fields plus document (sections, recommendations, unverified items, "
        + "verification counts, engine) and evidence (reference → {type, display, date})")
public class ItemDetailView {

    private final InboxItem item;
    private final String document;
    private final String evidence;

    ItemDetailView(InboxItem item, String document, String evidence) {
        this.item = item;
        this.document = document;
        this.evidence = evidence;
    }

    @JsonUnwrapped
    public InboxItem getItem() {
        return item;
    }

    @JsonRawValue
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
            description = "{title, narrative, sections[{code,title,items[{text,evidence[],quote?{note,section,heading,"
                    + "start,end,text,title,date,context,contextStart} (note items only)}]}], "
                    + "recommendations[{text,priority,rationale,evidence[]}], "
                    + "unverified[{section,text,reason,evidence[]}] (items NOT verified against the chart: show them "
                    + "apart, labelled), verification{status,items,supported,contradicted,unverifiable} (null when "
                    + "the document carries no counts), engine{kind,model}}")
    public String getDocument() {
        return document;
    }

    @JsonRawValue
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
            description = "evidence reference (Type/id) → {type, display, date}")
    public String getEvidence() {
        return evidence;
    }
}
