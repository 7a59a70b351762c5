package io.tradingswarm.operator.component;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's real {@code prometheus} binary on 127.0.0.1 and a free port, scraping one target every second
 * with its data in a temporary directory. Install the binary with {@code hack/prometheus.sh}.
 */
public final class RealPrometheus implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Process process;
    private final String address;

    private RealPrometheus(String scrapeTarget) throws IOException {
        Path binary = onPath("prometheus");
        directory = Files.createTempDirectory("real-prometheus");
        Path config = Files.writeString(directory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: app
                    static_configs:
                      - targets: ['%s']
                """.formatted(scrapeTarget));
        int port = StubServer.freePort();
        address = "http://127.0.0.1:" + port;
        process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
    }

    /** Starts Prometheus and returns once it is ready and has scraped {@code scrapeTarget} (host:port) once. */
    public static RealPrometheus scraping(String scrapeTarget) throws IOException {
        RealPrometheus prometheus = new RealPrometheus(scrapeTarget);
        try {
            Await.until("Prometheus ready at " + prometheus.address, STARTUP,
                    () -> prometheus.get("/-/ready"), body -> body != null);
            Await.until("Prometheus scraped " + scrapeTarget, STARTUP,
                    () -> prometheus.get("/api/v1/targets?state=active"), RealPrometheus::firstTargetUp);
            return prometheus;
        } catch (RuntimeException | AssertionError e) {
            String log = prometheus.log();
            prometheus.close();
            throw new IllegalStateException(e.getMessage() + "\nprometheus log:\n" + log, e);
        }
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    /** The body of a 200 answer, or null while Prometheus is not (yet) answering. */
    private String get(String path) {
        if (!process.isAlive()) {
            throw new IllegalStateException("prometheus exited with code " + process.exitValue());
        }
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(address + path)).timeout(Duration.ofSeconds(2)).build(),
                    BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException notYetListening) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean firstTargetUp(String targets) {
        try {
            return targets != null
                    && JSON.readTree(targets).path("data").path("activeTargets").path(0).path("health").asText().equals("up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "'" + command + "' is not on PATH; the component tests need it: run hack/prometheus.sh"));
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
