package io.tradingswarm.operator.unit.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.BotSlots;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.planner.JobState;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.Planner;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.planner.RouteIntent;
import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotIntent;
import io.tradingswarm.operator.planner.SlotState;
import io.tradingswarm.operator.planner.StoredRevision;

/**
 * A hand-written fake of the cluster for planner tests: slot Deployments whose pods become ready
 * at once, except for revisions marked broken. Status goes through JSON between ticks, as it does
 * through the API server, so nothing survives a tick that status does not carry.
 */
final class FakeSwarm {
    final Planner planner = new Planner();
    final Map<String, Map<Slot, SlotState>> slots = new HashMap<>();
    final Map<String, Slot> servicePins = new HashMap<>();
    /** The last route the planner asked for, per bot. */
    final Map<String, RouteIntent> routes = new HashMap<>();
    final Set<String> brokenRevisions = new HashSet<>();
    final List<ProbeResult> landed = new ArrayList<>();
    final Map<String, JobState> jobs = new HashMap<>();
    final List<String> createdJobs = new ArrayList<>();
    final Map<String, StoredRevision> revisions = new HashMap<>();
    final List<String> retired = new ArrayList<>();
    /** The shards the reconciler read for bots with shardsFrom, by bot name. */
    final Map<String, List<String>> shardsFrom = new HashMap<>();
    Action action;
    SwarmReleaseSpec spec;
    SwarmReleaseStatus status;
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Plan last;
    /** The trading gate as last written. */
    io.tradingswarm.operator.planner.GateView gate = io.tradingswarm.operator.planner.GateView.NONE;
    long generation = 1;

    FakeSwarm(SwarmReleaseSpec spec) {
        this.spec = spec;
    }

    /** One reconcile at the current time, applied to the fake cluster. */
    Plan tick() {
        last = planner.plan(observed(), now);
        apply(last);
        status = roundTrip(last.status());
        landed.clear();
        return last;
    }

    /** A measurement of the current run lands (as the probe runner would deliver it). */
    FakeSwarm lands(String probe, Measurement measurement) {
        landed.add(new ProbeResult(probe, RunId.of(status), measurement, now, now));
        return this;
    }

    Observed observed() {
        Map<String, BotSlots> view = new HashMap<>();
        slots.forEach((bot, s) -> view.put(bot, new BotSlots(
                s.getOrDefault(Slot.a, SlotState.ABSENT), s.getOrDefault(Slot.b, SlotState.ABSENT))));
        revisions.computeIfAbsent(Revision.of(spec), r -> new StoredRevision(r, spec.version, List.copyOf(spec.bots),
                revisions.size() + 1));
        Observed o = new Observed("swarm", spec, generation, Revision.of(spec), status == null ? null : roundTrip(status),
                view, Set.copyOf(servicePins.keySet().stream().filter(n -> !n.endsWith("-preview")).toList()), List.copyOf(landed),
                Map.copyOf(jobs), Map.copyOf(revisions), action, gate, Map.copyOf(shardsFrom));
        return o;
    }

    void apply(Plan plan) {
        for (SlotIntent i : plan.slots()) {
            Map<Slot, SlotState> bot = slots.computeIfAbsent(i.bot(), b -> new HashMap<>());
            SlotState current = bot.getOrDefault(i.slot(), SlotState.ABSENT);
            if (i.revision() == null && !current.exists()) {
                continue;
            }
            String revision = i.revision() != null ? i.revision() : current.revision();
            int ready = brokenRevisions.contains(revision) ? 0 : i.replicas();
            bot.put(i.slot(), SlotState.of(i.replicas(), ready, revision));
        }
        for (String bot : plan.retiredBots()) {
            slots.remove(bot);
            servicePins.remove(bot);
            retired.add(bot);
        }
        for (HookJob job : plan.hookJobs()) {
            if (!jobs.containsKey(job.name())) {
                createdJobs.add(job.name());
                jobs.put(job.name(), JobState.RUNNING);
            }
        }
        plan.routes().forEach(r -> routes.put(r.bot(), r));
        Map<String, String> versions = new HashMap<>();
        slots.forEach((bot, bySlot) -> bySlot.forEach((slot, state) -> revisions.values().stream()
                .filter(r -> r.revision().equals(state.revision())).findFirst()
                .ifPresent(r -> versions.put(slot.of(bot), r.version()))));
        gate = new io.tradingswarm.operator.planner.GateView(plan.trading(), plan.shards(), versions);
        for (ServiceIntent s : plan.services()) {
            servicePins.put(s.name(), s.pinnedTo());
        }
    }

    /**
     * Ticks without moving the clock until the decision stops changing (pods the last tick asked for
     * are ready by the next one, as a controller would make them); returns every event on the way.
     */
    List<ReleaseEvent> settle() {
        List<ReleaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String before = Serialization.asJson(status) + slots;
            tick();
            events.addAll(last.events());
            if (last.events().isEmpty() && before.equals(Serialization.asJson(status) + slots)) {
                return events;
            }
        }
        throw new AssertionError("no steady decision after 10 ticks: " + status.message);
    }

    void release(SwarmReleaseSpec next) {
        spec = next;
        generation++;
    }

    FakeSwarm advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    /** Ticks (advancing the clock to each requested wake-up) until the phase is reached. */
    Plan runUntil(Phase phase, int maxTicks) {
        for (int i = 0; i < maxTicks; i++) {
            tick();
            if (status.phase == phase) {
                return last;
            }
            advance(last.wakeUpAfter().orElse(Duration.ofSeconds(5)).plusMillis(1));
        }
        throw new AssertionError("phase " + phase + " not reached in " + maxTicks + " ticks; now " + status.phase
                + ": " + status.message);
    }

    SlotState slot(String bot, Slot slot) {
        return slots.getOrDefault(bot, Map.of()).getOrDefault(slot, SlotState.ABSENT);
    }

    int replicas(String bot, Slot slot) {
        return slot(bot, slot).replicas();
    }

    static SwarmReleaseStatus roundTrip(SwarmReleaseStatus s) {
        return Serialization.unmarshal(Serialization.asJson(s), SwarmReleaseStatus.class);
    }
}
