package io.chartbrief.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field of type {@link TcpProxy} into which {@link PostgresProxyResource} injects the proxy between
 * the service and PostgreSQL, so that a test can cut the database off and restore it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectDatabaseProxy {
}
