package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.AllowedPeriod;
import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.IstioRouting;
import io.tradingswarm.operator.api.LocalDateTimes;
import io.tradingswarm.operator.api.ParentReference;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TrafficRouting;

/** Random, valid release specs: small by default, or at the API's limits for the status-size property. */
final class SpecFactory {
    static final List<String> BOT_NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo");
    /** The port of every bot's Service. */
    static final int PORT = 8080;
    /** The share of canary specs that route through Gateway API or Istio (-Dsim.routedPercent=100: all of them). */
    static final int ROUTED_PERCENT = Integer.getInteger("sim.routedPercent", 30);

    /** How big a generated spec is. */
    record Size(int maxBots, int maxSteps, int maxProbes, boolean atLimits) {
        static final Size SMALL = new Size(3, 4, 3, false);
        static final Size LIMITS = new Size(20, 50, 20, true);
    }

    private final Random random;
    private final Size size;
    private final java.util.Map<String, Boolean> served = new java.util.HashMap<>();

    SpecFactory(Random random, Size size) {
        this.random = random;
        this.size = size;
    }

    SwarmReleaseSpec initial(String version) {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.bots = new ArrayList<>();
        int bots = size.atLimits ? size.maxBots : 1 + random.nextInt(size.maxBots);
        for (int i = 0; i < bots; i++) {
            spec.bots.add(bot(botName(i), replicas(), version, withService(botName(i))));
            if (random.nextInt(100) < 40) {
                spec.bots.get(i).shards = shards();
            }
        }
        spec.probes = probes();
        List<String> names = spec.probes.stream().map(p -> p.name).toList();
        spec.backgroundProbes = names.isEmpty() || random.nextInt(100) < 50 ? null : pick(names);
        spec.strategy = new Strategy();
        if (!size.atLimits && random.nextInt(100) < 35) {
            spec.strategy.blueGreen = blueGreen(names);
        } else {
            spec.strategy.canary = new CanaryStrategy();
            spec.strategy.canary.trafficRouting = random.nextInt(100) < ROUTED_PERCENT ? trafficRouting() : null;
            spec.strategy.canary.steps = steps(names, spec.strategy.canary.trafficRouting != null,
                    spec.bots.stream().allMatch(b -> b.service == null));
            if (spec.strategy.canary.trafficRouting != null && spec.bots.stream().noneMatch(b -> b.service != null)) {
                spec.bots.get(0).service = service();
                served.put(spec.bots.get(0).name, true);
            }
        }
        spec.progressDeadline = random.nextBoolean() ? "3m" : null;
        spec.rollback = new RollbackPolicy();
        spec.rollback.automatic = random.nextInt(100) < 75 ? (random.nextBoolean() ? Boolean.TRUE : null) : Boolean.FALSE;
        spec.rollback.scaleDownDelay = random.nextBoolean() ? "20s" : null;
        spec.hooks = random.nextInt(100) < 30 ? hooks() : null;
        spec.window = random.nextInt(100) < 20 ? window() : null;
        if (random.nextInt(100) < 50) {
            spec.trading = new io.tradingswarm.operator.api.TradingSettings();
            spec.trading.drainTimeout = List.of("0s", "5s", "30s").get(random.nextInt(3));
            if (random.nextInt(100) < 40) {
                spec.probes.add(drainProbe());
                spec.trading.drainProbe = DRAIN_PROBE;
                spec.trading.drainTimeout = random.nextBoolean() ? "15s" : "30s";
            }
        }
        return spec;
    }

    static final String DRAIN_PROBE = "drain";

    static String botName(int i) {
        return i < BOT_NAMES.size() ? BOT_NAMES.get(i) : "bot" + i;
    }

    int replicas() {
        int r = random.nextInt(100);
        return r < 5 ? 0 : r < 30 ? 1 : 2 + random.nextInt(3);
    }

    /**
     * Most bots take requests through a Service; some only work (consume, trade) and have none. A bot
     * keeps that for the whole history, also when it is removed and added again (known gap G3: a Service
     * the spec drops from a bot is left unmanaged; -Dsim.strict=true draws again for a re-added bot).
     */
    boolean withService(String bot) {
        return withService(bot, true);
    }

    /** @param allowed false where the spec forbids a Service (the bot then never has one in this history) */
    boolean withService(String bot, boolean allowed) {
        if (!allowed) {
            served.putIfAbsent(bot, false);
            return false;
        }
        if (RoutedTraffic.strict("G3")) {
            return random.nextInt(100) >= 15;
        }
        return served.computeIfAbsent(bot, b -> random.nextInt(100) >= 15);
    }

    /** One to six of a fixed universe of shards, in a random order (the order is the canary's). */
    List<String> shards() {
        List<String> all = new ArrayList<>(List.of("BTC", "ETH", "SOL", "XRP", "ADA", "DOT"));
        java.util.Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, 1 + random.nextInt(all.size())));
    }

    static Bot bot(String name, int replicas, String version, boolean service) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = replicas;
        bot.template = new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("team", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("bot").withImage(image(name, version)).endContainer().endSpec().build();
        bot.service = service ? service() : null;
        return bot;
    }

    static BotService service() {
        BotService service = new BotService();
        service.ports = List.of(new ServicePortBuilder().withName("http").withPort(PORT).build());
        return service;
    }

    /**
     * A router: Gateway API or Istio, the route named like the bot or by a template, created by the
     * operator (parentRefs, hosts) or the user's own (synced from Git, see {@link GitRoutes}).
     */
    private TrafficRouting trafficRouting() {
        TrafficRouting routing = new TrafficRouting();
        boolean creates = random.nextBoolean();
        if (random.nextBoolean()) {
            routing.gatewayAPI = new GatewayApiRouting();
            routing.gatewayAPI.httpRoute = List.of("", "{{bot}}", "{{bot}}-web").get(random.nextInt(3));
            routing.gatewayAPI.httpRoute = routing.gatewayAPI.httpRoute.isEmpty() ? null : routing.gatewayAPI.httpRoute;
            if (creates) {
                ParentReference gateway = new ParentReference();
                gateway.name = "public";
                gateway.namespace = random.nextBoolean() ? "gateways" : null;
                gateway.sectionName = random.nextBoolean() ? "https" : null;
                routing.gatewayAPI.parentRefs = List.of(gateway);
                routing.gatewayAPI.hostnames = random.nextBoolean() ? List.of("bots.trading.test") : null;
            }
        } else {
            routing.istio = new IstioRouting();
            routing.istio.virtualService = random.nextBoolean() ? null : "{{bot}}-vs";
            if (creates) {
                routing.istio.hosts = List.of("bots.trading.test");
                routing.istio.gateways = random.nextBoolean() ? List.of("gateways/public") : null;
            }
        }
        return routing;
    }

    static String image(String bot, String version) {
        return "bots/" + bot + ":" + version;
    }

    static SwarmReleaseSpec copy(SwarmReleaseSpec spec) {
        return Serialization.unmarshal(Serialization.asJson(spec), SwarmReleaseSpec.class);
    }

    private List<ProbeSpec> probes() {
        List<ProbeSpec> probes = new ArrayList<>();
        int n = size.atLimits ? size.maxProbes : random.nextInt(size.maxProbes + 1);
        for (int i = 0; i < n; i++) {
            ProbeSpec p = new ProbeSpec();
            p.name = "p" + (i + 1);
            p.interval = random.nextBoolean() ? "10s" : "30s";
            p.failureLimit = random.nextInt(100) < 70 ? null : 1;
            p.consecutiveErrorLimit = random.nextInt(100) < 60 ? null : 1;
            int noData = random.nextInt(100);
            p.onNoData = noData < 60 ? null : noData < 80 ? "Pass" : "Fail";
            p.dryRun = random.nextInt(100) < 10 ? Boolean.TRUE : null;
            p.prometheus = new PrometheusProbe();
            p.prometheus.query = "sum(rate(errors_total{version=\"{{version}}\"}[1m]))";
            p.prometheus.max = 0.05;
            probes.add(p);
        }
        return probes;
    }

    /** A drain probe of its own: open orders of the versions that stopped trading. */
    private ProbeSpec drainProbe() {
        ProbeSpec p = new ProbeSpec();
        p.name = DRAIN_PROBE;
        p.interval = random.nextBoolean() ? "5s" : "10s";
        int noData = random.nextInt(100);
        p.onNoData = noData < 60 ? null : noData < 80 ? "Pass" : "Fail";
        p.prometheus = new PrometheusProbe();
        p.prometheus.query = "sum(open_orders{version=\"{{drainingVersion}}\"})";
        p.prometheus.max = 0.0;
        return p;
    }

    /**
     * With a router, some steps route by header or set the canary's scale; without one, bots that
     * take no requests (no Service) may set the canary's scale too (a shadow preview).
     */
    private List<CanaryStep> steps(List<String> probes, boolean routed, boolean serviceless) {
        List<CanaryStep> steps = new ArrayList<>();
        int n = size.atLimits ? size.maxSteps : 1 + random.nextInt(size.maxSteps);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (routed && kind < 20) {
                steps.add(kind < 10 ? CanaryStep.headerRoute(headers()) : CanaryStep.canaryScale(random.nextInt(5)));
                continue;
            }
            if (serviceless && kind < 10) {
                steps.add(CanaryStep.canaryScale(random.nextInt(5)));
                continue;
            }
            if (kind < 50) {
                steps.add(CanaryStep.weight(List.of(10, 25, 50, 75, 100).get(random.nextInt(5))));
            } else if (kind < 75 && !probes.isEmpty()) {
                steps.add(CanaryStep.analysis(random.nextBoolean() ? "20s" : "40s", pick(probes).toArray(String[]::new)));
            } else {
                steps.add(CanaryStep.pause(random.nextInt(100) < 35 ? null : "20s"));
            }
        }
        return steps;
    }

    private HeaderMatch[] headers() {
        HeaderMatch canary = HeaderMatch.of("x-canary", random.nextBoolean() ? "on" : "desk-" + random.nextInt(3));
        return random.nextBoolean() ? new HeaderMatch[] {canary} : new HeaderMatch[] {HeaderMatch.of("x-desk", "fx"), canary};
    }

    private BlueGreenStrategy blueGreen(List<String> probes) {
        BlueGreenStrategy bg = new BlueGreenStrategy();
        int auto = random.nextInt(3);
        bg.autoPromote = auto == 0 ? null : auto == 1;
        bg.prePromotionAnalysis = probes.isEmpty() || random.nextBoolean() ? null : analysis(probes);
        bg.postPromotionAnalysis = probes.isEmpty() || random.nextBoolean() ? null : analysis(probes);
        bg.scaleDownDelay = random.nextBoolean() ? "1m" : null;
        return bg;
    }

    private AnalysisStep analysis(List<String> probes) {
        AnalysisStep a = new AnalysisStep();
        a.probes = pick(probes);
        a.duration = random.nextBoolean() ? "20s" : "40s";
        return a;
    }

    /** A non-empty random subset, in the spec's order. */
    private List<String> pick(List<String> names) {
        List<String> picked = new ArrayList<>();
        for (String n : names) {
            if (random.nextInt(100) < 50) {
                picked.add(n);
            }
        }
        if (picked.isEmpty()) {
            picked.add(names.get(random.nextInt(names.size())));
        }
        return picked;
    }

    private Hooks hooks() {
        Hooks hooks = new Hooks();
        hooks.preRollout = random.nextBoolean() ? List.of(hook("migrate")) : null;
        hooks.postRollout = random.nextBoolean() ? List.of(hook("smoke")) : null;
        hooks.onRollback = random.nextBoolean() ? List.of(hook("restore")) : null;
        return hooks;
    }

    private static Hook hook(String name) {
        Hook hook = new Hook();
        hook.name = name;
        hook.job = new JobSpecBuilder().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(name).withImage("tools/" + name + ":1").endContainer().endSpec().endTemplate().build();
        return hook;
    }

    private ReleaseWindow window() {
        ReleaseWindow w = new ReleaseWindow();
        w.timeZone = random.nextBoolean() ? "Europe/London" : "America/New_York";
        AllowedPeriod weekdays = new AllowedPeriod();
        weekdays.days = List.of("Mon", "Tue", "Wed", "Thu", "Fri");
        weekdays.start = "08:00";
        weekdays.end = "16:30";
        AllowedPeriod night = new AllowedPeriod();
        night.days = List.of("Sun");
        night.start = "22:00";
        night.end = "02:00";
        w.allow = random.nextBoolean() ? List.of(weekdays) : List.of(weekdays, night);
        int r = random.nextInt(100);
        if (r < 40) {
            w.deny = freezes();
            w.allow = r < 15 ? null : w.allow;
        }
        return w;
    }

    /**
     * One to three freezes in the first days of a history (it starts on Monday 2 March 2026), at
     * quarter hours, from 15 minutes to a day and a half long; the second sometimes starts as the
     * first ends, so chains happen.
     */
    private List<DeniedPeriod> freezes() {
        List<DeniedPeriod> deny = new ArrayList<>();
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2026, 3, 2, 0, 0)
                .plusMinutes(15L * random.nextInt(4 * 24 * 4));
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            java.time.LocalDateTime end = start.plusMinutes(15L * (1 + random.nextInt(4 * 36)));
            DeniedPeriod p = new DeniedPeriod();
            p.start = LocalDateTimes.format(start);
            p.end = LocalDateTimes.format(end);
            p.reason = "freeze " + deny.size();
            deny.add(p);
            start = random.nextBoolean() ? end : end.plusMinutes(15L * random.nextInt(4 * 48));
        }
        return deny;
    }
}
