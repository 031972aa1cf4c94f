package io.chartbrief.testsupport;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a random-weight gemma3 model as GGUF v3 (32-byte alignment), so that tests and benchmarks drive the real
 * llama.cpp path without downloading anything: the one GGUF writer of the project (plain JDK, no dependencies).
 * gemma3 needs {@code attention.sliding_window}, no {@code output.weight} (tied embeddings) and at least 6 blocks;
 * the Gemma chat template is embedded. Sized by a {@link Shape}: {@link Shape#TINY} (~1 MB, F32, byte-level
 * vocabulary) for tests, {@link Shape#BENCH_75M} (F16 matrices, norms F32 as converted models have them) and
 * {@link Shape#GEMMA3_4B} (MedGemma 4B's dimensions, Q4_0) for the llama benchmark. A vocabulary beyond the specials and the 256 byte tokens is SentencePiece-style: letter pairs,
 * "▁"-prefixed pairs and letter triples, so English text tokenizes to ~3 characters per token like a real
 * tokenizer. Random weights emit gibberish, which a grammar still shapes into JSON.
 */
public final class GemmaGguf {

    private static final int ALIGNMENT = 32;

    private static final String GEMMA_TEMPLATE = "{{ bos_token }}{%- if messages[0]['role'] == 'system' -%}"
            + "{%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}{%- set loop_messages = messages[1:] -%}"
            + "{%- else -%}{%- set first_user_prefix = \"\" -%}{%- set loop_messages = messages -%}{%- endif -%}"
            + "{%- for message in loop_messages -%}{%- if (message['role'] == 'assistant') -%}{%- set role = \"model\" -%}"
            + "{%- else -%}{%- set role = message['role'] -%}{%- endif -%}"
            + "{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else \"\") }}"
            + "{{ message['content'] | trim }}{{ '<end_of_turn>\\n' }}{%- endfor -%}"
            + "{%- if add_generation_prompt -%}{{'<start_of_turn>model\\n'}}{%- endif -%}";

    /** How the matrices are stored (norms are always F32, as in converted models). */
    public enum Weights {
        F32(0),
        F16(1),
        /** ggml's Q4_0: blocks of 32 weights, an F16 scale and 16 bytes of 4-bit values (4.5 bits a weight). */
        Q4_0(2);

        final int ggmlType;

        Weights(int ggmlType) {
            this.ggmlType = ggmlType;
        }

        /** Bytes of {@code elements} weights. */
        long bytes(long elements) {
            return switch (this) {
                case F32 -> elements * 4;
                case F16 -> elements * 2;
                case Q4_0 -> elements / 32 * 18;
            };
        }
    }

    /**
     * Model dimensions.
     *
     * @param embd    embedding length
     * @param heads   attention heads
     * @param kvHeads key/value heads
     * @param headDim dimension of one head (Gemma 3: 256 at 4B, not embd / heads)
     * @param ff      feed-forward length
     * @param layers  blocks (≥ 6 for gemma3)
     * @param vocab   vocabulary size (≥ 261: specials and byte tokens)
     * @param weights storage of the matrices
     */
    public record Shape(int embd, int heads, int kvHeads, int headDim, int ff, int layers, int vocab, Weights weights) {

        /** For tests: 64 wide, 6 blocks, ff 128, a byte-level vocabulary (261 tokens), F32 (~1 MB). */
        public static final Shape TINY = new Shape(64, 4, 2, 16, 128, 6, 261, Weights.F32);
        /** For the llama benchmark: ~75M parameters, 512 wide, 12 blocks, ff 3072, 16,384 tokens, F16 (~150 MB). */
        public static final Shape BENCH_75M = new Shape(512, 8, 4, 64, 3072, 12, 16_384, Weights.F16);
        /**
         * MedGemma 4B's text model (Gemma 3 4B): 2,560 wide, 8 heads / 4 KV heads of 256, ff 10,240, 34 blocks,
         * 262,144 tokens; 3.88B parameters, Q4_0 (~2.2 GB) — the compute of a 4-bit 4B model.
         */
        public static final Shape GEMMA3_4B = new Shape(2560, 8, 4, 256, 10_240, 34, 262_144, Weights.Q4_0);
    }

    private record Tensor(String name, long[] dims, boolean matrix) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private GemmaGguf() {
    }

    /** Parameter count of a shape. */
    public static long parameters(Shape shape) {
        return tensors(shape).stream().mapToLong(Tensor::elements).sum();
    }

    private static List<Tensor> tensors(Shape s) {
        int e = s.embd();
        int q = s.headDim() * s.heads();
        int kv = s.headDim() * s.kvHeads();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor("token_embd.weight", new long[] {e, s.vocab()}, true));
        tensors.add(new Tensor("output_norm.weight", new long[] {e}, false));
        for (int i = 0; i < s.layers(); i++) {
            String p = "blk." + i + ".";
            tensors.add(new Tensor(p + "attn_norm.weight", new long[] {e}, false));
            tensors.add(new Tensor(p + "attn_q.weight", new long[] {e, q}, true));
            tensors.add(new Tensor(p + "attn_k.weight", new long[] {e, kv}, true));
            tensors.add(new Tensor(p + "attn_v.weight", new long[] {e, kv}, true));
            tensors.add(new Tensor(p + "attn_output.weight", new long[] {q, e}, true));
            tensors.add(new Tensor(p + "attn_q_norm.weight", new long[] {s.headDim()}, false));
            tensors.add(new Tensor(p + "attn_k_norm.weight", new long[] {s.headDim()}, false));
            tensors.add(new Tensor(p + "post_attention_norm.weight", new long[] {e}, false));
            tensors.add(new Tensor(p + "ffn_norm.weight", new long[] {e}, false));
            tensors.add(new Tensor(p + "ffn_gate.weight", new long[] {e, s.ff()}, true));
            tensors.add(new Tensor(p + "ffn_up.weight", new long[] {e, s.ff()}, true));
            tensors.add(new Tensor(p + "ffn_down.weight", new long[] {s.ff(), e}, true));
            tensors.add(new Tensor(p + "post_ffw_norm.weight", new long[] {e}, false));
        }
        return tensors;
    }

    private static List<String> vocabulary(int size) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        String letters = "abcdefghijklmnopqrstuvwxyz";
        List<String> pieces = new ArrayList<>();
        for (char a : letters.toCharArray()) {
            pieces.add("\u2581" + a);
        }
        for (char a : letters.toCharArray()) {
            for (char b : letters.toCharArray()) {
                pieces.add("" + a + b);
                pieces.add("\u2581" + a + b);
            }
        }
        for (char a : letters.toCharArray()) {
            for (char b : letters.toCharArray()) {
                for (char c : letters.toCharArray()) {
                    pieces.add("" + a + b + c);
                }
            }
        }
        for (int i = 0; tokens.size() < size; i++) {
            tokens.add(i < pieces.size() ? pieces.get(i) : "<extra_" + i + ">");
        }
        return tokens;
    }

    /** Writes a {@link Shape#TINY} model to {@code file} (deterministic for a seed). */
    public static Path tiny(Path file, long seed) throws IOException {
        return write(file, Shape.TINY, seed);
    }

    /**
     * Writes the model to {@code file} (deterministic for a seed), through {@code FILE.part} so that a reader never
     * sees half a model.
     */
    public static Path write(Path file, Shape s, long seed) throws IOException {
        List<String> tokens = vocabulary(s.vocab());
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            types.add(i == 0 ? 2 : i < 5 ? 3 : i < 261 ? 6 : 1);
        }
        List<Tensor> tensors = tensors(s);

        Header header = new Header();
        header.string("general.architecture", "gemma3");
        header.string("general.name", "chartbrief-random-gemma3");
        header.u32("general.alignment", ALIGNMENT);
        header.u32("gemma3.context_length", 8192);
        header.u32("gemma3.embedding_length", s.embd());
        header.u32("gemma3.block_count", s.layers());
        header.u32("gemma3.feed_forward_length", s.ff());
        header.u32("gemma3.attention.head_count", s.heads());
        header.u32("gemma3.attention.head_count_kv", s.kvHeads());
        header.u32("gemma3.attention.key_length", s.headDim());
        header.u32("gemma3.attention.value_length", s.headDim());
        header.f32("gemma3.attention.layer_norm_rms_epsilon", 1e-6f);
        header.u32("gemma3.attention.sliding_window", 512);
        header.f32("gemma3.rope.freq_base", 10000f);
        header.string("tokenizer.ggml.model", "llama");
        header.strings("tokenizer.ggml.tokens", tokens);
        header.f32s("tokenizer.ggml.scores", new float[tokens.size()]);
        header.i32s("tokenizer.ggml.token_type", types);
        header.u32("tokenizer.ggml.bos_token_id", 1);
        header.u32("tokenizer.ggml.eos_token_id", 2);
        header.u32("tokenizer.ggml.unknown_token_id", 0);
        header.bool("tokenizer.ggml.add_bos_token", true);
        header.bool("tokenizer.ggml.add_eos_token", false);
        header.string("tokenizer.chat_template", GEMMA_TEMPLATE);

        Random random = new Random(seed);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
            LittleEndian le = new LittleEndian(out);
            out.write("GGUF".getBytes(StandardCharsets.US_ASCII));
            le.u32(3);
            le.u64(tensors.size());
            le.u64(header.count);
            out.write(header.bytes.toByteArray());
            long offset = 0;
            long written = 24 + header.bytes.size();
            for (Tensor tensor : tensors) {
                byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
                le.u64(name.length);
                out.write(name);
                le.u32(tensor.dims().length);
                for (long dim : tensor.dims()) {
                    le.u64(dim);
                }
                Weights type = tensor.matrix() ? s.weights() : Weights.F32;
                le.u32(type.ggmlType);
                le.u64(offset);
                written += 8 + name.length + 4 + 8L * tensor.dims().length + 4 + 8;
                offset += padded(type.bytes(tensor.elements()));
            }
            written = pad(out, written);
            for (Tensor tensor : tensors) {
                Weights type = tensor.matrix() ? s.weights() : Weights.F32;
                long bytes = type == Weights.Q4_0 ? quantized(out, tensor.elements(), random)
                        : plain(out, tensor, type == Weights.F16, random);
                written = pad(out, written + bytes);
            }
        }
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** F32 or F16 values: norms 1, other weights Gaussian with σ 0.05. */
    private static long plain(OutputStream out, Tensor tensor, boolean half, Random random) throws IOException {
        boolean norm = tensor.name().contains("norm");
        int width = half ? 2 : 4;
        ByteBuffer data = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < tensor.elements(); i++) {
            float value = norm ? 1f : (float) (random.nextGaussian() * 0.05);
            if (half) {
                data.putShort(toHalf(value));
            } else {
                data.putFloat(value);
            }
            if (data.remaining() < width) {
                out.write(data.array(), 0, data.position());
                data.clear();
            }
        }
        out.write(data.array(), 0, data.position());
        return tensor.elements() * width;
    }

    /**
     * Q4_0 blocks of random weights: a scale near 0.011 (so that {@code scale × (q − 8)} spreads like the F16
     * models' σ 0.05) and random 4-bit values. Written in chunks: a 4B model's embedding alone is ~380 MB.
     */
    private static long quantized(OutputStream out, long elements, Random random) throws IOException {
        long blocks = elements / 32;
        byte[] chunk = new byte[18 * 4096];
        byte[] values = new byte[16];
        for (long done = 0; done < blocks; ) {
            int n = (int) Math.min(4096, blocks - done);
            for (int b = 0; b < n; b++) {
                short scale = toHalf(0.011f * (0.75f + 0.5f * random.nextFloat()));
                chunk[b * 18] = (byte) scale;
                chunk[b * 18 + 1] = (byte) (scale >> 8);
                random.nextBytes(values);
                System.arraycopy(values, 0, chunk, b * 18 + 2, 16);
            }
            out.write(chunk, 0, n * 18);
            done += n;
        }
        return blocks * 18;
    }

    /** IEEE 754 binary16, round to nearest (values here are small normals; subnormals flush to zero). */
    static short toHalf(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exponent <= 0) {
            return (short) sign;
        }
        if (exponent >= 31) {
            return (short) (sign | 0x7c00);
        }
        int half = sign | (exponent << 10) | (mantissa >> 13);
        if ((mantissa & 0x1000) != 0) {
            half++; // carries into the exponent correctly
        }
        return (short) half;
    }

    private static long padded(long size) {
        return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static long pad(OutputStream out, long written) throws IOException {
        long target = padded(written);
        for (long i = written; i < target; i++) {
            out.write(0);
        }
        return target;
    }

    /** GGUF key/value section. */
    private static final class Header {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LittleEndian le = new LittleEndian(new DataOutputStream(bytes));
        long count;

        void key(String key, int type) throws IOException {
            le.string(key);
            le.u32(type);
            count++;
        }

        void u32(String key, int value) throws IOException {
            key(key, 4);
            le.u32(value);
        }

        void f32(String key, float value) throws IOException {
            key(key, 6);
            le.f32(value);
        }

        void bool(String key, boolean value) throws IOException {
            key(key, 7);
            le.out().write(value ? 1 : 0);
        }

        void string(String key, String value) throws IOException {
            key(key, 8);
            le.string(value);
        }

        void strings(String key, List<String> values) throws IOException {
            array(key, 8, values.size(), i -> le.string(values.get(i)));
        }

        void f32s(String key, float[] values) throws IOException {
            array(key, 6, values.length, i -> le.f32(values[i]));
        }

        void i32s(String key, List<Integer> values) throws IOException {
            array(key, 5, values.size(), i -> le.u32(values.get(i)));
        }

        /** A GGUF array (type 9): element type, count, then each element. */
        private void array(String key, int elementType, int count, Element element) throws IOException {
            key(key, 9);
            le.u32(elementType);
            le.u64(count);
            for (int i = 0; i < count; i++) {
                element.write(i);
            }
        }
    }

    /** Writes the i-th element of an array. */
    private interface Element {
        void write(int i) throws IOException;
    }

    /** Little-endian primitives over a stream. */
    private record LittleEndian(DataOutputStream out) {
        void u32(int value) throws IOException {
            out.writeInt(Integer.reverseBytes(value));
        }

        void u64(long value) throws IOException {
            out.writeLong(Long.reverseBytes(value));
        }

        void f32(float value) throws IOException {
            u32(Float.floatToIntBits(value));
        }

        void string(String value) throws IOException {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            out.write(bytes);
        }
    }
}
