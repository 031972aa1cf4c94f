package io.chartbrief.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples a Quarkus service's {@code /q/health/live} and {@code /q/health/ready} in the background (every
 * {@code interval}) while a test disturbs it, so the test can assert what the probes of an orchestrator would have
 * seen: e.g. liveness UP at every sample of a database outage, readiness DOWN during it.
 */
public final class HealthWatch implements AutoCloseable {

    /** One probe pair: when (ms since start), the HTTP statuses (200 UP, 503 DOWN, -1 no answer), ready's body. */
    public record Sample(long atMillis, int live, int ready, String readyBody) {
        public boolean liveUp() {
            return live == 200;
        }

        public boolean readyUp() {
            return ready == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI live;
    private final URI ready;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final long start = System.nanoTime();
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * @param healthRoot the service's health root, e.g. {@code http://localhost:8081/q/health}
     * @param interval   time between samples
     */
    public HealthWatch(URI healthRoot, Duration interval) {
        String root = healthRoot.toString().replaceAll("/+$", "");
        this.live = URI.create(root + "/live");
        this.ready = URI.create(root + "/ready");
        sampler = new Thread(() -> {
            while (running) {
                samples.add(sample());
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "health-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Probes once, now, outside the background sampling. */
    public Sample sample() {
        HttpResponse<String> readyAnswer = get(ready);
        HttpResponse<String> liveAnswer = get(live);
        return new Sample(Duration.ofNanos(System.nanoTime() - start).toMillis(), status(liveAnswer),
                status(readyAnswer), readyAnswer == null ? "" : readyAnswer.body());
    }

    /** Every background sample so far, oldest first. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Samples whose liveness was not UP. */
    public List<Sample> liveNotUp() {
        return samples.stream().filter(s -> !s.liveUp()).toList();
    }

    /** Samples whose readiness was not UP. */
    public List<Sample> readyNotUp() {
        return samples.stream().filter(s -> !s.readyUp()).toList();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }
}
