package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MllpSenderPolicyTest {

    private static MllpSenderPolicy senders(String... entries) {
        return MllpSenderPolicy.of(Optional.of(List.of(entries)), Optional.empty());
    }

    @Test
    void noAllowListAdmitsAnyAddress() {
        assertThat(MllpSenderPolicy.of(Optional.empty(), Optional.empty()).allowsAddress("203.0.113.9")).isTrue();
    }

    @Test
    void cidrBlocksAndSingleAddresses() {
        MllpSenderPolicy policy = senders("10.20.0.0/16", "192.0.2.7", "2001:db8::/32");
        assertThat(policy.allowsAddress("10.20.255.1")).isTrue();
        assertThat(policy.allowsAddress("10.21.0.1")).isFalse();
        assertThat(policy.allowsAddress("192.0.2.7")).isTrue();
        assertThat(policy.allowsAddress("192.0.2.8")).isFalse();
        assertThat(policy.allowsAddress("2001:db8:1::5")).isTrue();
        assertThat(policy.allowsAddress("2001:db9::5")).isFalse();
    }

    @Test
    void ipv4MappedIpv6PeersAreComparedAsIpv4() {
        assertThat(senders("10.20.0.0/16").allowsAddress("::ffff:10.20.3.4")).isTrue();
        assertThat(senders("10.20.0.0/16").allowsAddress("::ffff:10.30.3.4")).isFalse();
    }

    @Test
    void hostNamesAndBadPrefixesFailAtStartup() {
        assertThatThrownBy(() -> senders("mirth.hospital.example")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> senders("cafe")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> senders("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> senders("10.0.0.0/x")).hasMessageContaining("prefix length");
    }

    @Test
    void noCertificateNeverMatchesASubjectAllowList() {
        MllpSenderPolicy policy = MllpSenderPolicy.of(Optional.empty(), Optional.of(List.of("CN=mirth,O=Hospital")));
        assertThat(policy.restrictsSubjects()).isTrue();
        assertThat(policy.allowsCertificate(List.of())).isFalse();
    }
}
