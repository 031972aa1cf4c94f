package io.chartbrief.ingest.mllp;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Which senders may speak MLLP to us: by address (IP or CIDR block) and, on the TLS listener with client
 * certificates, by certificate subject. Entries are parsed once at startup so a typo fails the start, not a
 * connection at 3 a.m.
 */
final class MllpSenderPolicy {

    private final List<Block> blocks;
    private final List<String> subjects;

    private MllpSenderPolicy(List<Block> blocks, List<String> subjects) {
        this.blocks = blocks;
        this.subjects = subjects;
    }

    /**
     * @param senders addresses or CIDR blocks; empty: any address
     * @param subjects full subject DNs or bare CN/DNS names; empty: any certificate that chains to the trust store
     */
    static MllpSenderPolicy of(Optional<List<String>> senders, Optional<List<String>> subjects) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : senders.orElse(List.of())) {
            if (!entry.isBlank()) {
                blocks.add(Block.parse(entry.trim()));
            }
        }
        List<String> names = new ArrayList<>();
        for (String entry : subjects.orElse(List.of())) {
            if (!entry.isBlank()) {
                names.add(entry.trim());
            }
        }
        return new MllpSenderPolicy(List.copyOf(blocks), List.copyOf(names));
    }

    boolean restrictsSubjects() {
        return !subjects.isEmpty();
    }

    /** Whether a connection from this address may proceed; any address when no block is configured. */
    boolean allowsAddress(String hostAddress) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(stripZone(hostAddress)).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the peer's leaf certificate is one of the allowed subjects; any when none is configured. */
    boolean allowsCertificate(List<Certificate> chain) {
        if (subjects.isEmpty()) {
            return true;
        }
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return false;
        }
        X500Principal subject = leaf.getSubjectX500Principal();
        List<String> names = namesOf(leaf);
        for (String entry : subjects) {
            if (entry.contains("=")) {
                if (sameDistinguishedName(entry, subject)) {
                    return true;
                }
            } else if (names.contains(entry.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDistinguishedName(String entry, X500Principal subject) {
        try {
            return new X500Principal(entry).equals(subject);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The leaf's CN values and DNS subject alternative names, lower case. */
    private static List<String> namesOf(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            // A subject we cannot read names nothing; the DNS names below may still match.
        }
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (san.size() == 2 && Integer.valueOf(2).equals(san.get(0))) {
                        names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // No readable alternative names.
        }
        return names;
    }

    private static String stripZone(String hostAddress) {
        int zone = hostAddress.indexOf('%');
        return zone < 0 ? hostAddress : hostAddress.substring(0, zone);
    }

    /** One address block; IPv4-mapped IPv6 peers are compared as IPv4. */
    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.contains(":")) {
                // Literal addresses only: a host name here would make the allow-list depend on DNS.
                throw new IllegalArgumentException("chartbrief.ingest.mllp.allowed-senders: '" + entry
                        + "' is not an IP address or CIDR block");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("chartbrief.ingest.mllp.allowed-senders: '" + entry
                        + "' is not an IP address or CIDR block", e);
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("chartbrief.ingest.mllp.allowed-senders: '" + entry
                            + "' has a prefix length outside 0.." + bits);
                }
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length == 16 && network.length == 4 && isIpv4Mapped(candidate)) {
                candidate = Arrays.copyOfRange(candidate, 12, 16);
            }
            if (candidate.length != network.length) {
                return false;
            }
            if (prefix == 0) {
                return true;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE)
                    .shiftLeft(network.length * 8 - prefix);
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        private static boolean isIpv4Mapped(byte[] address) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return false;
                }
            }
            return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
        }
    }
}
