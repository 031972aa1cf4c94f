package io.chartbrief.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import java.lang.reflect.Field;
import java.util.function.Predicate;

/** What Quarkus does for {@code inject(TestInjector)}, for tests that drive a resource without an application. */
final class FieldInjector implements TestInjector {

    private final Object testInstance;

    FieldInjector(Object testInstance) {
        this.testInstance = testInstance;
    }

    @Override
    public void injectIntoFields(Object fieldValue, Predicate<Field> predicate) {
        for (Field field : testInstance.getClass().getDeclaredFields()) {
            if (predicate.test(field)) {
                try {
                    field.setAccessible(true);
                    field.set(testInstance, fieldValue);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
