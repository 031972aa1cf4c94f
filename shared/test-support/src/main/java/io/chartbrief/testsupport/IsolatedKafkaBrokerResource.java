package io.chartbrief.testsupport;

/**
 * A {@link KafkaBrokerResource} with a broker of its own ({@code isolated=true}) that Quarkus starts after the
 * shared one. Quarkus also starts the module's global resources for a class with its own resources, and of two
 * resources returning {@code kafka.bootstrap.servers} the later one wins; it orders resources by
 * {@link #order()} before their init args are known, hence a class of its own rather than just the init arg.
 */
public class IsolatedKafkaBrokerResource extends KafkaBrokerResource {

    public IsolatedKafkaBrokerResource() {
        super(true);
    }

    @Override
    public int order() {
        return 1;
    }
}
