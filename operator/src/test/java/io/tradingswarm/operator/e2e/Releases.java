package io.tradingswarm.operator.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** Builds the releases the e2e scenarios apply. */
public final class Releases {
    /** KWOK stage label (hack/cluster/kwok-stages.yaml): such pods run but never become Ready. */
    static final String NEVER_READY = "sim.tradingswarm.io/never-ready";

    private Releases() {
    }

    /** The swarm most scenarios use: a market maker with 4 replicas and an arbitrage bot with 2. */
    static SwarmRelease twoBots(String name, String version, List<CanaryStep> steps) {
        Map<String, Integer> bots = new java.util.LinkedHashMap<>();
        bots.put("maker", 4);
        bots.put("arb", 2);
        return canary(name, version, steps, bots);
    }

    /**
     * The two bots released blue-green: a 2s pre-promotion analysis and a monitor window of
     * {@code postWindow} on the HTTP probe "health" at {@code healthUrl}, a 2s drain, the old slot kept 3s after a switch.
     */
    static SwarmRelease blueGreen(String name, String version, boolean autoPromote, String postWindow, String healthUrl) {
        SwarmRelease r = twoBots(name, version, List.of(CanaryStep.weight(100)));
        r.getSpec().strategy.canary = null;
        BlueGreenStrategy bg = new BlueGreenStrategy();
        bg.autoPromote = autoPromote;
        bg.prePromotionAnalysis = analysis("health", "2s");
        bg.postPromotionAnalysis = analysis("health", postWindow);
        bg.scaleDownDelay = "3s";
        r.getSpec().strategy.blueGreen = bg;
        r.getSpec().probes = List.of(httpProbe("health", healthUrl));
        // The monitor window starts when the new slot trades, after the drain: kept short here.
        r.getSpec().trading = new io.tradingswarm.operator.api.TradingSettings();
        r.getSpec().trading.drainTimeout = "2s";
        return r;
    }

    public static AnalysisStep analysis(String probe, String duration) {
        AnalysisStep a = new AnalysisStep();
        a.probes = List.of(probe);
        a.duration = duration;
        return a;
    }

    /** A hook Job that completes on the local cluster, or fails ({@code fails}: KWOK's pod-fail stage). */
    public static Hook hook(String name, boolean fails) {
        Hook h = new Hook();
        h.name = name;
        h.job = new JobSpecBuilder().withBackoffLimit(0).withNewTemplate().withNewMetadata()
                .addToLabels(fails ? Map.of("sim.tradingswarm.io/fail", "true") : Map.of()).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName(name).withImage("trading/" + name + ":1")
                .endContainer().endSpec().endTemplate().build();
        return h;
    }

    static SwarmRelease canary(String name, String version, List<CanaryStep> steps, Map<String, Integer> bots) {
        SwarmRelease release = new SwarmRelease();
        release.setMetadata(new ObjectMetaBuilder().withName(name).build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.progressDeadline = "40s";
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "3s";
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = new ArrayList<>(steps);
        spec.bots = new ArrayList<>();
        bots.forEach((bot, replicas) -> spec.bots.add(bot(bot, replicas, version)));
        release.setSpec(spec);
        return release;
    }

    public static Bot bot(String name, int replicas, String version) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = replicas;
        bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("bot")
                .withImage("trading/" + name + ":" + version).endContainer().endSpec().build();
        bot.service = new BotService();
        bot.service.ports = List.of(new ServicePortBuilder().withName("http").withPort(80).build());
        return bot;
    }

    /** An HTTP probe measured every second. */
    public static ProbeSpec httpProbe(String name, String url) {
        ProbeSpec p = new ProbeSpec();
        p.name = name;
        p.interval = "1s";
        p.timeout = "2s";
        p.http = new HttpProbe();
        p.http.url = url;
        return p;
    }

    /** The same release at another version: every bot's image follows it. */
    static SwarmRelease at(SwarmRelease release, String version) {
        release.getSpec().version = version;
        release.getSpec().bots.forEach(b -> b.template.getSpec().getContainers().get(0)
                .setImage("trading/" + b.name + ":" + version));
        return release;
    }

    /** Makes one bot's pods of this version never become ready. */
    static SwarmRelease broken(SwarmRelease release, String bot) {
        release.getSpec().bots.stream().filter(b -> b.name.equals(bot)).forEach(b -> {
            if (b.template.getMetadata() == null) {
                b.template.setMetadata(new ObjectMetaBuilder().build());
            }
            b.template.getMetadata().setLabels(Map.of(NEVER_READY, "true"));
        });
        return release;
    }

    static List<CanaryStep> steps(Object... weightsAndPauses) {
        List<CanaryStep> steps = new ArrayList<>();
        for (Object s : weightsAndPauses) {
            steps.add(s instanceof Integer w ? CanaryStep.weight(w) : CanaryStep.pause((String) s));
        }
        return steps;
    }
}
