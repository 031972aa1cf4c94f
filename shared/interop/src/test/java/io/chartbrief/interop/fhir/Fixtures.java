package io.chartbrief.interop.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small hand-written FHIR fixtures under src/test/resources/fhir. */
final class Fixtures {

    private Fixtures() {
    }

    static String fhir(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fhir/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
