package io.tradingswarm.operator.dependent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.RouteIntent;
import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotIntent;
import io.tradingswarm.operator.planner.StoredRevision;
import io.tradingswarm.operator.routing.RouteTable;
import io.tradingswarm.operator.routing.Router;

/**
 * Turns a plan into the writes that make the cluster match it: routes and Services first (traffic
 * before capacity), then the trading gate, then slots, then what retired bots leave behind, and last
 * the pods' trading labels. Only what differs from the live
 * objects is written, and an object whose spec someone else has written (a hand edit) is written
 * again, so a deleted or edited slot or Service is restored from the revision it must run.
 */
public final class ClusterWrites {
    public static final String FIELD_MANAGER = "swarm-operator";

    private ClusterWrites() {
    }

    /**
     * @param deployments the release's slot Deployments by name
     * @param services the release's Services by name
     * @param revisions the stored revisions by revision hash
     * @param routes the release's routes by name
     * @param gate the live trading gate ConfigMap, or null
     * @param pods the release's slot pods
     */
    public static List<Write> of(SwarmRelease release, Plan plan, Map<String, Deployment> deployments,
            Map<String, Service> services, Map<String, StoredRevision> revisions, Map<String, GenericKubernetesResource> routes,
            ConfigMap gate, Collection<Pod> pods) {
        List<Write> writes = new ArrayList<>();
        boolean rollback = rollingBack(plan);
        Router router = Router.of(routing(release));
        for (RouteIntent intent : plan.routes()) {
            botOf(release, revisions, intent.bot(), plan).filter(b -> b.service != null).ifPresent(b -> {
                RouteTable table = RouteTable.of(intent);
                GenericKubernetesResource desired = router.desired(release, b.name, table, b.service.ports.get(0).getPort());
                if (rollback || !router.upToDate(routes.get(router.name(b.name)), desired, table)) {
                    writes.add(new Write.Apply(desired));
                }
            });
        }
        for (ServiceIntent intent : plan.services()) {
            Service live = services.get(intent.name());
            Optional<Bot> bot = botOf(release, revisions, intent.bot(), plan);
            bot.filter(b -> b.service != null).ifPresent(b -> {
                Service desired = BotServiceResource.desired(release, b, intent);
                if (rollback || live == null || !Objects.equals(live.getSpec().getSelector(), desired.getSpec().getSelector())
                        || !Objects.equals(ports(live), ports(desired)) || editedByOthers(live)) {
                    writes.add(new Write.Apply(desired));
                }
            });
        }
        writes.addAll(TradingGateObject.gateWrite(release, plan.trading(), plan.shards(), gate, deployments, rollback));
        for (SlotIntent intent : plan.slots()) {
            slotWrite(release, intent, deployments.get(SlotDeployment.name(intent.bot(), intent.slot())), revisions,
                    rollback && intent.revision() != null).ifPresent(writes::add);
        }
        for (String bot : plan.retiredBots()) {
            for (Slot slot : Slot.values()) {
                String name = SlotDeployment.name(bot, slot);
                if (deployments.containsKey(name)) {
                    writes.add(new Write.Delete(Deployment.class, name));
                }
            }
            for (String name : BotServiceResource.names(bot)) {
                if (services.containsKey(name)) {
                    writes.add(new Write.Delete(Service.class, name));
                }
            }
        }
        writes.addAll(TradingGateObject.podLabels(plan.trading(), pods));
        return writes;
    }

    private static TrafficRouting routing(SwarmRelease release) {
        return release.getSpec().strategy.canary == null ? null : release.getSpec().strategy.canary.trafficRouting;
    }

    /**
     * A rollback restores traffic without trusting the cache: in the reconcile that decides it, every
     * Service and stable slot is written even if the (possibly stale) cache shows them right already.
     */
    private static boolean rollingBack(Plan plan) {
        return plan.status().phase == Phase.RollingBack
                || plan.events().stream().anyMatch(e -> e.reason() == EventReason.RollingBack);
    }

    private static Optional<Write> slotWrite(SwarmRelease release, SlotIntent intent, Deployment live,
            Map<String, StoredRevision> revisions, boolean always) {
        String liveRevision = live == null ? null : SlotDeployment.revisionOf(live);
        String revision = intent.revision() != null ? intent.revision() : liveRevision;
        if (live == null && intent.revision() == null) {
            return Optional.empty();
        }
        boolean differs = always || live == null || !Objects.equals(liveRevision, revision)
                || !Objects.equals(live.getSpec().getReplicas(), intent.replicas()) || editedByOthers(live);
        if (!differs) {
            return Optional.empty();
        }
        Optional<Write> apply = template(release, revisions, revision, intent.bot()).map(t -> new Write.Apply(
                SlotDeployment.desired(release, t.bot(), intent.slot(), intent.replicas(), revision, t.version())));
        if (apply.isPresent() || live == null) {
            return apply;
        }
        return Objects.equals(live.getSpec().getReplicas(), intent.replicas()) ? Optional.empty()
                : Optional.of(new Write.Scale(live.getMetadata().getName(), intent.replicas()));
    }

    private record Template(Bot bot, String version) {
    }

    /** A bot's pod template at a revision: the spec's for the target revision, else the stored one. */
    private static Optional<Template> template(SwarmRelease release, Map<String, StoredRevision> revisions,
            String revision, String bot) {
        if (revision == null) {
            return Optional.empty();
        }
        if (revision.equals(Revision.of(release.getSpec()))) {
            return release.getSpec().bots.stream().filter(b -> b.name.equals(bot)).findFirst()
                    .map(b -> new Template(b, release.getSpec().version));
        }
        StoredRevision stored = revisions.get(revision);
        return stored == null ? Optional.empty() : stored.bot(bot).map(b -> new Template(b, stored.version()));
    }

    /** The bot as the spec names it, or as the stable revision kept it when the spec no longer does. */
    private static Optional<Bot> botOf(SwarmRelease release, Map<String, StoredRevision> revisions, String name, Plan plan) {
        Optional<Bot> inSpec = release.getSpec().bots.stream().filter(b -> b.name.equals(name)).findFirst();
        if (inSpec.isPresent()) {
            return inSpec;
        }
        StoredRevision stable = revisions.get(plan.status().stableRevision);
        return stable == null ? Optional.empty() : stable.bot(name);
    }

    private static Object ports(Service service) {
        return service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts().stream()
                .map(p -> p.getName() + "/" + p.getPort()).toList();
    }

    /** Someone other than the operator (kubectl edit, scale, another controller) wrote spec fields. */
    public static boolean editedByOthers(HasMetadata live) {
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        return entries != null && entries.stream().anyMatch(e -> !FIELD_MANAGER.equals(e.getManager())
                && e.getSubresource() == null && e.getFieldsV1() != null
                && e.getFieldsV1().getAdditionalProperties().containsKey("f:spec"));
    }
}
