package io.tradingswarm.cli.dashboard;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's headless {@code chromium} (hack/chromium.sh installs it), started with a fresh profile
 * and a DevTools port chosen by the browser, on loopback. A missing browser fails the test, it
 * never skips it. {@code CHROMIUM} names another binary.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = System.getenv().getOrDefault("CHROMIUM", "chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<CdpPage> pages = new ArrayList<>();

    private Chromium(Process process, Path profile, Path log, int port) {
        this.process = process;
        this.profile = profile;
        this.log = log;
        this.port = port;
    }

    static Chromium launch() throws IOException, InterruptedException {
        String binary = onPath(BINARY);
        if (binary == null) {
            throw new IllegalStateException("'" + BINARY + "' is not installed (or not on PATH): the dashboard's browser "
                    + "tests need Debian's chromium; run hack/chromium.sh as root (make test and make e2e do)");
        }
        Path profile = Files.createTempDirectory("swarm-chromium");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(binary, "--headless=new", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "--no-first-run",
                "--no-default-browser-check", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                "--disable-background-networking", "--disable-dev-shm-usage", "--hide-scrollbars", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // The browser writes the port it picked, then the browser target's path, to this file.
        Path active = profile.resolve("DevToolsActivePort");
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(binary + " exited with " + process.exitValue() + ": " + tail(log));
            }
            if (Files.exists(active)) {
                List<String> lines = Files.readAllLines(active);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return new Chromium(process, profile, log, Integer.parseInt(lines.get(0).trim()));
                }
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(binary + " wrote no DevToolsActivePort within 30s: " + tail(log));
    }

    /** A new tab, attached over its own DevTools WebSocket. */
    CdpPage newPage() throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("DevTools /json/new answered " + created.statusCode() + ": " + created.body());
        }
        JsonNode target = JSON.readTree(created.body());
        URI close = URI.create("http://127.0.0.1:" + port + "/json/close/" + target.get("id").asText());
        CdpPage page = CdpPage.attach(http, URI.create(target.get("webSocketDebuggerUrl").asText()), () -> {
            try {
                http.send(HttpRequest.newBuilder(close).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // The browser is gone already.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pages.add(page);
        return page;
    }

    String version() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/version"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("Browser").asText();
    }

    String log() {
        return tail(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        pages.forEach(CdpPage::close);
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        Files.deleteIfExists(log);
    }

    private static String onPath(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary)) ? binary : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
