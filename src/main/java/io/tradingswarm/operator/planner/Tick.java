package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

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
    private List<SlotIntent> slots = List.of();
    private List<ServiceIntent> services = List.of();
    private final Set<String> probesDue = new LinkedHashSet<>();
    private final List<HookJob> hookJobs = new ArrayList<>();
    private final List<ReleaseEvent> events = new ArrayList<>();
    private final List<String> retiredBots = new ArrayList<>();
    private StoredRevision undoTo;
    private Instant wakeUp;

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

    /** Bots of the stable revision that the spec no longer names. */
    List<Bot> leavingBots() {
        return stableBots().stream().filter(b -> bots().stream().noneMatch(s -> s.name.equals(b.name))).toList();
    }

    private boolean inSpec(Bot bot) {
        return bots().stream().anyMatch(b -> b.name.equals(bot.name));
    }

    private boolean inStable(Bot bot) {
        return stableBots().stream().anyMatch(b -> b.name.equals(bot.name));
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

    // ---- intents: each sets the whole picture for every bot; the last one a handler calls wins ----

    /** Canary traffic: {@code weight} percent on the new slot, the stable slot shrinking only behind ready new pods. */
    void shiftTo(int weight) {
        status.weight = weight;
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : bots()) {
            if (supersededServing(bot)) {
                retireNewSlot(bot, next);
                continue;
            }
            int newReplicas = Weights.newReplicas(bot.replicas, weight, readyStable(bot), newState(bot).replicas());
            next.add(new SlotIntent(bot.name, newSlot(), newReplicas, status.revision));
            if (hasStable() && inStable(bot)) {
                next.add(new SlotIntent(bot.name, stableSlot(), Weights.stableReplicas(bot.replicas, weight, readyNew(bot)),
                        status.stableRevision));
            }
        }
        leavingBots().forEach(bot -> retireNewSlot(bot, next));
        slots = next;
        services = services(null);
    }

    /**
     * The new slot still serves pods of a run this one replaced, and the stable slot is not full and
     * ready: replacing those pods now would dip capacity, so they drain behind the stable slot first.
     */
    private boolean supersededServing(Bot bot) {
        SlotState fresh = newState(bot);
        return hasStable() && inStable(bot) && fresh.replicas() > 0 && !Objects.equals(fresh.revision(), status.revision)
                && readyStable(bot) < bot.replicas;
    }

    /** A bot the run drops: its stable slot at full size; its new slot, if any, gives way behind ready stable pods. */
    private void retireNewSlot(Bot bot, List<SlotIntent> next) {
        next.add(new SlotIntent(bot.name, stableSlot(), bot.replicas, status.stableRevision));
        next.add(new SlotIntent(bot.name, newSlot(), Weights.newReplicas(bot.replicas, 0, readyStable(bot),
                newState(bot).replicas()), null));
    }

    /**
     * Blue-green traffic: both slots at full size; the active Services on the stable slot, or on the
     * new slot once {@code switched}; the preview Services always on the new slot.
     */
    void blueGreen(boolean switched) {
        status.weight = switched ? 100 : 0;
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : bots()) {
            next.add(new SlotIntent(bot.name, newSlot(), bot.replicas, status.revision));
        }
        stableBots().stream().filter(this::inSpec)
                .forEach(bot -> next.add(new SlotIntent(bot.name, stableSlot(), bot.replicas, status.stableRevision)));
        leavingBots().forEach(bot -> retireNewSlot(bot, next));
        slots = next;
        services = blueGreenServices(switched);
    }

    /** The active Services on the stable slot, or the new one once switched; the previews on the new slot. */
    private List<ServiceIntent> blueGreenServices(boolean switched) {
        List<ServiceIntent> both = new ArrayList<>(services(switched ? newSlot() : stableSlot()));
        bots().stream().filter(b -> b.service != null).forEach(b -> both.add(new ServiceIntent(b.name, newSlot(), true)));
        return both;
    }

    /** Every bot's traffic on the stable slot at full size; the other slot keeps its pods until {@code retireAt}. */
    void restoreStable(Instant retireAt) {
        boolean retire = retireAt != null && !now.isBefore(retireAt);
        List<SlotIntent> next = new ArrayList<>();
        stableBots().forEach(bot -> next.add(new SlotIntent(bot.name, stableSlot(), bot.replicas, status.stableRevision)));
        for (Bot bot : botsInPlay()) {
            int keep = retire ? 0 : observed.slotsOf(bot.name).get(stableSlot().other()).replicas();
            next.add(new SlotIntent(bot.name, stableSlot().other(), keep, null));
        }
        slots = next;
        services = services(stableSlot());
        if (retireAt != null && !retire) {
            wakeAt(retireAt);
        }
    }

    /**
     * The stable slots to full size; the new slots and the Services stay as they are (a switched
     * blue-green run keeps serving from its slot) until the stable slots are ready.
     */
    void growStable() {
        List<SlotIntent> next = new ArrayList<>();
        stableBots().forEach(bot -> next.add(new SlotIntent(bot.name, stableSlot(), bot.replicas, status.stableRevision)));
        bots().forEach(bot -> next.add(new SlotIntent(bot.name, newSlot(), newState(bot).replicas(), null)));
        slots = next;
        services = blueGreen() != null ? blueGreenServices(status.phase == Phase.RollingBack && status.currentStep != null
                && status.currentStep >= BlueGreenHandler.SWITCHED) : services(null);
    }

    /**
     * No replica changes: a human (or spec.paused) holds the release where it is. A stable slot that
     * is gone is restored; pods of a superseded revision give way to the stable slot, behind its ready
     * pods. A blue-green active Service stays on the slot that serves: the preview takes active
     * traffic only by the switch.
     */
    void hold() {
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : botsInPlay()) {
            SlotState stable = stableState(bot);
            SlotState fresh = newState(bot);
            boolean superseded = hasStable() && fresh.exists() && !Objects.equals(fresh.revision(), status.revision);
            if (hasStable() && inStable(bot)) {
                int keep = !stable.exists() || superseded ? bot.replicas : stable.replicas();
                next.add(new SlotIntent(bot.name, stableSlot(), keep, status.stableRevision));
            }
            int keepNew = superseded ? Weights.newReplicas(bot.replicas, 0, readyStable(bot), fresh.replicas()) : fresh.replicas();
            next.add(new SlotIntent(bot.name, newSlot(), keepNew, null));
        }
        slots = next;
        if (blueGreen() != null && hasStable()) {
            services = blueGreenServices(status.currentStep != null && status.currentStep >= BlueGreenHandler.SWITCHED
                    && status.phase != Phase.RollingBack && status.phase != Phase.RolledBack);
        } else {
            services = services(null);
        }
    }

    /** The spec's bots and those only the stable revision still runs. */
    List<Bot> botsInPlay() {
        List<Bot> all = new ArrayList<>(bots());
        all.addAll(leavingBots());
        return all;
    }

    private List<ServiceIntent> services(Slot pinnedTo) {
        return botsInPlay().stream().filter(b -> b.service != null).map(b -> new ServiceIntent(b.name, pinnedTo, false))
                .toList();
    }

    /** Deletes the slots and Services of every bot that neither the spec nor the stable revision runs. */
    void retireStrays() {
        Set<String> present = new TreeSet<>(observed.slots().keySet());
        present.addAll(observed.servedBots());
        present.stream().filter(bot -> botsInPlay().stream().noneMatch(b -> b.name.equals(bot))).forEach(retiredBots::add);
    }

    boolean everyNewSlotReady(int weight) {
        return bots().stream().allMatch(b -> readyNew(b) >= Weights.newReplicas(b.replicas, weight));
    }

    boolean everyStableSlotFull() {
        return stableBots().stream().allMatch(b -> readyStable(b) >= b.replicas);
    }

    // ---- transitions ----

    void emit(EventReason reason, String message) {
        events.add(new ReleaseEvent(reason, message));
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

    private static RollbackStatus rollback(String reason, String message, String probe, Instant startedAt) {
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
        Optional<Duration> after = Optional.ofNullable(wakeUp).map(w -> Duration.between(now, w))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
        return new Plan(status, slots, services, List.copyOf(retiredBots), List.copyOf(events), List.copyOf(probesDue),
                List.copyOf(hookJobs), after, undoTo);
    }

    /** A deep copy of the saved status: handlers change the copy, never what the cache holds. */
    private static SwarmReleaseStatus carryOver(SwarmReleaseStatus saved) {
        return saved == null ? new SwarmReleaseStatus() : COPIER.convertValue(saved, SwarmReleaseStatus.class);
    }
}
