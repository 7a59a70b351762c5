package io.tradingswarm.operator.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The operator as it ships (target/quarkus-app, the Quarkus wiring), run as a process against the
 * local cluster, watching one namespace, with health and metrics on a free loopback port.
 * {@code make test} builds the package before the suites run.
 */
final class PackagedOperator implements AutoCloseable {
    static final Path JAR = Path.of("operator", "target", "quarkus-app", "quarkus-run.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final Path log;
    private final String base;

    /** Starts it; {@code env} adds settings (e.g. SWARM_SHARD_SELECTOR). */
    PackagedOperator(String namespace, Map<String, String> env) throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError(JAR + " is missing: build it with `make build` (make test does)");
        }
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        log = Files.createTempFile("operator", ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Dquarkus.http.port=" + port,
                "-Dquarkus.operator-sdk.controllers.swarmrelease.namespaces=" + namespace, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", LocalCluster.KUBECONFIG.toAbsolutePath().toString());
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** The body of GET on its HTTP port (health, metrics), or why there is none. */
    String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
