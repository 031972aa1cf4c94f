package io.chartbrief.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one large file (a GGUF model) resumably: bytes go to {@code FILE.part}; a later run continues with an
 * HTTP {@code Range} request from its size (206 appends, 200 starts over); the finished file is checked against
 * a sha256 (given, or the {@code X-Linked-ETag}/{@code ETag} Hugging Face sends for LFS files) and only then
 * renamed atomically to its final name. A checksum mismatch deletes the download. Redirects are followed by hand
 * so the bearer token goes only to the host it was meant for (Hugging Face redirects to a CDN with signed URLs).
 * The only code in ChartBrief that downloads anything.
 */
final class ModelDownloader {

    /** Why a download failed: one line for the user. */
    static final class DownloadException extends Exception {
        DownloadException(String message) {
            super(message);
        }
    }

    /**
     * A finished download.
     *
     * @param file           the final file
     * @param bytes          its size
     * @param sha256         its sha256 (hex)
     * @param checksumSource {@code --sha256}, {@code X-Linked-ETag}, {@code ETag} or null when nothing was published
     * @param resumedFrom    bytes that were already in {@code .part} and kept (0 for a fresh download)
     */
    record Result(Path file, long bytes, String sha256, String checksumSource, long resumedFrom) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
    private static final int MAX_REDIRECTS = 10;

    private final HttpClient client;
    private final Progress progress;

    ModelDownloader(PrintWriter err, boolean terminal) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build(), new Progress(err, terminal));
    }

    ModelDownloader(HttpClient client, Progress progress) {
        this.client = client;
        this.progress = progress;
    }

    /** A sha256 as lower-case hex, or empty when the text is not one (quotes and {@code W/} are ignored). */
    static Optional<String> sha256Of(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String value = headerValue.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "").trim().toLowerCase(Locale.ROOT);
        return SHA256.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /**
     * Downloads {@code url} to {@code target}.
     *
     * @param token          bearer token (sent only to the URL's own host), or null
     * @param expectedSha256 lower-case hex, or null to use the server's checksum header when it sends one
     * @param gatedHint      what to say on 401/403 (e.g. how to accept the model's terms)
     */
    Result download(URI url, String token, Path target, String expectedSha256, String gatedHint)
            throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new DownloadException("cannot create " + target.toAbsolutePath().getParent() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        long have = size(part);
        Fetch fetch = open(url, token, have, gatedHint);
        long resumedFrom = 0;
        String headerSha = fetch.sha256;
        String headerName = fetch.sha256Header;
        try (InputStream body = fetch.response.body()) {
            int status = fetch.response.statusCode();
            long total;
            StandardOpenOption mode;
            if (status == 416) {
                Matcher m = UNSATISFIED_RANGE.matcher(fetch.response.headers().firstValue("Content-Range").orElse(""));
                if (have > 0 && m.matches() && Long.parseLong(m.group(1)) == have) {
                    progress.line("already complete: " + part.getFileName());
                    return finish(part, target, expectedSha256, headerSha, headerName, have);
                }
                // The partial file does not fit the remote file: start over.
                deleteQuietly(part);
                return download(url, token, target, expectedSha256, gatedHint);
            } else if (status == 206 && have > 0) {
                Matcher m = CONTENT_RANGE.matcher(fetch.response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new DownloadException("server answered a resume with an unexpected Content-Range; delete "
                            + part + " and try again");
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                mode = StandardOpenOption.APPEND;
                resumedFrom = have;
            } else if (status == 200) {
                total = fetch.response.headers().firstValueAsLong("Content-Length").orElse(-1);
                mode = StandardOpenOption.TRUNCATE_EXISTING; // range ignored (or fresh): start from byte 0
                have = 0;
            } else {
                throw new DownloadException("unexpected HTTP " + status + " from " + fetch.uri.getHost());
            }
            if (resumedFrom > 0) {
                progress.line("resuming " + target.getFileName() + " at " + Progress.bytes(resumedFrom));
            }
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    mode)) {
                byte[] buffer = new byte[1 << 16];
                long done = have;
                progress.start(target.getFileName().toString(), done, total);
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    progress.update(done);
                }
                progress.end(done);
                if (total >= 0 && done != total) {
                    throw new DownloadException("download incomplete (" + done + " of " + total
                            + " bytes); run the command again to resume");
                }
            }
        } catch (IOException e) {
            progress.end(-1);
            throw new DownloadException("network error while downloading (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); run the command again to resume");
        }
        return finish(part, target, expectedSha256, headerSha, headerName, resumedFrom);
    }

    private Result finish(Path part, Path target, String expected, String headerSha, String headerName,
            long resumedFrom) throws DownloadException {
        String actual = sha256(part);
        String source = null;
        String want = null;
        if (expected != null) {
            want = expected;
            source = "--sha256";
        } else if (headerSha != null) {
            want = headerSha;
            source = headerName;
        }
        if (want != null && !want.equals(actual)) {
            deleteQuietly(part);
            throw new DownloadException("checksum mismatch: expected sha256 " + want + " (" + source + "), got "
                    + actual + "; the download was deleted");
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Result(target, Files.size(target), actual, source, resumedFrom);
        } catch (IOException e) {
            throw new DownloadException("cannot move " + part + " to " + target + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private record Fetch(URI uri, HttpResponse<InputStream> response, String sha256, String sha256Header) {
    }

    /** Sends the GET (with Range when resuming), following redirects; fails on 401/403/404 and other errors. */
    private Fetch open(URI url, String token, long from, String gatedHint) throws DownloadException {
        URI uri = url;
        String sha = null;
        String shaHeader = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(10))
                    .header("User-Agent", "chartbrief-model-pull");
            if (token != null && !token.isBlank() && sameOrigin(uri, url)) {
                request.header("Authorization", "Bearer " + token.trim());
            }
            if (from > 0) {
                request.header("Range", "bytes=" + from + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new DownloadException("network error: cannot reach " + uri.getHost() + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted");
            }
            if (sha == null) {
                Optional<String> linked = sha256Of(response.headers().firstValue("X-Linked-ETag").orElse(null));
                Optional<String> etag = sha256Of(response.headers().firstValue("ETag").orElse(null));
                if (linked.isPresent()) {
                    sha = linked.get();
                    shaHeader = "X-Linked-ETag";
                } else if (etag.isPresent()) {
                    sha = etag.get();
                    shaHeader = "ETag";
                }
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                close(response);
                if (location == null) {
                    throw new DownloadException("HTTP " + status + " redirect without Location from " + uri.getHost());
                }
                uri = uri.resolve(location);
                continue;
            }
            if (status == 401 || status == 403) {
                close(response);
                throw new DownloadException("access denied (HTTP " + status + ") by " + uri.getHost() + ": "
                        + gatedHint);
            }
            if (status == 404) {
                close(response);
                throw new DownloadException("not found (HTTP 404): " + uri);
            }
            if (status == 200 || status == 206 || status == 416) {
                return new Fetch(uri, response, sha, shaHeader);
            }
            close(response);
            throw new DownloadException("HTTP " + status + " from " + uri.getHost());
        }
        throw new DownloadException("too many redirects from " + url.getHost());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort() && String.valueOf(a.getScheme()).equalsIgnoreCase(b.getScheme());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to keep
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String sha256(Path file) throws DownloadException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // streamed: models are gigabytes
            }
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new DownloadException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Progress on stderr: a redrawn bar on a terminal, a line every 10 seconds otherwise. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private String name;
        private long total;
        private long started;
        private long startBytes;
        private long lastPrint;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void line(String text) {
            err.println(text);
            err.flush();
        }

        void start(String fileName, long done, long totalBytes) {
            name = fileName;
            total = totalBytes;
            started = System.nanoTime();
            startBytes = done;
            lastPrint = started;
            if (!terminal) {
                line("downloading " + name + (total > 0 ? " (" + bytes(total) + ")" : ""));
            }
        }

        void update(long done) {
            long now = System.nanoTime();
            long interval = terminal ? 200_000_000L : 10_000_000_000L;
            if (now - lastPrint < interval) {
                return;
            }
            lastPrint = now;
            draw(done, now);
        }

        void end(long done) {
            if (name == null) {
                return;
            }
            if (done >= 0) {
                draw(done, System.nanoTime());
            }
            if (terminal) {
                err.println();
                err.flush();
            }
            name = null;
        }

        private void draw(long done, long now) {
            double seconds = Math.max(1e-3, (now - started) / 1e9);
            String rate = bytes((long) ((done - startBytes) / seconds)) + "/s";
            if (terminal) {
                int width = 30;
                String text;
                if (total > 0) {
                    int filled = (int) Math.min(width, width * done / total);
                    text = String.format(Locale.ROOT, "\r[%s%s] %3d%%  %s / %s  %s   ", "#".repeat(filled),
                            " ".repeat(width - filled), (int) (100 * done / total), bytes(done), bytes(total), rate);
                } else {
                    text = "\r" + bytes(done) + "  " + rate + "   ";
                }
                err.print(text);
                err.flush();
            } else {
                line(name + ": " + bytes(done) + (total > 0 ? " of " + bytes(total) + " (" + (100 * done / total) + "%)" : "")
                        + ", " + rate);
            }
        }

        static String bytes(long n) {
            if (n < 1024) {
                return n + " B";
            }
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            double value = n;
            int unit = -1;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }
}
