package io.chartbrief.chart.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * With several chart replicas, each due summary request is claimed by one of them (issue 18 point 2): replicas
 * claiming at the same moment get disjoint rows, a claim holds for its lease, a released claim is claimed again.
 * The service's own scheduler is off here, so only the test's "replicas" claim.
 */
@QuarkusTest
@TestProfile(AdmissionLedgerClaimTest.NoScheduler.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class AdmissionLedgerClaimTest {

    public static class NoScheduler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false");
        }
    }

    @Inject
    DataSource dataSource;

    private List<UUID> schedule(int count) throws Exception {
        List<AdmissionLedger.Admission> admissions = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        Instant past = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            UUID request = UUID.randomUUID();
            ids.add(request);
            admissions.add(new AdmissionLedger.Admission("claim-" + request, "p-claim-" + i, past, past, request));
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(AdmissionLedger.schedule(c, admissions)).isEqualTo(count);
        }
        return ids;
    }

    private List<AdmissionLedger.Due> claim(Duration lease) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return AdmissionLedger.claimDue(c, Instant.now(), 1000, lease).stream()
                    .filter(d -> d.encounterId().startsWith("claim-")).toList();
        }
    }

    @Test
    void concurrentReplicasClaimDisjointRowsAndTogetherAllOfThem() throws Exception {
        Set<UUID> scheduled = new HashSet<>(schedule(200));
        int replicas = 4;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AdmissionLedger.Due>>> runs = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            Callable<List<AdmissionLedger.Due>> replica = () -> {
                start.await();
                List<AdmissionLedger.Due> mine = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    try (Connection c = dataSource.getConnection()) {
                        mine.addAll(AdmissionLedger.claimDue(c, Instant.now(), 25, Duration.ofMinutes(2)));
                    }
                }
                return mine;
            };
            runs.add(pool.submit(replica));
        }
        start.countDown();
        List<UUID> claimed = new ArrayList<>();
        for (Future<List<AdmissionLedger.Due>> run : runs) {
            run.get().stream().filter(d -> d.encounterId().startsWith("claim-")).forEach(d -> claimed.add(d.requestId()));
        }
        pool.shutdown();
        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(scheduled);
        // claimed and not yet published: nobody claims them again while the lease holds
        assertThat(claim(Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void aPublishedRequestIsDoneAReleasedOneIsClaimedAgainAndAnExpiredLeaseRunsOut() throws Exception {
        schedule(3);
        List<AdmissionLedger.Due> first = claim(Duration.ofMillis(300));
        assertThat(first).hasSize(3);
        try (Connection c = dataSource.getConnection()) {
            AdmissionLedger.published(c, first.get(0));
            AdmissionLedger.release(c, List.of(first.get(1)));
        }
        // the released one at once; the third once its short lease has run out; the published one never
        assertThat(claim(Duration.ofMinutes(2))).extracting(AdmissionLedger.Due::requestId)
                .containsExactly(first.get(1).requestId());
        Thread.sleep(600);
        assertThat(claim(Duration.ofMinutes(2))).extracting(AdmissionLedger.Due::requestId)
                .containsExactly(first.get(2).requestId());
    }
}
