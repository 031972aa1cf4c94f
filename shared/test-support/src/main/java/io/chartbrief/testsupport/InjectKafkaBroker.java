package io.chartbrief.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field of type {@link io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker} into
 * which {@link KafkaBrokerResource} injects the broker that serves the test (the isolated one when the resource
 * runs with {@code isolated=true}), so a test can stop and restart it to simulate an outage.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaBroker {
}
