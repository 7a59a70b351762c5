package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.EventReason;

/**
 * The rules of a release that routes through Gateway API or Istio (R1-R3, and I2 for routes), checked
 * on the model's routes as {@link RouteRules} reads them: which Services get what share of a bot's
 * requests, and which slot's pods each Service reaches.
 */
final class RoutedTraffic {
    /** -Dsim.strict=true: the known gaps (docs/development.md) count as violations too. */
    static final boolean STRICT = Boolean.getBoolean("sim.strict");

    /** Stable slot replicas per bot before this decision's writes. */
    private final Map<String, Integer> stableBefore = new HashMap<>();
    /** Per bot, what its route gives the new slot (slot, revision, shares), as after the previous decision. */
    private final Map<String, String> shareOf = new HashMap<>();

    private static TrafficRouting routing(TickFacts f) {
        return f.spec().strategy.canary == null ? null : f.spec().strategy.canary.trafficRouting;
    }

    /** Routed, valid, something stable: the rules apply. */
    private static boolean applies(TickFacts f) {
        return routing(f) != null && f.specValid() && f.after().stableRevision != null && f.after().stableSlot != null;
    }

    private static String stableSlotOf(String bot, SwarmReleaseStatus s) {
        return bot + "-" + s.stableSlot;
    }

    private static String newSlot(SwarmReleaseStatus s) {
        return "a".equals(s.stableSlot) ? "b" : "a";
    }

    private static boolean rollbackDecided(TickFacts f) {
        return f.decision().events().stream().anyMatch(e -> e.reason() == EventReason.RollingBack);
    }

    /** Before the writes: what the stable slots ask for now. */
    void before(ModelCluster cluster, TickFacts f) {
        stableBefore.clear();
        if (!applies(f) || f.before() == null || f.before().stableSlot == null) {
            return;
        }
        for (Bot bot : f.spec().bots) {
            ModelDeployment stable = cluster.deployments.get(bot.name + "-" + f.before().stableSlot);
            stableBefore.put(bot.name, stable == null ? 0 : stable.replicas());
        }
    }

    /**
     * R1: with a router the stable slot keeps its full size for the whole run: no write asks it for fewer
     * than the bot's replicas, it never ends a decision smaller than it started it (unless that was more
     * than full), and once a rollback is decided it is at full size.
     */
    void stableStaysFull(ModelCluster cluster, TickFacts f, Set<String> stableBots) {
        if (!applies(f)) {
            return;
        }
        SwarmReleaseStatus s = f.after();
        boolean rollback = rollbackDecided(f) || s.phase == Phase.RollingBack || s.phase == Phase.RolledBack;
        boolean promoted = f.before() != null && !java.util.Objects.equals(f.before().stableSlot, s.stableSlot);
        for (Bot bot : f.spec().bots) {
            if (!stableBots.contains(bot.name) || f.touchedBots().contains(bot.name)) {
                continue;
            }
            String name = stableSlotOf(bot.name, s);
            for (Write w : f.decision().writes()) {
                Integer asked = w instanceof Write.Scale sc && sc.deployment().equals(name) ? Integer.valueOf(sc.replicas())
                        : w instanceof Write.Apply a && a.object() instanceof Deployment d && d.getMetadata().getName().equals(name)
                                ? d.getSpec().getReplicas() : null;
                if (asked != null && asked < bot.replicas) {
                    throw new Violation("R1", "the decision asks the stable slot " + name + " for " + asked + " of " + bot.replicas
                            + " replicas (phase " + f.phaseBefore() + " -> " + s.phase + ", weight " + s.weight + ")");
                }
            }
            ModelDeployment stable = cluster.deployments.get(name);
            int now = stable == null ? 0 : stable.replicas();
            int before = stableBefore.getOrDefault(bot.name, 0);
            if (!promoted && now < Math.min(before, bot.replicas)) {
                throw new Violation("R1", "the stable slot " + name + " went from " + before + " to " + now + " replicas of "
                        + bot.replicas + " in one decision (phase " + f.phaseBefore() + " -> " + s.phase + ")");
            }
            if (rollback && now < bot.replicas) {
                throw new Violation("R1", "after the rollback decision the stable slot " + name + " asks for " + now + " of "
                        + bot.replicas + " replicas (phase " + s.phase + ")");
            }
        }
    }

    /**
     * R2: a route gives a share of a bot's requests (or its header route) to the new slot only once that
     * slot has ready pods of the target revision for it: ceil(share x replicas), at least one for a header
     * route. A Service that a route weighs must exist. Hands are forgiven for two reconciles.
     */
    void weightOnlyOnReadyPods(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        if (!applies(f) || s.revision == null || s.revision.equals(s.stableRevision)) {
            return;
        }
        String fresh = newSlot(s);
        for (Bot bot : f.spec().bots) {
            ModelRoute route = bot.service == null ? null : cluster.routeOf(bot.name);
            if (route == null) {
                continue;
            }
            RouteRules rules = route.rules();
            RouteRules.Rule plain = rules.plain();
            boolean plainChanged = shareChanged(cluster, bot.name + " plain", plain == null ? List.of() : List.of(plain), fresh, s.revision);
            boolean headerChanged = shareChanged(cluster, bot.name + " header", rules.headerRoutes(), fresh, s.revision);
            if (f.touchedBots().contains(bot.name)) {
                continue;
            }
            if (plain != null && (STRICT || plainChanged)) {
                for (Map.Entry<String, Integer> backend : plain.weights().entrySet()) {
                    int need = ceilShare(backend.getValue(), plain.total(), bot.replicas);
                    requireReady(cluster, f, bot, route, backend.getKey(), backend.getValue(), need, fresh, "a weight of "
                            + backend.getValue() + "/" + plain.total());
                }
            }
            for (RouteRules.Rule header : rules.headerRoutes()) {
                if (header != null && (STRICT || headerChanged)) {
                    header.weights().forEach((service, weight) -> requireReady(cluster, f, bot, route, service, weight, 1, fresh,
                            "the header route " + header.headers()));
                }
            }
        }
    }

    /**
     * Whether {@code rules} (a route's plain rule, or where its header routes go) give the new slot
     * something other than after the previous decision: another share or target revision. Known gap G2
     * (docs/development.md): once written, a share is not taken back when the new slot loses ready pods
     * (a hand) or needs more (a resize), so without -Dsim.strict=true R2 judges a share when it is
     * given, not for as long as it stands.
     */
    private boolean shareChanged(ModelCluster cluster, String key, List<RouteRules.Rule> rules, String fresh, String revision) {
        StringBuilder share = new StringBuilder(fresh).append(' ').append(revision);
        for (RouteRules.Rule rule : rules) {
            if (rule == null) {
                share.append(" | none");
                continue;
            }
            share.append(" |").append(rule.headers());
            rule.weights().forEach((service, weight) -> {
                Map<String, String> selector = cluster.selectorOf(service);
                if (selector != null && fresh.equals(selector.get(Labels.SLOT))) {
                    share.append(' ').append(weight).append('/').append(rule.total());
                }
            });
        }
        return !share.toString().equals(shareOf.put(key, share.toString()));
    }

    /** ceil(weight / total x replicas): the new pods a share of the requests needs. */
    static int ceilShare(int weight, int total, int replicas) {
        return total <= 0 || weight <= 0 ? 0 : (int) (((long) weight * replicas + total - 1) / total);
    }

    private static void requireReady(ModelCluster cluster, TickFacts f, Bot bot, ModelRoute route, String service, int weight,
            int need, String fresh, String what) {
        if (weight <= 0) {
            return;
        }
        Map<String, String> selector = cluster.selectorOf(service);
        if (selector == null) {
            throw new Violation("R2", route.kind + " " + route.name + " gives " + what + " to Service " + service
                    + ", which does not exist (phase " + f.after().phase + ")");
        }
        if (!fresh.equals(selector.get(Labels.SLOT))) {
            return;
        }
        int ready = cluster.readyBehind(service, f.after().revision);
        if (ready < need) {
            throw new Violation("R2", route.kind + " " + route.name + " gives " + what + " to Service " + service + " of the new slot "
                    + fresh + ", which has " + ready + " ready pods of revision " + f.after().revision + " where the share needs "
                    + need + " (bot " + bot.name + ", " + bot.replicas + " replicas; phase " + f.after().phase + ", weight "
                    + f.after().weight + ")");
        }
    }

    /**
     * R3: the reconcile that decides a rollback writes every routed bot's route with nothing for the new
     * slot (no weight, no header route), before it writes any Deployment.
     */
    void rollbackIsOneRouteWrite(ModelCluster cluster, TickFacts f, Set<String> stableBots) {
        if (!applies(f) || !rollbackDecided(f)) {
            return;
        }
        TrafficRouting routing = routing(f);
        SwarmReleaseStatus s = f.after();
        List<Write> writes = f.decision().writes();
        int firstDeployment = firstDeploymentWrite(writes);
        Set<String> bots = new LinkedHashSet<>();
        f.spec().bots.stream().filter(b -> b.service != null).forEach(b -> bots.add(b.name));
        stableBots.stream().filter(b -> cluster.routeOf(b) != null).forEach(bots::add);
        for (String bot : bots) {
            String name = GitRoutes.name(routing, bot);
            int at = -1;
            for (int i = 0; i < writes.size(); i++) {
                if (writes.get(i) instanceof Write.Apply a && a.object() instanceof GenericKubernetesResource g
                        && g.getMetadata().getName().equals(name)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new Violation("R3", "the rollback decision does not write the route " + name + " of bot " + bot);
            }
            if (at > firstDeployment) {
                throw new Violation("R3", "the rollback decision writes the route " + name + " (write " + (at + 1)
                        + ") after a Deployment (write " + (firstDeployment + 1) + ")");
            }
            GenericKubernetesResource g = (GenericKubernetesResource) ((Write.Apply) writes.get(at)).object();
            RouteRules rules = RouteRules.read(g.getKind(), g.getAdditionalProperties().get("spec"));
            if (rules.hasHeaderRule()) {
                throw new Violation("R3", "the rollback decision keeps a header route in " + name + ": " + rules.describe());
            }
            RouteRules.Rule plain = rules.plain();
            if (plain == null || plain.total() <= 0) {
                throw new Violation("R3", "the rollback decision writes " + name + " with no weight for any Service: " + rules.describe());
            }
            plain.weights().forEach((service, weight) -> {
                Map<String, String> selector = cluster.selectorOf(service);
                if (weight > 0 && (selector == null || !s.stableSlot.equals(selector.get(Labels.SLOT)))) {
                    throw new Violation("R3", "the rollback decision writes " + name + " with weight " + weight + " on Service "
                            + service + (selector == null ? ", which does not exist" : ", which is not on the stable slot " + s.stableSlot)
                            + ": " + rules.describe());
                }
            });
        }
    }

    private static int firstDeploymentWrite(List<Write> writes) {
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            if (w instanceof Write.Scale || w instanceof Write.Apply a && a.object() instanceof Deployment
                    || w instanceof Write.Delete d && d.kind() == Deployment.class) {
                return i;
            }
        }
        return writes.size();
    }

    /**
     * I2 for routes: once a run is decided failed (RollingBack, RolledBack), no route gives its slot a
     * share of requests or a header route. With a router the stable slot is always full, so unlike a
     * Service there is no capacity case in which the failed slot keeps serving.
     */
    void failedSlotUnweighed(ModelCluster cluster, TickFacts f) {
        SwarmReleaseStatus s = f.after();
        if (!applies(f) || s.revision == null || s.revision.equals(s.stableRevision)
                || s.phase != Phase.RollingBack && s.phase != Phase.RolledBack) {
            return;
        }
        String failed = newSlot(s);
        for (ModelRoute route : cluster.routes.values()) {
            String bot = route.bot();
            if (bot == null || f.touchedBots().contains(bot)) {
                continue;
            }
            for (RouteRules.Rule rule : route.rules().rules()) {
                rule.weights().forEach((service, weight) -> {
                    Map<String, String> selector = cluster.selectorOf(service);
                    if (weight > 0 && selector != null && failed.equals(selector.get(Labels.SLOT))) {
                        throw new Violation("I2", route.kind + " " + route.name + " gives weight " + weight + " to Service " + service
                                + " of slot " + failed + ", whose run was decided failed (phase " + s.phase + "): "
                                + route.rules().describe());
                    }
                });
            }
        }
    }
}
