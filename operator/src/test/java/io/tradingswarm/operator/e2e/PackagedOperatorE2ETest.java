package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Phase;

/**
 * The operator as it ships (target/quarkus-app, the Quarkus wiring): it serves health and metrics
 * on loopback and releases a swarm. {@code make test} builds the package before the suites run.
 */
class PackagedOperatorE2ETest extends E2EBase {
    static final Path JAR = Path.of("operator", "target", "quarkus-app", "quarkus-run.jar");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Process process;
    Path log;

    @Override
    boolean runsOperatorInJvm() {
        return false;
    }

    @AfterEach
    void stopProcess() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void servesHealthAndReleaseMetricsWhileItReleasesASwarm() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " is missing: build it with `make build` (make test does)");
        int port = freePort();
        log = Files.createTempFile("operator", ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Dquarkus.http.port=" + port,
                "-Dquarkus.operator-sdk.controllers.swarmrelease.namespaces=" + namespace, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", LocalCluster.KUBECONFIG.toAbsolutePath().toString());
        process = pb.start();
        String base = "http://127.0.0.1:" + port;
        await("the operator reports ready", () -> get(base + "/q/health/ready").contains("\"UP\""));
        assertTrue(get(base + "/q/health/live").contains("\"UP\""));

        Map<String, Integer> bots = new LinkedHashMap<>();
        bots.put("maker", 2);
        apply(Releases.canary("packaged", "v1", Releases.steps(50, 100), bots));
        awaitPhase("packaged", Phase.Succeeded);

        // Metrics are recorded after the status is saved, so the run may show in status first.
        String run = "swarmrelease_runs_total{name=\"packaged\",namespace=\"" + namespace + "\",result=\"Succeeded\"} 1.0";
        await("the metrics count the run", () -> get(base + "/q/metrics").contains(run));
        String metrics = get(base + "/q/metrics");
        assertTrue(metrics.contains("swarmrelease_phase{name=\"packaged\",namespace=\"" + namespace + "\",phase=\"Succeeded\"} 1.0"),
                metrics);
        assertTrue(metrics.contains("swarmrelease_weight{"), metrics);
        assertTrue(metrics.contains("operator_sdk_reconciliations"), "JOSDK reconcile metrics: " + metrics);
    }

    String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
