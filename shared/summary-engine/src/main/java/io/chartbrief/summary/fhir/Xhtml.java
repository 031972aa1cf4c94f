package io.chartbrief.summary.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Narrative;

/** Generated XHTML narrative (a paragraph for one line, a list for several, or paragraphs and a list); text escaped. */
final class Xhtml {

    private Xhtml() {
    }

    static Narrative narrative(List<String> lines) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        if (lines.size() == 1) {
            div.append("<p>").append(escape(lines.get(0))).append("</p>");
        } else {
            div.append("<ul>");
            lines.forEach(line -> div.append("<li>").append(escape(line)).append("</li>"));
            div.append("</ul>");
        }
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.append("</div>").toString());
        return narrative;
    }

    /** Paragraphs, then (when there are any) a list. */
    static Narrative narrative(List<String> paragraphs, List<String> listItems) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        paragraphs.forEach(p -> div.append("<p>").append(escape(p)).append("</p>"));
        if (!listItems.isEmpty()) {
            div.append("<ul>");
            listItems.forEach(line -> div.append("<li>").append(escape(line)).append("</li>"));
            div.append("</ul>");
        }
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.append("</div>").toString());
        return narrative;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
