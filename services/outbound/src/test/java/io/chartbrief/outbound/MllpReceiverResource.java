package io.chartbrief.outbound;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the MDM connector at the test's {@link MllpReceiver} (started by the tests, so they can stop it). */
public class MllpReceiverResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("chartbrief.outbound.mdm.host", "localhost",
                "chartbrief.outbound.mdm.port", Integer.toString(MllpReceiver.port()));
    }

    @Override
    public void stop() {
        MllpReceiver.instance().stop();
    }
}
