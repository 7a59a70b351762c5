package io.tradingswarm.operator.reconciler;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.BotServiceResource;
import io.tradingswarm.operator.dependent.SlotDeployment;
import io.tradingswarm.operator.planner.BotSlots;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.SlotIntent;
import io.tradingswarm.operator.planner.SlotState;

/**
 * Writes a plan's intents to the cluster, Services first (traffic before capacity), and only what
 * differs from what is observed. The target slot is written with server-side apply; other slots
 * are only scaled, so their pod template (the stable version) is never touched.
 */
final class PlanApplier {
    static final String FIELD_MANAGER = "swarm-operator";
    private static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(FIELD_MANAGER).withForce(true).build();
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;

    PlanApplier(KubernetesClient client) {
        this.client = client;
    }

    void apply(SwarmRelease release, Plan plan, Map<String, BotSlots> observed, Map<String, Service> services) {
        for (ServiceIntent intent : plan.services()) {
            Bot bot = bot(release, intent.bot());
            Service live = services.get(BotServiceResource.name(bot.name, intent.preview()));
            Service desired = BotServiceResource.desired(release, bot, intent.pinnedTo(), intent.preview());
            if (live == null || !Objects.equals(live.getSpec().getSelector(), desired.getSpec().getSelector())
                    || live.getSpec().getPorts().size() != desired.getSpec().getPorts().size()) {
                client.services().resource(desired).patch(APPLY);
            }
        }
        for (SlotIntent intent : plan.slots()) {
            SlotState live = observed.getOrDefault(intent.bot(), BotSlots.NONE).get(intent.slot());
            String name = SlotDeployment.name(intent.bot(), intent.slot());
            if (intent.carriesTarget()) {
                String revision = plan.status().revision;
                if (!live.exists() || !revision.equals(live.revision()) || live.replicas() != intent.replicas()) {
                    Deployment desired = SlotDeployment.desired(release, bot(release, intent.bot()), intent.slot(),
                            intent.replicas(), revision);
                    client.apps().deployments().resource(desired).patch(APPLY);
                }
            } else if (live.exists() && live.replicas() != intent.replicas()) {
                client.apps().deployments().inNamespace(release.getMetadata().getNamespace()).withName(name)
                        .patch(MERGE, "{\"spec\":{\"replicas\":" + intent.replicas() + "}}");
            }
        }
    }

    private static Bot bot(SwarmRelease release, String name) {
        return release.getSpec().bots.stream().filter(b -> b.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("plan names unknown bot " + name));
    }
}
