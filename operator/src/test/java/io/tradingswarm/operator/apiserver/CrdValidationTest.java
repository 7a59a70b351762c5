package io.tradingswarm.operator.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tradingswarm.operator.testing.Crd;

/**
 * The CRD's schema and CEL rules on a real API server: {@code kubectl apply} rejects impossible
 * specs with a message that names the field (scenario 9), and accepts the examples.
 */
@Tag("api")
class CrdValidationTest {
    static ApiServer api;
    static Kubectl kubectl;

    static final String VALID = """
            apiVersion: tradingswarm.io/v1alpha1
            kind: SwarmRelease
            metadata:
              name: NAME
            spec:
              version: VERSION
              progressDeadline: DEADLINE
              bots:
              - name: maker
                replicas: 2
                template:
                  spec:
                    containers:
                    - name: maker
                      image: bots/maker:v1
              BOTS
              strategy:
                STRATEGY
                canary:
                  steps:
                  - setWeight: WEIGHT
                  - STEP
            """;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServer();
        kubectl = new Kubectl(api.kubectl, api.kubeconfig);
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(api.server.getKubeConfigYaml())).build()) {
            Crd.install(client);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    static String release(String name, String field, String value) {
        String yaml = VALID.replace("NAME", name).replace("VERSION", "v1.2.0").replace("DEADLINE", "10m")
                .replace("WEIGHT", "25").replace("STEP", "pause: {duration: 30s}").replace("BOTS", "")
                .replace("STRATEGY", "");
        return switch (field) {
            case "none" -> yaml;
            case "weight" -> yaml.replace("setWeight: 25", "setWeight: " + value);
            case "version" -> yaml.replace("version: v1.2.0", "version: \"" + value + "\"");
            case "deadline" -> yaml.replace("progressDeadline: 10m", "progressDeadline: \"" + value + "\"");
            case "step" -> yaml.replace("pause: {duration: 30s}", value);
            case "scaleServed" -> yaml.replace("pause: {duration: 30s}", value)
                    .replace("  \n  strategy:", "  - {name: api, replicas: 1, service: {ports: [{port: 80}]}, "
                            + "template: {spec: {containers: [{name: m, image: m}]}}}\n  strategy:");
            case "bots" -> yaml.replaceAll("(?s)  bots:.*?image: bots/maker:v1\n", "  bots: " + value + "\n");
            case "routing" -> yaml.replace("    canary:\n", "    canary:\n      trafficRouting: " + value + "\n");
            case "extraBot" -> yaml.replace("  \n  strategy:", value + "\n  strategy:");
            case "strategy" -> yaml.replace("    \n    canary:", "    " + value + "\n    canary:");
            case "containers" -> yaml.replaceAll("(?s)containers:.*?image: bots/maker:v1", "containers: []");
            case "window" -> yaml.replace("  bots:\n", "  window: " + value + "\n  bots:\n");
            case "trading" -> yaml.replace("  bots:\n", "  trading: " + value + "\n  bots:\n");
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Test
    void aValidReleaseAndTheExamplesAreAccepted() throws Exception {
        var result = kubectl.run(release("valid", "none", null), "apply", "-f", "-");
        assertEquals(0, result.exitCode(), result.output());
        for (Path example : Files.newDirectoryStream(Path.of("examples"), "{*release*,canary-*}.yaml")) {
            var ex = kubectl.run(null, "apply", "--dry-run=server", "-f", example.toString());
            assertEquals(0, ex.exitCode(), example + ": " + ex.output());
        }
    }

    @ParameterizedTest(name = "{0} = {1} is rejected naming {2}")
    @CsvSource(delimiter = '|', value = {
            "weight     | 101                          | spec.strategy.canary.steps[0].setWeight",
            "weight     | -1                           | spec.strategy.canary.steps[0].setWeight",
            "bots       | []                           | spec.bots",
            "version    | v1 with spaces               | spec.version",
            "version    | ''                           | spec.version",
            "deadline   | -5m                          | spec.progressDeadline",
            "deadline   | 10 minutes                   | spec.progressDeadline",
            "step       | {setWeight: 50, pause: {}}   | each step sets exactly one of setWeight, pause",
            "step       | {}                           | each step sets exactly one of setWeight, pause",
            "step       | pause: {duration: -30s}      | spec.strategy.canary.steps[1].pause.duration",
            "containers | ''                           | at least one container",
            "extraBot   | '  - {name: maker, replicas: 1, template: {spec: {containers: [{name: m, image: m}]}}}' | bots[].name must be unique",
            "extraBot   | '  - {name: Bad_Name, replicas: 1, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].name",
            "extraBot   | '  - {name: big, replicas: 1001, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].replicas",
            "strategy   | 'blueGreen: {}'              | strategy sets exactly one of canary, blueGreen",
            "routing    | '{gatewayAPI: {}, istio: {}}' | trafficRouting sets exactly one of gatewayAPI, istio",
            "routing    | '{}'                         | trafficRouting sets exactly one of gatewayAPI, istio",
            "routing    | '{gatewayAPI: {httpRoute: Bad_Route}}' | spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute",
            "routing    | '{gatewayAPI: {hostnames: [bad host]}}' | spec.strategy.canary.trafficRouting.gatewayAPI.hostnames[0]",
            "routing    | '{gatewayAPI: {parentRefs: [{}]}}' | spec.strategy.canary.trafficRouting.gatewayAPI.parentRefs[0].name",
            "routing    | '{istio: {hosts: [\"a b\"]}}'  | spec.strategy.canary.trafficRouting.istio.hosts[0]",
            "step       | 'setHeaderRoute: {match: [{name: x-desk, value: a}]}' | setHeaderRoute steps need trafficRouting",
            "scaleServed | 'setCanaryScale: {replicas: 1}' | setCanaryScale steps need trafficRouting, or bots without a service",
            "step       | 'setCanaryScale: {replicas: -1}' | spec.strategy.canary.steps[1].setCanaryScale.replicas",
            "step       | 'setHeaderRoute: {match: []}' | spec.strategy.canary.steps[1].setHeaderRoute.match",
            "step       | 'setHeaderRoute: {match: [{name: \"bad header\", value: a}]}' | spec.strategy.canary.steps[1].setHeaderRoute.match[0].name",
            "strategy   | 'blueGreen: {scaleDownDelay: -1m}' | spec.strategy.blueGreen.scaleDownDelay",
            "extraBot   | '  - {name: big, replicas: 1, shards: [BTC, ETH, BTC], template: {spec: {containers: [{name: m, image: m}]}}}' | shards must be unique",
            "extraBot   | '  - {name: big, replicas: 1, shards: [\"BTC USD\"], template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shards[0]",
            "extraBot   | '  - {name: big, replicas: 1, shards: [], template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shards",
            "extraBot   | '  - {name: big, replicas: 1, shards: [BTC], shardsFrom: {configMapKeyRef: {name: books, key: books}}, template: {spec: {containers: [{name: m, image: m}]}}}' | set at most one of shards, shardsFrom",
            "extraBot   | '  - {name: big, replicas: 1, shardsFrom: {}, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shardsFrom.configMapKeyRef: Required value",
            "extraBot   | '  - {name: big, replicas: 1, shardsFrom: {configMapKeyRef: {key: books}}, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shardsFrom.configMapKeyRef.name: Required value",
            "extraBot   | '  - {name: big, replicas: 1, shardsFrom: {configMapKeyRef: {name: books}}, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shardsFrom.configMapKeyRef.key: Required value",
            "extraBot   | '  - {name: big, replicas: 1, shardsFrom: {configMapKeyRef: {name: Books_1, key: books}}, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shardsFrom.configMapKeyRef.name",
            "extraBot   | '  - {name: big, replicas: 1, shardsFrom: {configMapKeyRef: {name: books, key: \"my books\"}}, template: {spec: {containers: [{name: m, image: m}]}}}' | spec.bots[1].shardsFrom.configMapKeyRef.key",
            "trading    | '{drainTimeout: 90 seconds}' | spec.trading.drainTimeout",
            "trading    | '{drainTimeout: -1s}'        | spec.trading.drainTimeout",
            "window     | '{timeZone: UTC}'            | window sets allow, deny or both",
            "window     | '{timeZone: UTC, deny: []}'  | spec.window.deny",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-24T13:00\", reason: x}]}' | spec.window.deny[0].end",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-23T23:59\", reason: x}]}' | end must be after start",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24 13:00\", end: \"2026-12-25T13:00\", reason: x}]}' | spec.window.deny[0].start",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-25T13:00:00\", reason: x}]}' | spec.window.deny[0].end",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T24:00\", end: \"2026-12-25T13:00\", reason: x}]}' | spec.window.deny[0].start",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-25T13:00\"}]}' | spec.window.deny[0].reason: Required value",
            "window     | '{timeZone: UTC, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-25T13:00\", reason: \"\"}]}' | spec.window.deny[0].reason",
    })
    void impossibleSpecsAreRejectedNamingTheField(String field, String value, String expected) throws Exception {
        var result = kubectl.run(release("invalid", field, value), "apply", "-f", "-");
        assertNotEquals(0, result.exitCode(), "accepted: " + result.output());
        assertTrue(result.output().contains(expected), "expected '" + expected + "' in: " + result.output());
    }

    @Test
    void aBotWithShardsFromAConfigMapKeyIsAccepted() throws Exception {
        var result = kubectl.run(release("shards-from", "extraBot", "  - {name: mm, replicas: 1, shardsFrom: {configMapKeyRef: "
                + "{name: mm-books, key: books.txt}}, template: {spec: {containers: [{name: m, image: m}]}}}"), "apply",
                "--dry-run=server", "-f", "-");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void moreThanTwentyBotsAreRejected() throws Exception {
        StringBuilder bots = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            bots.append("  - {name: b").append(i).append(", replicas: 1, template: {spec: {containers: [{name: m, image: m}]}}}\n");
        }
        var result = kubectl.run(release("many", "extraBot", bots.toString().stripTrailing()), "apply", "-f", "-");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("spec.bots: Too many"), result.output());
    }

    @Test
    void aWindowOfFreezesAloneOrWithAllowedPeriodsIsAccepted() throws Exception {
        String freezes = "{timeZone: America/New_York, deny: [{start: \"2026-12-24T13:00\", end: \"2026-12-26T09:30\", "
                + "reason: \"Christmas: NYSE closed\"}, {start: \"2027-01-27T14:00\", end: \"2027-01-27T16:00\", reason: \"FOMC rate decision\"}]";
        var alone = kubectl.run(release("freezes", "window", freezes + "}"), "apply", "--dry-run=server", "-f", "-");
        assertEquals(0, alone.exitCode(), alone.output());
        var both = kubectl.run(release("freezes", "window", freezes + ", allow: [{days: [Mon], start: \"09:30\", end: \"16:00\"}]}"),
                "apply", "--dry-run=server", "-f", "-");
        assertEquals(0, both.exitCode(), both.output());
    }

    @Test
    void moreThanFiftyFreezesAreRejected() throws Exception {
        StringBuilder deny = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            deny.append(i == 0 ? "" : ", ").append("{start: \"2026-01-01T00:00\", end: \"2026-01-02T00:00\", reason: r").append(i).append("}");
        }
        var result = kubectl.run(release("many-freezes", "window", "{timeZone: UTC, deny: [" + deny + "]}"), "apply", "-f", "-");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("spec.window.deny: Too many"), result.output());
    }

    @Test
    void statusIsASubresourceAndPrinterColumnsShowTheContract() throws Exception {
        var result = kubectl.run(release("columns", "none", null), "apply", "-f", "-");
        assertEquals(0, result.exitCode(), result.output());
        var table = kubectl.run(null, "get", "srel", "columns");
        assertTrue(table.output().startsWith("NAME      VERSION   STABLE   PHASE   STRATEGY   STEP   WEIGHT   AGE"),
                table.output());
        var categories = kubectl.run(null, "get", "tradingswarm");
        assertTrue(categories.output().contains("columns"), categories.output());
    }
}
