package io.tradingswarm.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.tradingswarm.operator.api.Bot;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.validation.SpecValidator;

@Tag("unit")
class SpecValidatorTest {

    static SwarmReleaseSpec valid() {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = "v1";
        Bot bot = new Bot();
        bot.name = "maker";
        bot.replicas = 2;
        bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("m").withImage("m")
                .endContainer().endSpec().build();
        spec.bots = List.of(bot);
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.pause("1m"));
        return spec;
    }

    @Test
    void aValidSpecHasNoErrors() {
        assertEquals(List.of(), SpecValidator.validate(valid(), host -> true));
    }

    /** The release examples, as CrdValidationTest applies them (the tests run in the repository's root). */
    static List<Path> examples() throws IOException {
        List<Path> examples = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("examples"), "{*release*,canary-*}.yaml")) {
            dir.forEach(examples::add);
        }
        examples.sort(null);
        assertTrue(examples.contains(Path.of("examples/trading-swarm-release.yaml")), examples.toString());
        return examples;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExamplesPassTheOperatorsChecksWithTheDefaultAllowList(Path example) throws IOException {
        SwarmRelease release = Serialization.unmarshal(Files.readString(example), SwarmRelease.class);
        assertEquals(List.of(), SpecValidator.validate(release.getSpec(), new HostAllowList(HostAllowList.DEFAULT)::allows));
    }

    @Test
    void theTradingGatesVolumeMountAndEnvVarAreReservedInTheTemplate() {
        SwarmReleaseSpec spec = valid();
        spec.bots.get(0).template = new PodTemplateSpecBuilder().withNewSpec()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tradingswarm-gate").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewContainer().withName("m").withImage("m").addNewEnv().withName("TRADINGSWARM_GATE_FILE").withValue("/x").endEnv()
                .addNewVolumeMount().withName("data").withMountPath("/etc/tradingswarm/gate").endVolumeMount().endContainer()
                .endSpec().build();
        assertEquals(List.of("spec.bots[0].template.spec.volumes[1].name: tradingswarm-gate is reserved for the trading gate",
                "spec.bots[0].template.spec.containers[0].env[0].name: TRADINGSWARM_GATE_FILE is set by the operator (the trading gate file)",
                "spec.bots[0].template.spec.containers[0].volumeMounts[0].mountPath: /etc/tradingswarm/gate is where the operator mounts the trading gate"),
                SpecValidator.validate(spec, host -> true));
    }

    @Test
    void reservedLabelsOnATemplateAreNamedWithTheirField() {
        SwarmReleaseSpec spec = valid();
        spec.bots.get(0).template.setMetadata(new ObjectMetaBuilder()
                .withLabels(Map.of("tradingswarm.io/slot", "b", "team", "mm")).build());
        assertEquals(List.of("spec.bots[0].template.metadata.labels: tradingswarm.io/slot uses the prefix "
                + "tradingswarm.io/, which the operator reserves"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void zeroLengthPausesAndDeadlinesAreRejected() {
        SwarmReleaseSpec spec = valid();
        spec.progressDeadline = "0s";
        spec.strategy.canary.steps = List.of(CanaryStep.pause("0m"));
        assertEquals(List.of("spec.progressDeadline: must be longer than 0s",
                "spec.strategy.canary.steps[0].pause.duration: must be longer than 0s"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void specsThatSlippedPastAnOlderSchemaAreStillCaught() {
        SwarmReleaseSpec spec = valid();
        CanaryStep both = CanaryStep.weight(10);
        both.pause = CanaryStep.pause("1m").pause;
        spec.strategy.canary.steps = List.of(both);
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "-1s";
        assertEquals(List.of("spec.rollback.scaleDownDelay: not a duration: '-1s' (use e.g. 30s, 10m, 1h30m)",
                "spec.strategy.canary.steps[0]: set exactly one of setWeight, pause, analysis, setHeaderRoute, setCanaryScale"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void aDrainProbeIsAProbeOfItsOwnThatDecides() {
        SwarmReleaseSpec spec = probing("http://canary-api/health", null);
        spec.probes.get(1).prometheus.query = "open_orders{version=\"{{drainingVersion}}\"}";
        spec.trading = new io.tradingswarm.operator.api.TradingSettings();
        spec.trading.drainProbe = "errors";
        assertEquals(List.of(), SpecValidator.validate(spec, host -> true));

        spec.probes.get(0).http.url = "http://canary-api/orders?version={{drainingVersion}}";
        spec.probes.get(1).dryRun = true;
        spec.backgroundProbes = List.of("errors");
        assertEquals(List.of("spec.trading.drainProbe: probe errors is a dry run; a drain probe decides when the other slot may trade",
                "spec.trading.drainProbe: probe errors is also an analysis or background probe; give the drain a probe of its own",
                "spec.probes[0].http.url: {{drainingVersion}} is known only in spec.trading.drainProbe's probe"),
                SpecValidator.validate(spec, host -> true));

        spec.trading.drainTimeout = "0s";
        assertTrue(SpecValidator.validate(spec, host -> true).contains(
                "spec.trading.drainTimeout: must be longer than 0s with a drainProbe: it is the time the probe has to pass"));
        spec.trading.drainProbe = "orders";
        assertTrue(SpecValidator.validate(spec, host -> true).contains("spec.trading.drainProbe: no probe named 'orders' in spec.probes"));
    }

    static SwarmReleaseSpec probing(String httpUrl, String prometheusAddress) {
        SwarmReleaseSpec spec = valid();
        ProbeSpec http = new ProbeSpec();
        http.name = "health";
        http.http = new HttpProbe();
        http.http.url = httpUrl;
        ProbeSpec prometheus = new ProbeSpec();
        prometheus.name = "errors";
        prometheus.prometheus = new PrometheusProbe();
        prometheus.prometheus.query = "vector(0)";
        prometheus.prometheus.address = prometheusAddress;
        spec.probes = List.of(http, prometheus);
        return spec;
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "http://{{bot}}-canary:8080/health | http://prometheus.monitoring.svc:9090 | none",
        "http://canary-api/health          | none                                  | none",
        "http://203.0.113.7/health         | http://prometheus.example.org         | "
                + "spec.probes[0].http.url: host 203.0.113.7 is not on the operator's allow-list (swarm.probes.http.allowed-hosts); "
                + "spec.probes[1].prometheus.address: host prometheus.example.org is not on the operator's allow-list "
                + "(swarm.probes.http.allowed-hosts)",
        "http://2130706433/health          | http://0x7f000001:9090                | "
                + "spec.probes[0].http.url: host not allowed: 2130706433 is an IPv4 address in a non-canonical form; write it as a.b.c.d; "
                + "spec.probes[1].prometheus.address: host not allowed: 0x7f000001 is an IPv4 address in a non-canonical form; "
                + "write it as a.b.c.d",
        "http://127.1/health               | ftp://prometheus.monitoring.svc       | "
                + "spec.probes[0].http.url: host not allowed: 127.1 is an IPv4 address in a non-canonical form; write it as a.b.c.d; "
                + "spec.probes[1].prometheus.address: not an http(s) URL",
    })
    void probeHostsAreCheckedByNameAndNonCanonicalIpv4IsRejected(String url, String address, String errors) {
        assertEquals(errors == null ? "" : errors, String.join("; ",
                SpecValidator.validate(probing(url, address), new HostAllowList(HostAllowList.DEFAULT)::allows)));
    }

    private static Bot withService(String name) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = 2;
        bot.template = valid().bots.get(0).template;
        bot.service = new BotService();
        bot.service.ports = List.of(new ServicePortBuilder().withPort(8080).build());
        return bot;
    }

    private static SwarmReleaseSpec routed(String routeName, Bot... bots) {
        SwarmReleaseSpec spec = valid();
        spec.bots = List.of(bots);
        spec.strategy.canary.trafficRouting = new TrafficRouting();
        spec.strategy.canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
        spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute = routeName;
        return spec;
    }

    @Test
    void aRouterNeedsABotWithAServiceAndOneRoutePerBot() {
        assertEquals(List.of(), SpecValidator.validate(routed(null, withService("maker"), withService("arb")), host -> true));
        assertEquals(List.of("spec.strategy.canary.trafficRouting.gatewayAPI: no bot has a service to route; give the bots "
                + "a service or remove trafficRouting"), SpecValidator.validate(routed(null, valid().bots.get(0)), host -> true));
        assertEquals(List.of("spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute: 'desk' names one route for 2 bots; "
                + "put {{bot}} in it"), SpecValidator.validate(routed("desk", withService("maker"), withService("arb")), host -> true));
        assertEquals(List.of(), SpecValidator.validate(routed("{{bot}}-route", withService("maker"), withService("arb")),
                host -> true));
    }

    @Test
    void aBotNamedLikeAnotherBotsSlotServiceIsRejected() {
        assertEquals(List.of("spec.bots[1].name: maker-a is also the name of another bot's per-slot or preview Service; "
                + "rename the bot"), SpecValidator.validate(routed(null, withService("maker"), withService("maker-a")), host -> true));
    }

    @Test
    void headerRoutesAndCanaryScaleNeedARouter() {
        SwarmReleaseSpec spec = valid();
        spec.strategy.canary.steps = List.of(CanaryStep.headerRoute(HeaderMatch.of("x-desk", "a")), CanaryStep.canaryScale(1));
        assertEquals(List.of("spec.strategy.canary.steps[0]: setHeaderRoute needs spec.strategy.canary.trafficRouting"),
                SpecValidator.validate(spec, host -> true), "bots without a service take no requests: their canary may scale");
        spec.bots.get(0).service = new BotService();
        assertEquals(List.of("spec.strategy.canary.steps[0]: setHeaderRoute needs spec.strategy.canary.trafficRouting",
                "spec.strategy.canary.steps[1]: setCanaryScale needs spec.strategy.canary.trafficRouting, or bots without a "
                + "service (their pods take no requests to split)"), SpecValidator.validate(spec, host -> true));
    }

    static DeniedPeriod denied(String start, String end, String reason) {
        DeniedPeriod p = new DeniedPeriod();
        p.start = start;
        p.end = end;
        p.reason = reason;
        return p;
    }

    static SwarmReleaseSpec withDeny(DeniedPeriod... periods) {
        SwarmReleaseSpec spec = valid();
        spec.window = new ReleaseWindow();
        spec.window.timeZone = "America/New_York";
        spec.window.deny = List.of(periods);
        return spec;
    }

    @Test
    void aWindowOfFreezesAloneIsValid() {
        assertEquals(List.of(), SpecValidator.validate(withDeny(denied("2026-12-24T13:00", "2026-12-26T09:30", "Christmas: NYSE closed"),
                denied("2027-01-27T14:00", "2027-01-27T16:00", "FOMC rate decision")), host -> true));
    }

    @ParameterizedTest(name = "{0} .. {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "2027-01-27T14:00 | 2027-01-27T14:00 | spec.window.deny[1].end: must be after start (2027-01-27T14:00)",
            "2027-01-27T14:00 | 2027-01-26T16:00 | spec.window.deny[1].end: must be after start (2027-01-27T14:00)",
            "2027-02-30T14:00 | 2027-03-01T16:00 | spec.window.deny[1].start: not a date: '2027-02-30T14:00'",
            "2027-01-27 14:00 | 2027-01-27T16:00 | spec.window.deny[1].start: not a local date-time: '2027-01-27 14:00' "
                    + "(use YYYY-MM-DDTHH:MM, e.g. 2026-12-24T13:00)",
            "2027-01-27T14:00 | 2027-01-27T16:00:00 | spec.window.deny[1].end: not a local date-time: '2027-01-27T16:00:00' "
                    + "(use YYYY-MM-DDTHH:MM, e.g. 2026-12-24T13:00)"})
    void aFreezeNeedsRealLocalDateTimesToTheMinuteAndAnEndAfterItsStart(String start, String end, String error) {
        SwarmReleaseSpec spec = withDeny(denied("2026-12-24T13:00", "2026-12-26T09:30", "Christmas"), denied(start, end, "FOMC"));
        assertEquals(List.of(error), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void aWindowNeedsAllowOrDenyAndAFreezeAReason() {
        SwarmReleaseSpec spec = withDeny(denied("2026-12-24T13:00", "2026-12-26T09:30", " "));
        assertEquals(List.of("spec.window.deny[0].reason: required (why the freeze holds, e.g. \"Christmas: NYSE closed\")"),
                SpecValidator.validate(spec, host -> true));
        spec.window.deny = null;
        assertEquals(List.of("spec.window: set allow, deny or both"), SpecValidator.validate(spec, host -> true));
    }
}
