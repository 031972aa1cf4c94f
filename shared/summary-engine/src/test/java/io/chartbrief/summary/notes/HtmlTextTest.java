package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void blocksBecomeLinesAndInlineMarkupDisappears() {
        String html = "<html><head><title>Discharge</title><style>p{color:red}</style></head><body>"
                + "<h2>Assessment &amp; Plan</h2><p>Chest   pain,\n  <b>likely</b> musculoskeletal.</p>"
                + "<ul><li>Ibuprofen 400&nbsp;mg</li><li>Follow up</li></ul>"
                + "<div>Line one<br>Line two</div><script>alert('x<p>')</script>"
                + "<table><tr><td>Na</td><td>140</td></tr><tr><td>K</td><td>4.1</td></tr></table></body></html>";
        assertThat(HtmlText.strip(html)).isEqualTo("Assessment & Plan\n\nChest pain, likely musculoskeletal.\n\n"
                + "- Ibuprofen 400 mg\n- Follow up\n\nLine one\nLine two\n\nNa\t140\nK\t4.1");
    }

    @Test
    void entitiesAndLiteralAngleBrackets() {
        assertThat(HtmlText.strip("<p>K &lt; 3.5 &amp;&amp; temp 38&deg;C &#8211; &#x2192; caf&eacute; &bogus; & so</p>"))
                .isEqualTo("K < 3.5 && temp 38°C – → café &bogus; & so");
        assertThat(HtmlText.strip("HR <100 and K <3.5")).isEqualTo("HR <100 and K <3.5");
        assertThat(HtmlText.strip("a <b")).isEqualTo("a <b"); // never closed: text
    }

    @Test
    void preKeepsWhitespaceAndCommentsAreDropped() {
        assertThat(HtmlText.strip("<!-- hidden --><pre>BP  120/80\n  HR 72</pre><p>after</p>"))
                .isEqualTo("BP  120/80\n  HR 72\n\nafter");
    }

    @Test
    void xhtmlPrefixesAndQuotedAttributes() {
        assertThat(HtmlText.strip("<x:div title=\"a > b\">one</x:div><x:div>two</x:div>")).isEqualTo("one\ntwo");
    }
}
