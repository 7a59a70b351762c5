package io.tradingswarm.operator.unit.planner;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** Small release specs for planner tests. */
final class Specs {
    private Specs() {
    }

    static SwarmReleaseSpec canary(String version, List<CanaryStep> steps, Bot... bots) {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.bots = new ArrayList<>(List.of(bots));
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = new ArrayList<>(steps);
        spec.progressDeadline = "10m";
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "30s";
        return spec;
    }

    static Bot bot(String name, int replicas, String image) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = replicas;
        bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName(name).withImage(image)
                .endContainer().endSpec().build();
        bot.service = new BotService();
        bot.service.ports = List.of(new ServicePortBuilder().withName("http").withPort(8080).build());
        return bot;
    }

    /** The runbook's plan: 10/25/50/75/100 with a 1-minute pause after each shift. */
    static List<CanaryStep> runbookSteps() {
        List<CanaryStep> steps = new ArrayList<>();
        for (int w : new int[] {10, 25, 50, 75, 100}) {
            steps.add(CanaryStep.weight(w));
            steps.add(CanaryStep.pause("1m"));
        }
        return steps;
    }

    /** Sets every bot's image to {@code version}, as a version bump does. */
    static SwarmReleaseSpec bump(SwarmReleaseSpec spec, String version) {
        SwarmReleaseSpec next = canary(version, List.of(), spec.bots.stream()
                .map(b -> {
                    Bot bumped = bot(b.name, b.replicas, "bots/" + b.name + ":" + version);
                    bumped.shards = b.shards;
                    bumped.shardsFrom = b.shardsFrom;
                    return bumped;
                }).toArray(Bot[]::new));
        next.strategy = spec.strategy;
        next.progressDeadline = spec.progressDeadline;
        next.rollback = spec.rollback;
        next.paused = spec.paused;
        next.probes = spec.probes;
        next.backgroundProbes = spec.backgroundProbes;
        next.trading = spec.trading;
        return next;
    }
}
