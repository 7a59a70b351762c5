package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TrafficRouting;

/**
 * The working state of one planning pass: the facts (observed state, clock) and the decisions taken
 * so far (next status, slot and Service intents, events, wake-up). Handlers read and write it; it
 * never touches the cluster.
 */
final class Tick {
    static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);
    static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);

    private static final ObjectMapper COPIER = new ObjectMapper();

    final Observed observed;
    final Instant now;
    final SwarmReleaseStatus status;
    private final Set<String> probesDue = new LinkedHashSet<>();
    private final List<HookJob> hookJobs = new ArrayList<>();
    private final List<ReleaseEvent> events = new ArrayList<>();
    private StoredRevision undoTo;
    private Instant wakeUp;
    /** The slot, Service and retirement intents of this pass. */
    final Traffic traffic = new Traffic(this);

    Tick(Observed observed, Instant now) {
        this.observed = observed;
        this.now = now;
        this.status = carryOver(observed.status());
    }

    SwarmReleaseSpec spec() {
        return observed.spec();
    }

    List<Bot> bots() {
        return spec().bots;
    }

    /** The canary steps; none for a blue-green release. */
    List<CanaryStep> steps() {
        return spec().strategy.canary == null ? List.of() : spec().strategy.canary.steps;
    }

    /** The blue-green strategy, or null for a canary release. */
    BlueGreenStrategy blueGreen() {
        return spec().strategy.blueGreen;
    }

    Duration progressDeadline() {
        return Durations.parse(spec().progressDeadline, DEFAULT_PROGRESS_DEADLINE);
    }

    Duration scaleDownDelay() {
        return Durations.parse(spec().rollback == null ? null : spec().rollback.scaleDownDelay, DEFAULT_SCALE_DOWN_DELAY);
    }

    boolean automaticRollback() {
        return spec().rollback == null || !Boolean.FALSE.equals(spec().rollback.automatic);
    }

    boolean pausedBySpec() {
        return Boolean.TRUE.equals(spec().paused);
    }

    boolean hasStable() {
        return status.stableRevision != null;
    }

    /**
     * The bots the stable revision runs, at the replicas the spec asks for now. A bot removed from the
     * spec keeps its stored size: it serves until a run without it is promoted. Without a stored stable
     * revision (a test without a store), the spec's bots.
     */
    List<Bot> stableBots() {
        StoredRevision stored = hasStable() ? observed.revisions().get(status.stableRevision) : null;
        if (stored == null) {
            return hasStable() ? bots() : List.of();
        }
        return stored.bots().stream().map(b -> bots().stream().filter(s -> s.name.equals(b.name)).findFirst()
                .orElseGet(() -> atLeastLiveSize(b))).toList();
    }

    /**
     * A bot the spec dropped keeps the size it serves at: the stored revision knows its replicas only
     * as they were when it was stored (replicas are no part of a revision).
     */
    private Bot atLeastLiveSize(Bot stored) {
        int live = observed.slotsOf(stored.name).get(stableSlot()).replicas();
        if (live <= stored.replicas) {
            return stored;
        }
        Bot sized = new Bot();
        sized.name = stored.name;
        sized.replicas = live;
        sized.template = stored.template;
        sized.service = stored.service;
        return sized;
    }

    /**
     * A bot's shards, none for a bot without: inline, or as the reconciler read them from the
     * bot's ConfigMap ({@code shardsFrom}). Nothing is read for a bot the spec dropped: it keeps the
     * shards the gate shows on its slots.
     */
    List<String> shardsOf(Bot bot) {
        if (bot.shardsFrom == null) {
            return bot.shards == null ? List.of() : bot.shards;
        }
        List<String> read = observed.shardsFrom().get(bot.name);
        if (read != null) {
            return read;
        }
        Set<String> shown = new LinkedHashSet<>();
        for (Slot slot : Slot.values()) {
            shown.addAll(observed.gate().shards().getOrDefault(slot.of(bot.name), List.of()));
        }
        return List.copyOf(shown);
    }

    /** Bots of the stable revision that the spec no longer names. */
    List<Bot> leavingBots() {
        return stableBots().stream().filter(b -> bots().stream().noneMatch(s -> s.name.equals(b.name))).toList();
    }

    boolean inSpec(Bot bot) {
        return bots().stream().anyMatch(b -> b.name.equals(bot.name));
    }

    boolean inStable(Bot bot) {
        return stableBots().stream().anyMatch(b -> b.name.equals(bot.name));
    }

    /** The blue-green run in status has moved the active Services to its slot. */
    boolean switched() {
        return status.currentStep != null && status.currentStep >= BlueGreenHandler.SWITCHED;
    }

    Slot stableSlot() {
        return Slot.parse(status.stableSlot);
    }

    /** The slot a run deploys to: the other one, or slot a for a first release. */
    Slot newSlot() {
        return hasStable() ? stableSlot().other() : stableSlot();
    }

    SlotState newState(Bot bot) {
        return observed.slotsOf(bot.name).get(newSlot());
    }

    SlotState stableState(Bot bot) {
        return hasStable() ? observed.slotsOf(bot.name).get(stableSlot()) : SlotState.ABSENT;
    }

    /** Ready pods of the run's target template on the new slot. */
    int readyNew(Bot bot) {
        SlotState s = newState(bot);
        return status.revision != null && status.revision.equals(s.revision()) ? s.readyReplicas() : 0;
    }

    int readyStable(Bot bot) {
        return stableState(bot).readyReplicas();
    }

    Instant instant(String text) {
        return text == null ? now : Instant.parse(text);
    }

    Duration since(String text) {
        return Duration.between(instant(text), now);
    }

    /** The spec's bots and those only the stable revision still runs. */
    List<Bot> botsInPlay() {
        List<Bot> all = new ArrayList<>(bots());
        all.addAll(leavingBots());
        return all;
    }

    boolean everyNewSlotReady(int weight) {
        return bots().stream().allMatch(b -> readyNew(b) >= Math.max(Weights.newReplicas(b.replicas, weight), newSlotFloor(b)));
    }

    /** The router's settings, or null: the replica ratio of the two slots is the traffic split. */
    TrafficRouting router() {
        return spec().strategy.canary == null ? null : spec().strategy.canary.trafficRouting;
    }

    boolean routed() {
        return router() != null;
    }

    /** The bots whose requests a router weighs: those with a Service; none without a router. */
    List<Bot> routedBots() {
        return routed() ? botsInPlay().stream().filter(b -> b.service != null).toList() : List.of();
    }

    /** The header route in force: that of the last setHeaderRoute step the run has reached, or none. */
    List<HeaderMatch> headerRoute() {
        return reachedSteps().filter(s -> s.setHeaderRoute != null).reduce((a, b) -> b).map(s -> s.setHeaderRoute.match)
                .orElse(List.of());
    }

    /**
     * The fewest pods a bot's new slot runs whatever the weight: the last setCanaryScale reached
     * (at most the bot's replicas), and one pod where a header route sends requests.
     */
    int newSlotFloor(Bot bot) {
        int scale = reachedSteps().filter(s -> s.setCanaryScale != null).reduce((a, b) -> b)
                .map(s -> Math.min(bot.replicas, s.setCanaryScale.replicas)).orElse(0);
        return Math.max(scale, bot.service != null && !headerRoute().isEmpty() ? 1 : 0);
    }

    /** The steps a run has passed, and the current one once it runs; none outside a run. */
    private Stream<CanaryStep> reachedSteps() {
        if (status.currentStep == null || status.phase == null || !List.of(Phase.Progressing, Phase.Paused,
                Phase.Promoting, Phase.Degraded).contains(status.phase)) {
            return Stream.empty();
        }
        int reached = status.phase == Phase.Progressing ? status.currentStep + 1 : status.currentStep;
        return steps().stream().limit(reached);
    }

    /** Every stable slot of the spec's bots has ready pods for {@code share} percent of its bot's replicas. */
    boolean everyStableSlotReadyFor(int share) {
        return stableBots().stream().filter(this::inSpec).allMatch(b -> readyStable(b) >= Weights.newReplicas(b.replicas, share));
    }

    boolean everyStableSlotFull() {
        return stableBots().stream().allMatch(b -> readyStable(b) >= b.replicas);
    }

    // ---- transitions ----

    void emit(EventReason reason, String message) {
        events.add(new ReleaseEvent(reason, message));
    }

    /** Emits unless this pass already has the same event (a rule asked twice in one pass says it once). */
    void emitOnce(EventReason reason, String message) {
        if (!events.contains(new ReleaseEvent(reason, message))) {
            emit(reason, message);
        }
    }

    /** The status message saved by the pass before, or null. */
    String savedMessage() {
        return observed.status() == null ? null : observed.status().message;
    }

    void wakeAt(Instant at) {
        if (wakeUp == null || at.isBefore(wakeUp)) {
            wakeUp = at;
        }
    }

    /**
     * New pods are not all ready yet: wait until progressDeadline (counted from the step's start),
     * then fail the run with {@code failure}.
     */
    void awaitNewPods(String failure, String waiting) {
        Instant deadline = instant(status.stepStartedAt).plus(progressDeadline());
        if (!now.isBefore(deadline)) {
            fail("ProgressDeadlineExceeded", failure);
            return;
        }
        wakeAt(deadline);
        status.message = waiting;
    }

    /** Holds the run in phase Paused, announcing it once. */
    void pause(String message) {
        if (status.phase != Phase.Paused) {
            emit(EventReason.Paused, message);
        }
        status.phase = Phase.Paused;
        status.message = message;
    }

    /**
     * Enters step {@code index} now: its clock starts (a hold of the step before does not carry over)
     * and an analysis step judges only its own measurements.
     */
    void startStep(int index) {
        status.currentStep = index;
        status.stepStartedAt = now.toString();
        status.pausedAt = null;
        AnalysisStep analysis = ProbeRules.currentAnalysis(this);
        if (analysis != null) {
            ProbeRules.resetWindow(this, analysis.probes);
        }
    }

    /**
     * The run failed: roll back (traffic first), or stop at Degraded when rollback is manual or
     * there is nothing stable to go back to.
     */
    void fail(String reason, String message) {
        fail(reason, message, null, now);
    }

    /** A failure a probe detected at {@code detectedAt}: the rollback clock starts at the measurement. */
    void fail(String reason, String message, String probe, Instant detectedAt) {
        if (!hasStable() || !automaticRollback()) {
            status.phase = Phase.Degraded;
            status.message = message + (hasStable() ? "; automatic rollback is off: abort or fix the spec"
                    : "; nothing stable to roll back to");
            status.rollback = rollback(reason, message, probe, detectedAt);
            emit(EventReason.Degraded, status.message);
            return;
        }
        rollBack(reason, message, probe, detectedAt);
    }

    /** Traffic back to the stable slot, whatever the rollback policy (the abort action). */
    void rollBack(String reason, String message, String probe, Instant detectedAt) {
        status.phase = Phase.RollingBack;
        status.rollback = rollback(reason, message, probe, detectedAt);
        status.weight = 0;
        status.message = "rolling back: " + message;
        emit(EventReason.RollingBack, message);
    }

    /** The rollback's clock starts at the detection, never later than this decision's clock. */
    private RollbackStatus rollback(String reason, String message, String probe, Instant detectedAt) {
        Instant startedAt = detectedAt.isAfter(now) ? now : detectedAt;
        RollbackStatus r = new RollbackStatus();
        r.reason = reason;
        r.message = message;
        r.probe = probe;
        r.startedAt = startedAt.toString();
        return r;
    }

    /** The undo action: the spec is to name this stored revision again; a normal run follows. */
    void undoTo(StoredRevision revision) {
        undoTo = revision;
    }

    StoredRevision undoTarget() {
        return undoTo;
    }

    void requestHook(HookJob job) {
        hookJobs.add(job);
    }

    void requestMeasurement(String probe) {
        probesDue.add(probe);
    }

    Plan toPlan() {
        TradingGate.publish(this);
        Optional<Duration> after = Optional.ofNullable(wakeUp).map(w -> Duration.between(now, w))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
        return new Plan(status, traffic.slots(), traffic.services(), traffic.routes(), status.trading,
                status.shards == null ? Map.of() : status.shards, traffic.retiredBots(),
                List.copyOf(events), List.copyOf(probesDue),
                List.copyOf(hookJobs), after, undoTo);
    }

    /** A deep copy of the saved status: handlers change the copy, never what the cache holds. */
    private static SwarmReleaseStatus carryOver(SwarmReleaseStatus saved) {
        return saved == null ? new SwarmReleaseStatus() : COPIER.convertValue(saved, SwarmReleaseStatus.class);
    }
}
