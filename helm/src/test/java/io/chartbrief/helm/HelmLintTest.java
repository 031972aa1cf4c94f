package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} (values.schema.json included) is clean for every values set the chart supports. */
class HelmLintTest {

    static Stream<ValuesSet> valueSets() {
        return ValuesSet.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void lintIsCleanInStrictMode(ValuesSet set, @TempDir Path work) throws Exception {
        LintResult result = RenderedChart.lint(set.files(), work);

        List<String> problems = result.getMessages().stream()
                .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]")).toList();
        assertThat(problems).as("lint messages").isEmpty();
        assertThat(result.isFailed()).as("lint failed: " + result.getMessages()).isFalse();
    }

    @Test
    void lintFailsOnValuesTheSchemaRefuses(@TempDir Path work) throws Exception {
        // A pinned sha256 of digits only, unquoted, is a YAML number: refused rather than silently mangled.
        Path values = Files.writeString(work.resolve("bad.yaml"), "summarizer:\n  model:\n    sha256: "
                + "1".repeat(64) + "\ninbox:\n  demo:\n    enabled: true\n");

        LintResult result = RenderedChart.lint(List.of(values), Files.createDirectories(work.resolve("chart")));

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("/summarizer/model/sha256", "demo");
    }
}
