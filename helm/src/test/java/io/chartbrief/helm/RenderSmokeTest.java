package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RenderSmokeTest {
    @Test
    void renders() throws Exception {
        RenderedChart chart = RenderedChart.render(ValuesSet.defaults());
        Files.writeString(Path.of("target/rendered-default.yaml"), chart.yaml);
        assertThat(chart.resources).isNotEmpty();
    }
}
