package io.chartbrief.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutated HL7 v2 messages from a few valid seeds: byte flips, inserted delimiters and control bytes, deleted and
 * repeated ranges, swapped and duplicated segments, huge fields and repetitions, invalid UTF-8, truncation.
 * MLLP framing bytes (0x0B, 0x1C) are replaced, so one payload stays one frame; framing is fuzzed elsewhere.
 * Deterministic for a given seed.
 */
final class Hl7Mutator {

    private static final byte[] INTERESTING = {'|', '^', '~', '\\', '&', '\r', '\n', 0, (byte) 0xFF, (byte) 0xC3,
            '"', '9', '.', '-', ' ', 0x7F};

    private final List<String> seeds;
    private final Random random;

    Hl7Mutator(List<String> seeds, Random random) {
        this.seeds = seeds;
        this.random = random;
    }

    byte[] next() {
        String seed = seeds.get(random.nextInt(seeds.size()));
        byte[] message;
        if (random.nextInt(4) == 0) {
            message = segmentMutation(seed).getBytes(StandardCharsets.UTF_8);
        } else {
            message = seed.getBytes(StandardCharsets.UTF_8);
        }
        int rounds = 1 + random.nextInt(6);
        for (int i = 0; i < rounds; i++) {
            message = byteMutation(message);
        }
        for (int i = 0; i < message.length; i++) {
            if (message[i] == 0x0B || message[i] == 0x1C) {
                message[i] = 'X';
            }
        }
        return message;
    }

    private String segmentMutation(String seed) {
        List<String> segments = new ArrayList<>(Arrays.asList(seed.split("\r")));
        int at = segments.size() > 1 ? 1 + random.nextInt(segments.size() - 1) : 0;
        switch (random.nextInt(7)) {
            case 0 -> { // many twins of one segment (the OBX twin-id worst case)
                String segment = segments.get(at);
                int copies = 1 + random.nextInt(random.nextInt(10) == 0 ? 9_000 : 300);
                for (int i = 0; i < copies; i++) {
                    segments.add(at, segment);
                }
            }
            case 1 -> segments.remove(at);
            case 2 -> java.util.Collections.swap(segments, at, random.nextInt(segments.size()));
            case 3 -> segments.set(at, segments.get(at) + "|" + "9".repeat(1 + random.nextInt(200_000)));
            case 4 -> segments.set(at, segments.get(at) + "|" + "a~".repeat(1 + random.nextInt(8_000)));
            case 5 -> segments.add(at, "NTE|1||" + "note ".repeat(1 + random.nextInt(50_000)));
            default -> segments.set(0, segments.get(0).substring(0, random.nextInt(segments.get(0).length() + 1)));
        }
        return String.join("\r", segments);
    }

    private byte[] byteMutation(byte[] in) {
        if (in.length == 0) {
            return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(6)) {
            case 0 -> { // flip one byte
                byte[] out = in.clone();
                out[at] = (byte) random.nextInt(256);
                return out;
            }
            case 1 -> { // insert an interesting byte
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                System.arraycopy(in, at, out, at + 1, in.length - at);
                return out;
            }
            case 2 -> { // delete a range
                int length = Math.min(in.length - at, 1 + random.nextInt(40));
                byte[] out = new byte[in.length - length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + length, out, at, in.length - at - length);
                return out;
            }
            case 3 -> { // repeat a range
                int length = Math.min(in.length - at, 1 + random.nextInt(40));
                int times = 1 + random.nextInt(20);
                byte[] out = Arrays.copyOf(in, in.length + length * times);
                for (int t = 0; t < times; t++) {
                    System.arraycopy(in, at, out, in.length + t * length, length);
                }
                return out;
            }
            case 4 -> { // invalid UTF-8 sequence
                byte[] out = in.clone();
                out[at] = (byte) 0xC3;
                if (at + 1 < out.length) {
                    out[at + 1] = '(';
                }
                return out;
            }
            default -> { // truncate
                return Arrays.copyOf(in, at);
            }
        }
    }
}
