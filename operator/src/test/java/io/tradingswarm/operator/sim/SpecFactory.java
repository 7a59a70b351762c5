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
import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.LocalDateTimes;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** Random, valid release specs: small by default, or at the API's limits for the status-size property. */
final class SpecFactory {
    static final List<String> BOT_NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo");

    /** How big a generated spec is. */
    record Size(int maxBots, int maxSteps, int maxProbes, boolean atLimits) {
        static final Size SMALL = new Size(3, 4, 3, false);
        static final Size LIMITS = new Size(20, 50, 20, true);
    }

    private final Random random;
    private final Size size;

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
            spec.bots.add(bot(botName(i), replicas(), version));
        }
        spec.probes = probes();
        List<String> names = spec.probes.stream().map(p -> p.name).toList();
        spec.backgroundProbes = names.isEmpty() || random.nextInt(100) < 50 ? null : pick(names);
        spec.strategy = new Strategy();
        if (!size.atLimits && random.nextInt(100) < 35) {
            spec.strategy.blueGreen = blueGreen(names);
        } else {
            spec.strategy.canary = new CanaryStrategy();
            spec.strategy.canary.steps = steps(names);
        }
        spec.progressDeadline = random.nextBoolean() ? "3m" : null;
        spec.rollback = new RollbackPolicy();
        spec.rollback.automatic = random.nextInt(100) < 75 ? (random.nextBoolean() ? Boolean.TRUE : null) : Boolean.FALSE;
        spec.rollback.scaleDownDelay = random.nextBoolean() ? "20s" : null;
        spec.hooks = random.nextInt(100) < 30 ? hooks() : null;
        spec.window = random.nextInt(100) < 20 ? window() : null;
        return spec;
    }

    static String botName(int i) {
        return i < BOT_NAMES.size() ? BOT_NAMES.get(i) : "bot" + i;
    }

    int replicas() {
        int r = random.nextInt(100);
        return r < 5 ? 0 : r < 30 ? 1 : 2 + random.nextInt(3);
    }

    static Bot bot(String name, int replicas, String version) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = replicas;
        bot.template = new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("team", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("bot").withImage(image(name, version)).endContainer().endSpec().build();
        bot.service = new BotService();
        bot.service.ports = List.of(new ServicePortBuilder().withName("http").withPort(8080).build());
        return bot;
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

    private List<CanaryStep> steps(List<String> probes) {
        List<CanaryStep> steps = new ArrayList<>();
        int n = size.atLimits ? size.maxSteps : 1 + random.nextInt(size.maxSteps);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
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
