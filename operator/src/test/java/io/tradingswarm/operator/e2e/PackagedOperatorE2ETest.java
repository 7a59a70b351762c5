package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.Phase;

/**
 * The operator as it ships (target/quarkus-app, the Quarkus wiring): it serves health and metrics
 * on loopback and releases a swarm. {@code make test} builds the package before the suites run.
 */
class PackagedOperatorE2ETest extends E2EBase {
    PackagedOperator process;

    @Override
    boolean runsOperatorInJvm() {
        return false;
    }

    @AfterEach
    void stopProcess() throws Exception {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void servesHealthAndReleaseMetricsWhileItReleasesASwarm() throws Exception {
        process = new PackagedOperator(namespace, Map.of());
        await("the operator reports ready", () -> process.get("/q/health/ready").contains("\"UP\""));
        assertTrue(process.get("/q/health/live").contains("\"UP\""));

        Map<String, Integer> bots = new LinkedHashMap<>();
        bots.put("maker", 2);
        apply(Releases.canary("packaged", "v1", Releases.steps(50, 100), bots));
        awaitPhase("packaged", Phase.Succeeded);

        // Metrics are recorded after the status is saved, so the run may show in status first.
        String run = "swarmrelease_runs_total{name=\"packaged\",namespace=\"" + namespace + "\",result=\"Succeeded\"} 1.0";
        await("the metrics count the run", () -> process.get("/q/metrics").contains(run));
        String metrics = process.get("/q/metrics");
        assertTrue(metrics.contains("swarmrelease_phase{name=\"packaged\",namespace=\"" + namespace + "\",phase=\"Succeeded\"} 1.0"),
                metrics);
        assertTrue(metrics.contains("swarmrelease_weight{"), metrics);
        assertTrue(metrics.contains("operator_sdk_reconciliations"), "JOSDK reconcile metrics: " + metrics);
        // Per controller only: a series per release each would grow the heap with every release.
        List<String> perRelease = metrics.lines().filter(l -> l.startsWith("operator_sdk_") && l.contains("name=\"packaged\""))
                .toList();
        assertTrue(perRelease.isEmpty(), "JOSDK series per release: " + perRelease);
    }
}
