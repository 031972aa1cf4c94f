package io.chartbrief.inbox.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerResolverTest {

    private static final String RIVERSIDE = "urn:chartbrief:authority:RIVERSIDE";
    /** Recipient keys of an item routed to Riverside's practitioner 4411 (as RecipientRouter stores them). */
    private static final List<String> RIVERSIDE_4411 = List.of(Caller.practitionerKey("4411"),
            Caller.practitionerKey(RIVERSIDE + "|4411"));
    /** The same number issued by another facility. */
    private static final List<String> LAKESIDE_4411 = List.of(Caller.practitionerKey("4411"),
            Caller.practitionerKey("urn:chartbrief:authority:LAKESIDE|4411"));

    @Test
    void withoutAConfiguredSystemABareClaimMatchesAnyAuthority() {
        Caller caller = new Caller("sub", CallerResolver.qualified("4411", Optional.empty()), List.of());

        assertThat(caller.sees(RIVERSIDE_4411)).isTrue();
        assertThat(caller.sees(LAKESIDE_4411)).isTrue();
    }

    @Test
    void aConfiguredSystemConfinesABareClaimToThatAuthority() {
        Caller caller = new Caller("sub", CallerResolver.qualified("4411", Optional.of(RIVERSIDE)), List.of());

        assertThat(caller.practitioner()).isEqualTo(RIVERSIDE + "|4411");
        assertThat(caller.sees(RIVERSIDE_4411)).isTrue();
        assertThat(caller.sees(LAKESIDE_4411)).isFalse();
    }

    @Test
    void aClaimThatNamesItsSystemIsKeptAsGiven() {
        String lakeside = "urn:chartbrief:authority:LAKESIDE|4411";

        assertThat(CallerResolver.qualified(lakeside, Optional.of(RIVERSIDE))).isEqualTo(lakeside);
        assertThat(CallerResolver.qualified("4411", Optional.of(" "))).isEqualTo("4411");
    }

    @Test
    void claimValuesAreReadFromStringsNumbersAndArrays() {
        assertThat(CallerResolver.values(List.of("5EAST", 4411, List.of("4WEST")))).containsExactly("5EAST", "4411", "4WEST");
        assertThat(CallerResolver.values(null)).isEmpty();
    }
}
