package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.Phase;

/**
 * The traffic a planning pass decides: every bot's slot sizes and revisions, where its Services
 * point, and which bots are retired. Each intent sets the whole picture for every bot; the last one
 * a handler calls wins.
 */
final class Traffic {
    private final Tick t;
    private List<SlotIntent> slots = List.of();
    private List<ServiceIntent> services = List.of();
    private List<RouteIntent> routes = List.of();
    private final List<String> retiredBots = new ArrayList<>();

    Traffic(Tick tick) {
        this.t = tick;
    }

    List<SlotIntent> slots() {
        return slots;
    }

    List<ServiceIntent> services() {
        return services;
    }

    List<RouteIntent> routes() {
        return routes;
    }

    List<String> retiredBots() {
        return List.copyOf(retiredBots);
    }

    /**
     * Canary traffic: {@code weight} percent on the new slot. By replica ratio, the stable slot shrinks
     * only behind ready new pods. Through a router, the stable slot stays full and the route takes a
     * higher weight only once every new slot is ready for it.
     */
    void shiftTo(int weight) {
        int routedBefore = t.status.weight == null ? 0 : t.status.weight;
        // A route moves a share only to pods that are ready for it: up to the new slot, or back to a stable
        // slot that is still being restored (a hand deleted it) and has too few ready pods yet.
        boolean carried = weight > routedBefore ? t.everyNewSlotReady(weight)
                : weight == routedBefore || t.everyStableSlotReadyFor(100 - weight);
        t.status.weight = !t.routed() || carried ? weight : routedBefore;
        // The new slot serves what its routes carry, and grows towards the step's weight before they carry it.
        int sized = Math.max(weight, t.status.weight);
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : t.bots()) {
            if (supersededServing(bot)) {
                retireNewSlot(bot, next);
                continue;
            }
            int newReplicas = Math.max(t.newSlotFloor(bot),
                    Weights.newReplicas(bot.replicas, sized, t.readyStable(bot), t.newState(bot).replicas()));
            next.add(new SlotIntent(bot.name, t.newSlot(), newReplicas, t.status.revision));
            if (t.hasStable() && t.inStable(bot)) {
                next.add(t.routed() ? fullStable(bot) : new SlotIntent(bot.name, t.stableSlot(),
                        Weights.stableReplicas(bot.replicas, weight, t.readyNew(bot)), t.status.stableRevision));
            }
        }
        t.leavingBots().forEach(bot -> retireNewSlot(bot, next));
        slots = next;
        services = canaryServices();
        routes = routes(t.status.weight, readyHeaderRoute());
    }

    /**
     * The header route in force: written only once every routed bot's new slot has a ready pod for
     * it, then kept while it stays in force (status remembers it), so a Deployment controller that
     * lags behind a scale-up does not take it away. A run that skips ahead (promote-full) never
     * routes it to pods that were not ready, nor does one that took it away (held before its header
     * step, the new slot scaled down) and comes back to it.
     */
    private List<HeaderMatch> readyHeaderRoute() {
        List<HeaderMatch> header = t.headerRoute();
        if (header.isEmpty()) {
            t.status.headerRouted = null;
            return List.of();
        }
        boolean ready = Boolean.TRUE.equals(t.status.headerRouted)
                || t.bots().stream().filter(b -> b.service != null).allMatch(b -> t.readyNew(b) >= 1);
        if (!ready) {
            return List.of();
        }
        t.status.headerRouted = true;
        return header;
    }

    /**
     * The new slot still serves pods of a run this one replaced, and the stable slot is not full and
     * ready: replacing those pods now would dip capacity, so they drain behind the stable slot first.
     */
    private boolean supersededServing(Bot bot) {
        SlotState fresh = t.newState(bot);
        return t.hasStable() && t.inStable(bot) && fresh.replicas() > 0 && !Objects.equals(fresh.revision(), t.status.revision)
                && t.readyStable(bot) < bot.replicas;
    }

    /** A bot the run drops: its stable slot at full size; its new slot, if any, gives way behind ready stable pods. */
    private void retireNewSlot(Bot bot, List<SlotIntent> next) {
        next.add(fullStable(bot));
        next.add(new SlotIntent(bot.name, t.newSlot(), Weights.newReplicas(bot.replicas, 0, t.readyStable(bot),
                t.newState(bot).replicas()), null));
    }

    /**
     * Blue-green traffic: both slots at full size; the active Services on the stable slot, or on the
     * new slot once {@code switched}; the preview Services always on the new slot.
     */
    void blueGreen(boolean switched) {
        t.status.weight = switched ? 100 : 0;
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : t.bots()) {
            next.add(new SlotIntent(bot.name, t.newSlot(), bot.replicas, t.status.revision));
        }
        t.stableBots().stream().filter(t::inSpec).forEach(bot -> next.add(fullStable(bot)));
        t.leavingBots().forEach(bot -> retireNewSlot(bot, next));
        slots = next;
        services = blueGreenServices(switched);
    }

    /** The active Services on the stable slot, or the new one once switched; the previews on the new slot. */
    private List<ServiceIntent> blueGreenServices(boolean switched) {
        List<ServiceIntent> both = new ArrayList<>(services(switched ? t.newSlot() : t.stableSlot()));
        t.bots().stream().filter(b -> b.service != null)
                .forEach(b -> both.add(new ServiceIntent(b.name, t.newSlot(), ServiceIntent.Kind.PREVIEW)));
        return both;
    }

    /** Every bot's traffic on the stable slot at full size; the other slot keeps its pods until {@code retireAt}. */
    void restoreStable(Instant retireAt) {
        boolean retire = retireAt != null && !t.now.isBefore(retireAt);
        List<SlotIntent> next = new ArrayList<>();
        t.stableBots().forEach(bot -> next.add(fullStable(bot)));
        for (Bot bot : t.botsInPlay()) {
            int keep = retire ? 0 : t.observed.slotsOf(bot.name).get(t.stableSlot().other()).replicas();
            next.add(new SlotIntent(bot.name, t.stableSlot().other(), keep, null));
        }
        slots = next;
        services = services(t.stableSlot());
        routes = routes(0, List.of());
        if (retireAt != null && !retire) {
            t.wakeAt(retireAt);
        }
    }

    /**
     * The stable slots to full size; the new slots, the Services and the routes stay as they are (a
     * switched blue-green run keeps serving from its slot) until the stable slots are ready. A rollback
     * is the exception for routes: it takes the new slot's weight away at once.
     */
    void growStable() {
        List<SlotIntent> next = new ArrayList<>();
        t.stableBots().forEach(bot -> next.add(fullStable(bot)));
        t.bots().forEach(bot -> next.add(new SlotIntent(bot.name, t.newSlot(), t.newState(bot).replicas(), null)));
        slots = next;
        services = t.blueGreen() != null ? blueGreenServices(t.switched() && t.status.phase == Phase.RollingBack)
                : canaryServices();
        routes = t.status.phase == Phase.RollingBack ? routes(0, List.of()) : List.of();
    }

    /**
     * No replica changes: a human (or spec.paused) holds the release where it is. A stable slot that
     * is gone is restored; pods of a superseded revision give way to the stable slot, behind its ready
     * pods. With a router the stable slot is at full size, as in every routed decision. A blue-green
     * active Service stays on the slot that serves: the preview takes active traffic only by the switch.
     */
    void hold() {
        List<SlotIntent> next = new ArrayList<>();
        for (Bot bot : t.botsInPlay()) {
            SlotState stable = t.stableState(bot);
            SlotState fresh = t.newState(bot);
            boolean superseded = t.hasStable() && fresh.exists() && !Objects.equals(fresh.revision(), t.status.revision);
            if (t.hasStable() && t.inStable(bot)) {
                int keep = !stable.exists() || superseded || t.routed() ? bot.replicas : stable.replicas();
                next.add(new SlotIntent(bot.name, t.stableSlot(), keep, t.status.stableRevision));
            }
            int keepNew = superseded ? Weights.newReplicas(bot.replicas, 0, t.readyStable(bot), fresh.replicas()) : fresh.replicas();
            next.add(new SlotIntent(bot.name, t.newSlot(), keepNew, null));
        }
        slots = next;
        if (t.blueGreen() != null && t.hasStable()) {
            services = blueGreenServices(t.switched() && t.status.phase != Phase.RollingBack
                    && t.status.phase != Phase.RolledBack);
        } else {
            services = canaryServices();
        }
        routes = routes(t.status.weight == null ? 0 : t.status.weight, readyHeaderRoute());
    }

    private SlotIntent fullStable(Bot bot) {
        return new SlotIntent(bot.name, t.stableSlot(), bot.replicas, t.status.stableRevision);
    }

    /**
     * A canary's bot Services, by replica ratio on both slots, except where the stable slot is full and
     * ready and the new slot has no ready pod of the run's version (which also counts none while an
     * older pod is left in it): there the Service stays on the stable slot, so pods of a failed run
     * kept for {@code scaleDownDelay} never get requests again when the next run begins. Capacity
     * comes first: a stable slot that is not full keeps the new slot's pods serving beside it.
     */
    private List<ServiceIntent> canaryServices() {
        return services(bot -> t.hasStable() && t.inStable(bot) && t.readyNew(bot) == 0 && t.readyStable(bot) >= bot.replicas
                ? t.stableSlot() : null);
    }

    private List<ServiceIntent> services(Slot pinnedTo) {
        return services(bot -> pinnedTo);
    }

    /**
     * The bots' own Services, each on its {@code pinnedTo} slot or, for null, both slots. With a router
     * they stay on the stable slot (the route weighs the requests), and every bot also gets one Service per slot.
     */
    private List<ServiceIntent> services(Function<Bot, Slot> pinnedTo) {
        List<ServiceIntent> all = new ArrayList<>();
        for (Bot bot : t.botsInPlay().stream().filter(b -> b.service != null).toList()) {
            all.add(new ServiceIntent(bot.name, t.routed() ? t.stableSlot() : pinnedTo.apply(bot), ServiceIntent.Kind.BOT));
            if (t.routed()) {
                Stream.of(Slot.values()).forEach(slot -> all.add(new ServiceIntent(bot.name, slot, ServiceIntent.Kind.SLOT)));
            }
        }
        return all;
    }

    /** Every routed bot's route: {@code newWeight} percent to the new slot; a first release all to its slot. */
    private List<RouteIntent> routes(int newWeight, List<HeaderMatch> headerRoute) {
        return t.routedBots().stream().map(bot -> t.hasStable() && t.inSpec(bot)
                ? new RouteIntent(bot.name, t.stableSlot(), newWeight, headerRoute)
                : new RouteIntent(bot.name, t.hasStable() ? t.stableSlot() : t.newSlot(), 0, List.of())).toList();
    }

    /** Deletes the slots and Services of every bot that neither the spec nor the stable revision runs. */
    void retireStrays() {
        Set<String> present = new TreeSet<>(t.observed.slots().keySet());
        present.addAll(t.observed.servedBots());
        present.stream().filter(bot -> t.botsInPlay().stream().noneMatch(b -> b.name.equals(bot))).forEach(retiredBots::add);
    }
}
