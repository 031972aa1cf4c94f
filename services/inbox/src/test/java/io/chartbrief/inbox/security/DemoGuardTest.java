package io.chartbrief.inbox.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoGuardTest {

    @Test
    void demoModeIsRefusedOutsideTheDemoProfile() {
        assertThatThrownBy(() -> DemoGuard.check(true, List.of("prod"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chartbrief.inbox.demo.enabled=true is refused outside the demo profile");
        assertThatThrownBy(() -> DemoGuard.check(true, List.of("demo", "prod"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemoGuard.check(true, List.of("staging"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemoGuard.check(true, List.of("test"))).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> DemoGuard.check(false, List.of("staging"))).doesNotThrowAnyException();
        assertThatCode(() -> DemoGuard.check(true, List.of("demo"))).doesNotThrowAnyException();
        assertThatCode(() -> DemoGuard.check(false, List.of("prod"))).doesNotThrowAnyException();
    }
}
