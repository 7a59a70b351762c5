package io.tradingswarm.cli.view;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.HistoryEntry;
import io.tradingswarm.operator.api.LastAction;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * What a person wants to know about one release, read from the SwarmRelease and its slot
 * Deployments: immutable, with no client or terminal in it, so the CLI and the dashboard render
 * the same facts. Missing values are null (rendered {@code -}); lists are never null.
 *
 * @param version the target version asked for ({@code spec.version}, kubectl's VERSION column)
 * @param runVersion the version of the current or last run ({@code status.version})
 * @param step the step text as kubectl shows it, e.g. {@code 3/8} or {@code gate}
 * @param created the creation time; see {@link #age(Instant)}
 */
public record ReleaseView(String name, String namespace, String phase, String version, String runVersion,
        String stableVersion, String strategy, String step, Integer weight, String message, boolean paused,
        Instant created, List<BotView> bots, List<StepView> steps, List<ProbeView> probes, RollbackView lastRollback,
        ActionView lastAction, List<HistoryView> history) {

    public static final String RELEASE_LABEL = "tradingswarm.io/release";
    public static final String BOT_LABEL = "tradingswarm.io/bot";
    public static final String SLOT_LABEL = "tradingswarm.io/slot";
    public static final String VERSION_LABEL = "app.kubernetes.io/version";
    /** The one-shot action annotation (values in docs/operations.md). */
    public static final String ACTION_ANNOTATION = "tradingswarm.io/action";
    /** What the operator swaps the annotation for: {@code <action>@<request id>}. */
    public static final String ACTION_REQUEST_ANNOTATION = "tradingswarm.io/action-request";

    public ReleaseView {
        bots = List.copyOf(bots);
        steps = List.copyOf(steps);
        probes = List.copyOf(probes);
        history = List.copyOf(history);
    }

    /** kubectl's AGE: {@code 5s}, {@code 3m12s}, {@code 4h}, {@code 2d3h}; {@code <unknown>} without a creation time. */
    public String age(Instant now) {
        return created == null ? "<unknown>" : Ages.human(Duration.between(created, now));
    }

    /** The step in progress, if a run is at one. */
    public StepView currentStep() {
        return steps.stream().filter(s -> s.state() == StepState.CURRENT).findFirst().orElse(null);
    }

    /** Whether the phase is one where a run moves (or waits to move) traffic. */
    public boolean inFlight() {
        try {
            return phase != null && Phase.valueOf(phase).inFlight();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The role of a slot in the current run. */
    public enum Role {
        /** Serves the stable version. */
        STABLE,
        /** Runs (or ran) the target version of the current run. */
        NEW,
        /** Left from an earlier version (scaled down after the last run), not part of the current one. */
        PREVIOUS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum StepState {
        DONE, CURRENT, PENDING
    }

    /**
     * One bot and its slot Deployments (present ones only, a before b).
     *
     * @param replicas {@code spec.bots[].replicas} (replicas at 100%), null for a bot no longer in the spec
     * @param newReplicas from {@code status.bots}: desired/ready pods of the new and the stable slot
     */
    public record BotView(String name, Integer replicas, List<SlotView> slots, Integer newReplicas, Integer newReady,
            Integer stableReplicas, Integer stableReady) {
        public BotView {
            slots = List.copyOf(slots);
        }
    }

    /**
     * One slot Deployment, {@code <bot>-<slot>}.
     *
     * @param version its {@code app.kubernetes.io/version} label
     * @param tradingState the slot's trading state in the trading gate (active, shadow, halted), or null
     */
    public record SlotView(String slot, String deployment, String version, int ready, int desired, Role role,
            String tradingState) {
    }

    /** One step of the plan, e.g. {@code setWeight 20}, {@code pause until promote}, {@code analysis 5m: error-rate}. */
    public record StepView(int index, String text, StepState state) {
        public int number() {
            return index + 1;
        }
    }

    /** One probe of the current run. */
    public record ProbeView(String name, String phase, String lastVerdict, Double lastValue, int successes, int failures,
            int errors, String message, String lastMeasuredAt, boolean dryRun) {
    }

    /** The last rollback: why, and how long it took to restore traffic. */
    public record RollbackView(String reason, Double seconds, String message, String probe, String startedAt,
            String completedAt) {
    }

    /** The last one-shot action the operator handled. */
    public record ActionView(String action, String result, String message, String handledAt, String requestId) {
    }

    /** One finished run, newest first. */
    public record HistoryView(String version, String revision, String result, Instant started, Instant finished,
            String reason) {
        /** From start to finish, or null when either is unknown. */
        public Duration duration() {
            return started == null || finished == null ? null : Duration.between(started, finished);
        }
    }

    /** Builds the view from a release and the Deployments labelled {@code tradingswarm.io/release=<name>}. */
    public static ReleaseView of(SwarmRelease release, List<Deployment> deployments) {
        SwarmReleaseSpec spec = release.getSpec();
        SwarmReleaseStatus status = release.getStatus() == null ? new SwarmReleaseStatus() : release.getStatus();
        var meta = release.getMetadata();
        String name = meta.getName();
        String strategy = status.strategy != null ? status.strategy : spec == null || spec.strategy == null ? null
                : spec.strategy.blueGreen != null ? "blueGreen" : "canary";
        String phase = status.phase == null ? null : status.phase.name();
        return new ReleaseView(name, meta.getNamespace(), phase, spec == null ? null : spec.version, status.version,
                status.stableVersion, strategy, status.step, status.weight, status.message,
                spec != null && Boolean.TRUE.equals(spec.paused), instant(meta.getCreationTimestamp()),
                bots(name, spec, status, deployments), steps(spec, status), probes(status), rollback(status.rollback),
                action(status.lastAction), history(status));
    }

    private static List<BotView> bots(String release, SwarmReleaseSpec spec, SwarmReleaseStatus status,
            List<Deployment> deployments) {
        Map<String, List<Deployment>> byBot = new LinkedHashMap<>();
        List<Bot> specBots = spec == null || spec.bots == null ? List.of() : spec.bots;
        specBots.forEach(b -> byBot.put(b.name, new ArrayList<>()));
        for (Deployment d : deployments) {
            Map<String, String> labels = d.getMetadata().getLabels();
            if (labels == null || !release.equals(labels.get(RELEASE_LABEL)) || labels.get(BOT_LABEL) == null
                    || labels.get(SLOT_LABEL) == null) {
                continue;
            }
            byBot.computeIfAbsent(labels.get(BOT_LABEL), b -> new ArrayList<>()).add(d);
        }
        List<BotView> out = new ArrayList<>();
        byBot.forEach((bot, ds) -> {
            Integer replicas = specBots.stream().filter(b -> b.name.equals(bot)).map(b -> b.replicas).findFirst().orElse(null);
            List<SlotView> slots = ds.stream()
                    .sorted(Comparator.comparing((Deployment d) -> d.getMetadata().getLabels().get(SLOT_LABEL)))
                    .map(d -> slot(d, status)).toList();
            var counts = status.bots == null ? null
                    : status.bots.stream().filter(b -> bot.equals(b.name)).findFirst().orElse(null);
            out.add(new BotView(bot, replicas, slots, counts == null ? null : counts.newReplicas,
                    counts == null ? null : counts.readyReplicas, counts == null ? null : counts.stableReplicas,
                    counts == null ? null : counts.stableReadyReplicas));
        });
        return out;
    }

    private static SlotView slot(Deployment d, SwarmReleaseStatus status) {
        Map<String, String> labels = d.getMetadata().getLabels();
        String slot = labels.get(SLOT_LABEL);
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        boolean stable = slot.equals(status.stableSlot) && (status.stableVersion != null || status.stableRevision != null);
        String version = labels.get(VERSION_LABEL);
        String target = status.version;
        Role role = stable ? Role.STABLE
                : version == null || target == null || version.equals(target) ? Role.NEW : Role.PREVIOUS;
        var trading = status.trading == null ? null : status.trading.get(d.getMetadata().getName());
        return new SlotView(slot, d.getMetadata().getName(), version, ready, desired, role, trading == null ? null : trading.word());
    }

    /** The canary steps as written, or the fixed blue-green stages; marked against status.currentStep. */
    private static List<StepView> steps(SwarmReleaseSpec spec, SwarmReleaseStatus status) {
        if (spec == null || spec.strategy == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        if (spec.strategy.canary != null && spec.strategy.canary.steps != null) {
            spec.strategy.canary.steps.forEach(s -> texts.add(stepText(s)));
        } else if (spec.strategy.blueGreen != null) {
            texts.addAll(blueGreenSteps(spec.strategy.blueGreen));
        }
        Integer current = status.currentStep;
        boolean finished = status.phase == Phase.Succeeded || status.phase == Phase.Promoting && spec.strategy.canary != null;
        List<StepView> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            StepState state;
            if (finished) {
                state = StepState.DONE;
            } else if (current == null) {
                state = StepState.PENDING;
            } else {
                state = i < current ? StepState.DONE : i == current ? StepState.CURRENT : StepState.PENDING;
            }
            out.add(new StepView(i, texts.get(i), state));
        }
        return out;
    }

    static String stepText(CanaryStep s) {
        if (s.setWeight != null) {
            return "setWeight " + s.setWeight;
        }
        if (s.pause != null) {
            return s.pause.duration == null ? "pause until promote" : "pause " + s.pause.duration;
        }
        if (s.analysis != null) {
            return "analysis " + analysis(s.analysis);
        }
        if (s.setHeaderRoute != null) {
            return "setHeaderRoute " + (s.setHeaderRoute.match == null ? "" : s.setHeaderRoute.match.stream()
                    .map(m -> m.name + "=" + m.value).collect(Collectors.joining(", ")));
        }
        if (s.setCanaryScale != null) {
            return "setCanaryScale " + s.setCanaryScale.replicas;
        }
        return "?";
    }

    private static String analysis(AnalysisStep a) {
        return Objects.toString(a.duration, "?") + (a.probes == null || a.probes.isEmpty() ? "" : ": " + String.join(", ", a.probes));
    }

    /** The operator's blue-green stages, indexed as status.currentStep counts them (preview, analysis, gate, monitoring, switched). */
    static List<String> blueGreenSteps(BlueGreenStrategy bg) {
        return List.of(
                "preview: new slots at full size behind the preview Service",
                bg.prePromotionAnalysis == null ? "analysis: none" : "analysis " + analysis(bg.prePromotionAnalysis),
                Boolean.FALSE.equals(bg.autoPromote) ? "gate: wait for promote" : "gate: auto-promote",
                bg.postPromotionAnalysis == null ? "switch, no monitoring" : "switch, monitor " + analysis(bg.postPromotionAnalysis),
                "switched (old slots kept " + Objects.toString(bg.scaleDownDelay, "10m") + ")");
    }

    private static List<ProbeView> probes(SwarmReleaseStatus status) {
        if (status.probes == null) {
            return List.of();
        }
        return status.probes.stream().map((ProbeStatus p) -> new ProbeView(p.name, p.phase, p.lastVerdict, p.lastValue,
                p.successes, p.failures, p.errors, p.message, p.lastMeasuredAt, Boolean.TRUE.equals(p.dryRun))).toList();
    }

    private static RollbackView rollback(RollbackStatus r) {
        return r == null ? null : new RollbackView(r.reason, r.seconds, r.message, r.probe, r.startedAt, r.completedAt);
    }

    private static ActionView action(LastAction a) {
        return a == null ? null : new ActionView(a.action, a.result, a.message, a.handledAt, a.requestId);
    }

    private static List<HistoryView> history(SwarmReleaseStatus status) {
        if (status.history == null) {
            return List.of();
        }
        return status.history.stream().map((HistoryEntry h) -> new HistoryView(h.version, h.revision, h.result,
                instant(h.startedAt), instant(h.finishedAt), h.reason)).toList();
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
