package io.chartbrief.cli;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7Batch;
import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.interop.hl7.SenderTimeZones;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief convert FILE...}: prints, for each HL7 v2 file, the FHIR R4 transaction Bundle the ingest
 * normalizer would publish on {@code ehr.events}; a FHIR JSON file is parsed, validated and printed back
 * normalized. Same code as the ingest service. A rejected file gets one line on stderr and exit status 1.
 */
@Command(name = "convert",
        description = "Convert HL7 v2 messages to FHIR R4 Bundles; validate and normalize FHIR R4 JSON.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every file converted", "1:at least one file rejected (reasons on stderr)",
                "2:usage error"})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "HL7 v2 (ER7) or FHIR R4 JSON files")
    List<Path> files;

    @Option(names = "--compact", description = "One JSON document per line instead of pretty-printed output")
    boolean compact;

    @Option(names = "--warnings", description = "Also print conversion warnings on stderr")
    boolean warnings;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of HL7 times without an offset when the feed has no --feed-time-zone and MSH-7 no "
                    + "offset (ingest: chartbrief.ingest.hl7.default-time-zone; default: ${DEFAULT-VALUE})")
    String defaultTimeZone;

    @Option(names = "--feed-time-zone", paramLabel = "APP^FACILITY=ZONE",
            description = "Zone of one feed's offset-less times, by MSH-3/MSH-4 (APP^FACILITY, APP or ^FACILITY); "
                    + "repeatable (ingest: chartbrief.ingest.hl7.time-zones)")
    Map<String, String> feedTimeZones = new LinkedHashMap<>();

    private Hl7v2Converter hl7v2;
    private final FhirEventNormalizer fhir = new FhirEventNormalizer();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            hl7v2 = new Hl7v2Converter(SenderTimeZones.of(defaultTimeZone, feedTimeZones));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        IParser parser = FhirContexts.r4().newJsonParser().setPrettyPrint(!compact);
        int rejected = 0;
        for (Path file : files) {
            List<Conversion> conversions;
            try {
                conversions = conversions(file);
            } catch (IOException e) {
                rejected++;
                err.println(file + ": cannot read: " + describe(e));
                err.flush();
                continue;
            }
            for (int i = 0; i < conversions.size(); i++) {
                // a file of several HL7 messages (or an FHS/BHS batch): each message is its own event
                String name = conversions.size() == 1 ? file.toString() : file + " (message " + (i + 1) + ")";
                try {
                    NormalizedEvent event = conversions.get(i).run();
                    out.println(parser.encodeResourceToString(event.bundle()));
                    if (warnings) {
                        event.warnings().forEach(w -> err.println(name + ": warning: " + w));
                    }
                } catch (ConversionException e) {
                    rejected++;
                    err.println(name + ": rejected: " + e.getMessage());
                } catch (RuntimeException e) {
                    rejected++;
                    err.println(name + ": rejected: internal error (" + e.getClass().getSimpleName() + ")");
                }
                out.flush();
                err.flush();
            }
        }
        return rejected == 0 ? 0 : 1;
    }

    private interface Conversion {
        NormalizedEvent run() throws ConversionException;
    }

    /** One conversion per FHIR file, one per HL7 v2 message of an HL7 file (batch envelopes dropped). */
    private List<Conversion> conversions(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (looksLikeJson(new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1))) {
            String json = new String(bytes, StandardCharsets.UTF_8);
            return List.of(() -> fhir.normalize(json));
        }
        String text = Hl7Bytes.decode(bytes);
        List<String> messages = Hl7Batch.split(text).messages();
        if (messages.size() <= 1) {
            return List.of(() -> hl7v2.convert(text));
        }
        return messages.stream().map(m -> (Conversion) () -> hl7v2.convert(m)).toList();
    }

    /** FHIR JSON starts with '{' (after an optional BOM and whitespace); everything else is treated as ER7. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || c == '\u00EF' || c == '\u00BB' || c == '\u00BF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{';
        }
        return false;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName();
    }
}
