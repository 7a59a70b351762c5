package io.tradingswarm.operator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.BotSlots;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.Planner;
import io.tradingswarm.operator.planner.SlotIntent;
import io.tradingswarm.operator.planner.SlotState;

/**
 * The planner's cost per decision for the largest release the API allows (20 bots, 50 steps):
 * whole canary runs, decision by decision, timed after a warm-up. Run with {@code make bench}.
 */
public final class PlannerBench {
    static final int BOTS = 20;
    static final int STEPS = 50;

    public static void main(String[] args) {
        Planner planner = new Planner();
        run(planner, 200);
        List<Long> nanos = new ArrayList<>();
        int runs = 1000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            nanos.addAll(run(planner, 1));
        }
        long total = System.nanoTime() - start;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("planner: %d bots, %d steps, %d runs, %d decisions in %.2f s%n", BOTS, STEPS, runs,
                sorted.length, total / 1e9);
        System.out.printf("planner cost per decision: mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us%n",
                Arrays.stream(sorted).average().orElse(0) / 1e3, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    /** Whole canary runs (first release, then v2 through every step), timing each decision. */
    static List<Long> run(Planner planner, int runs) {
        List<Long> nanos = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<String, SlotState[]> slots = new HashMap<>();
            SwarmReleaseStatus status = null;
            Instant now = Instant.parse("2026-01-05T10:00:00Z");
            for (String version : List.of("v1", "v2")) {
                String revision = "rev-" + version;
                for (int tick = 0; tick < 4 * STEPS; tick++) {
                    Observed observed = new Observed("bench", spec(version), 1, revision, status, view(slots), Set.of(),
                            List.of(), Map.of(), Map.of(), null, io.tradingswarm.operator.planner.GateView.NONE, Map.of());
                    long t0 = System.nanoTime();
                    Plan plan = planner.plan(observed, now);
                    nanos.add(System.nanoTime() - t0);
                    for (SlotIntent i : plan.slots()) {
                        SlotState[] bot = slots.computeIfAbsent(i.bot(), b -> new SlotState[] {SlotState.ABSENT, SlotState.ABSENT});
                        SlotState current = bot[i.slot().ordinal()];
                        if (i.revision() != null || current.exists()) {
                            bot[i.slot().ordinal()] = SlotState.of(i.replicas(), i.replicas(),
                                    i.revision() != null ? i.revision() : current.revision());
                        }
                    }
                    status = plan.status();
                    now = now.plus(plan.wakeUpAfter().orElse(Duration.ofSeconds(1)));
                    if (status.phase == Phase.Succeeded && version.equals(status.stableVersion)) {
                        break;
                    }
                }
            }
        }
        return nanos;
    }

    static Map<String, BotSlots> view(Map<String, SlotState[]> slots) {
        Map<String, BotSlots> view = new HashMap<>();
        slots.forEach((bot, s) -> view.put(bot, new BotSlots(s[0], s[1])));
        return view;
    }

    static final Map<String, SwarmReleaseSpec> SPECS = new HashMap<>();

    static SwarmReleaseSpec spec(String version) {
        return SPECS.computeIfAbsent(version, v -> {
            SwarmReleaseSpec spec = new SwarmReleaseSpec();
            spec.version = v;
            spec.bots = new ArrayList<>();
            for (int b = 0; b < BOTS; b++) {
                Bot bot = new Bot();
                bot.name = "bot-" + b;
                bot.replicas = 1 + b % 7;
                bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("bot")
                        .withImage("trading/bot:" + v).endContainer().endSpec().build();
                spec.bots.add(bot);
            }
            spec.strategy = new Strategy();
            spec.strategy.canary = new CanaryStrategy();
            spec.strategy.canary.steps = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                spec.strategy.canary.steps.add(s % 2 == 0 ? CanaryStep.weight(2 * (s + 2)) : CanaryStep.pause("30s"));
            }
            return spec;
        });
    }
}
