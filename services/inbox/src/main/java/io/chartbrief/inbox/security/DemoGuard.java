package io.chartbrief.inbox.security;

import io.chartbrief.inbox.config.InboxConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses to start with demo mode outside the local demo profile ({@code demo}, never together with {@code prod}):
 * demo tokens would let anyone in, so staging or any other profile must not get them by one property. Checked when the
 * configuration is built ({@link DemoKeySource}) and again at startup.
 */
@ApplicationScoped
public class DemoGuard {

    private static final Logger LOG = Logger.getLogger(DemoGuard.class);

    void check(@Observes StartupEvent event, InboxConfig config) {
        List<String> profiles = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
        check(config.demo().enabled(), profiles);
        if (config.demo().enabled()) {
            LOG.warnf("Inbox DEMO MODE (profiles %s): a per-process key signs tokens for the demo clinicians; "
                    + "never expose this instance", profiles);
        }
    }

    /**
     * @throws IllegalStateException demo mode is enabled in a profile other than {@code demo}, or with {@code prod}
     */
    static void check(boolean demoEnabled, List<String> profiles) {
        if (demoEnabled && (!profiles.contains("demo") || profiles.contains("prod"))) {
            throw new IllegalStateException("chartbrief.inbox.demo.enabled=true is refused outside the demo profile "
                    + "(profiles " + profiles + "): demo mode hands out tokens to anyone. Unset it, or run a local stack "
                    + "with -Dquarkus.profile=demo.");
        }
    }
}
