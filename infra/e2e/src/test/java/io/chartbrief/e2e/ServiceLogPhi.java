package io.chartbrief.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Patient data of the demo samples — names, medical record numbers, birth dates, note text — and the service log
 * lines at INFO or above that carry any of it (issue 18 point 7: no PHI at INFO or above). The markers are read from
 * the samples themselves, so a changed sample changes what is looked for.
 */
final class ServiceLogPhi {

    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (INFO|WARN|ERROR|FATAL)\\b");
    /** A JSON log line (quarkus-logging-json) at INFO or above. */
    private static final Pattern JSON_LEVEL = Pattern.compile("^\\{.*\"level\"\\s*:\\s*\"(INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\"");
    private static final Pattern BIRTH_DATE = Pattern.compile("\"birthDate\"\\s*:\\s*\"([0-9-]{10})\"");
    private static final List<String> SERVICES = List.of("ingest", "chart", "summarizer", "inbox", "outbound");

    private ServiceLogPhi() {
    }

    /** What identifies the samples' patients, as it could appear in a log line. */
    static Set<String> markers(Path samples) throws IOException {
        Set<String> markers = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(samples.resolve("hl7v2"))) {
            for (Path file : files.sorted().toList()) {
                for (String segment : Files.readString(file, StandardCharsets.ISO_8859_1).split("[\r\n]+")) {
                    String[] f = segment.split("\\|", -1);
                    if (segment.startsWith("PID|") && f.length > 7) {
                        markers.add(f[3].split("\\^")[0]);                       // MRN
                        String[] name = f[5].split("\\^");
                        markers.add(name[0]);                                    // family name
                        if (name.length > 1) {
                            markers.add(name[1]);                                // given name
                        }
                        if (f[7].length() >= 8) {
                            String dob = f[7].substring(0, 8);
                            markers.add(dob);
                            markers.add(dob.substring(0, 4) + "-" + dob.substring(4, 6) + "-" + dob.substring(6, 8));
                        }
                    } else if (segment.startsWith("OBX|") && f.length > 5 && f[5].length() > 24) {
                        markers.add(f[5]);                                       // a line of note text
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(samples.resolve("fhir"))) {
            for (Path file : files.sorted().toList()) {
                Matcher birth = BIRTH_DATE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (birth.find()) {
                    markers.add(birth.group(1));
                }
            }
        }
        markers.removeIf(m -> m.isBlank() || m.length() < 4);
        return markers;
    }

    /**
     * What a scan found: how many INFO+ JSON lines it read (so a log format it cannot read fails), the INFO+ lines
     * in text format (none when JSON was asked for), and the leaks in either.
     */
    record Scan(int linesRead, List<String> textLines, List<String> leaks) {
    }

    /** Log lines at INFO or above (JSON or text), of every service log in the run's {@code logs/}, that hold a marker. */
    static Scan scan(Path runDir, Set<String> markers) throws IOException {
        List<Pattern> patterns = markers.stream()
                .map(m -> Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(m.toLowerCase(Locale.ROOT))
                        + "(?![A-Za-z0-9])"))
                .toList();
        List<String> leaks = new ArrayList<>();
        List<String> text = new ArrayList<>();
        int read = 0;
        for (String service : SERVICES) {
            Path log = runDir.resolve("logs").resolve(service + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (LEVEL.matcher(line).find()) {
                    text.add(service + ": " + line);
                } else if (JSON_LEVEL.matcher(line).find()) {
                    read++;
                } else {
                    continue;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                for (Pattern p : patterns) {
                    if (p.matcher(lower).find()) {
                        leaks.add(service + ": " + line);
                        break;
                    }
                }
            }
        }
        return new Scan(read, text, leaks);
    }
}
