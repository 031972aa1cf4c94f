package io.chartbrief.summary;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny random-weight gemma3 model as GGUF v3 (F32 tensors, 32-byte alignment) so tests drive the real
 * llama.cpp path without downloading anything. Per STACK-NOTES: gemma3 needs {@code attention.sliding_window},
 * no {@code output.weight} (embeddings are tied) and at least 6 blocks; the vocabulary is byte-level
 * ({@code <0xNN>} tokens with token_type BYTE) plus the Gemma turn markers, and the Gemma chat template is embedded.
 * About 1 MB; random weights emit gibberish, which the grammar still shapes into JSON.
 */
public final class TinyGgufModel {

    private static final int EMBD = 64;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = EMBD / HEADS;
    private static final int FF = 128;
    private static final int LAYERS = 6;
    private static final int ALIGNMENT = 32;

    static final String GEMMA_TEMPLATE = "{{ bos_token }}{%- if messages[0]['role'] == 'system' -%}"
            + "{%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}{%- set loop_messages = messages[1:] -%}"
            + "{%- else -%}{%- set first_user_prefix = \"\" -%}{%- set loop_messages = messages -%}{%- endif -%}"
            + "{%- for message in loop_messages -%}{%- if (message['role'] == 'assistant') -%}{%- set role = \"model\" -%}"
            + "{%- else -%}{%- set role = message['role'] -%}{%- endif -%}"
            + "{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else \"\") }}"
            + "{{ message['content'] | trim }}{{ '<end_of_turn>\\n' }}{%- endfor -%}"
            + "{%- if add_generation_prompt -%}{{'<start_of_turn>model\\n'}}{%- endif -%}";

    private record Tensor(String name, long[] dims) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private TinyGgufModel() {
    }

    /** Writes the model to {@code file} (deterministic for a seed). */
    public static Path write(Path file, long seed) throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6);
        }
        int vocab = tokens.size();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor("token_embd.weight", new long[] {EMBD, vocab}));
        tensors.add(new Tensor("output_norm.weight", new long[] {EMBD}));
        for (int i = 0; i < LAYERS; i++) {
            String p = "blk." + i + ".";
            tensors.add(new Tensor(p + "attn_norm.weight", new long[] {EMBD}));
            tensors.add(new Tensor(p + "attn_q.weight", new long[] {EMBD, HEAD_DIM * HEADS}));
            tensors.add(new Tensor(p + "attn_k.weight", new long[] {EMBD, HEAD_DIM * KV_HEADS}));
            tensors.add(new Tensor(p + "attn_v.weight", new long[] {EMBD, HEAD_DIM * KV_HEADS}));
            tensors.add(new Tensor(p + "attn_output.weight", new long[] {HEAD_DIM * HEADS, EMBD}));
            tensors.add(new Tensor(p + "attn_q_norm.weight", new long[] {HEAD_DIM}));
            tensors.add(new Tensor(p + "attn_k_norm.weight", new long[] {HEAD_DIM}));
            tensors.add(new Tensor(p + "post_attention_norm.weight", new long[] {EMBD}));
            tensors.add(new Tensor(p + "ffn_norm.weight", new long[] {EMBD}));
            tensors.add(new Tensor(p + "ffn_gate.weight", new long[] {EMBD, FF}));
            tensors.add(new Tensor(p + "ffn_up.weight", new long[] {EMBD, FF}));
            tensors.add(new Tensor(p + "ffn_down.weight", new long[] {FF, EMBD}));
            tensors.add(new Tensor(p + "post_ffw_norm.weight", new long[] {EMBD}));
        }

        Header header = new Header();
        header.string("general.architecture", "gemma3");
        header.string("general.name", "chartbrief-tiny-gemma3-test");
        header.u32("general.alignment", ALIGNMENT);
        header.u32("gemma3.context_length", 8192);
        header.u32("gemma3.embedding_length", EMBD);
        header.u32("gemma3.block_count", LAYERS);
        header.u32("gemma3.feed_forward_length", FF);
        header.u32("gemma3.attention.head_count", HEADS);
        header.u32("gemma3.attention.head_count_kv", KV_HEADS);
        header.u32("gemma3.attention.key_length", HEAD_DIM);
        header.u32("gemma3.attention.value_length", HEAD_DIM);
        header.f32("gemma3.attention.layer_norm_rms_epsilon", 1e-6f);
        header.u32("gemma3.attention.sliding_window", 512);
        header.f32("gemma3.rope.freq_base", 10000f);
        header.string("tokenizer.ggml.model", "llama");
        header.strings("tokenizer.ggml.tokens", tokens);
        float[] scores = new float[vocab];
        header.f32s("tokenizer.ggml.scores", scores);
        header.i32s("tokenizer.ggml.token_type", types);
        header.u32("tokenizer.ggml.bos_token_id", 1);
        header.u32("tokenizer.ggml.eos_token_id", 2);
        header.u32("tokenizer.ggml.unknown_token_id", 0);
        header.bool("tokenizer.ggml.add_bos_token", true);
        header.bool("tokenizer.ggml.add_eos_token", false);
        header.string("tokenizer.chat_template", GEMMA_TEMPLATE);

        Random random = new Random(seed);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
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
                le.u32(0); // GGML_TYPE_F32
                le.u64(offset);
                written += 8 + name.length + 4 + 8L * tensor.dims().length + 4 + 8;
                offset += padded(tensor.elements() * 4);
            }
            written = pad(out, written);
            for (Tensor tensor : tensors) {
                boolean norm = tensor.name().contains("norm");
                ByteBuffer data = ByteBuffer.allocate((int) tensor.elements() * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < tensor.elements(); i++) {
                    data.putFloat(norm ? 1f : (float) (random.nextGaussian() * 0.05));
                }
                out.write(data.array());
                written = pad(out, written + data.capacity());
            }
        }
        return file;
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
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
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
            le.out.write(value ? 1 : 0);
        }

        void string(String key, String value) throws IOException {
            key(key, 8);
            le.string(value);
        }

        void strings(String key, List<String> values) throws IOException {
            key(key, 9);
            le.u32(8);
            le.u64(values.size());
            for (String value : values) {
                le.string(value);
            }
        }

        void f32s(String key, float[] values) throws IOException {
            key(key, 9);
            le.u32(6);
            le.u64(values.length);
            for (float value : values) {
                le.f32(value);
            }
        }

        void i32s(String key, List<Integer> values) throws IOException {
            key(key, 9);
            le.u32(5);
            le.u64(values.size());
            for (int value : values) {
                le.u32(value);
            }
        }
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
