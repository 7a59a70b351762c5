package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.dependent.SlotDeployment;
import io.tradingswarm.operator.planner.Slot;

/**
 * Asks the API server, without persisting anything, whether every bot's pod template would be
 * accepted, before a run starts: a template the schema cannot judge (a bad container name, a bad
 * quantity) becomes InvalidSpec naming the bot instead of a run that breaks halfway.
 */
final class TemplateDryRun {
    private static final PatchContext DRY_RUN_APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(io.tradingswarm.operator.dependent.ClusterWrites.FIELD_MANAGER + "-dry-run").withForce(true).withDryRun(List.of("All")).build();

    private TemplateDryRun() {
    }

    static List<String> check(KubernetesClient client, SwarmRelease release) {
        String revision = Revision.of(release.getSpec());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < release.getSpec().bots.size(); i++) {
            Bot bot = release.getSpec().bots.get(i);
            Deployment probe = SlotDeployment.desired(release, bot, Slot.a, bot.replicas, revision,
                    release.getSpec().version);
            probe.getMetadata().setName(bot.name + "-dry-run");
            try {
                client.apps().deployments().resource(probe).patch(DRY_RUN_APPLY);
            } catch (KubernetesClientException e) {
                errors.add("spec.bots[" + i + "].template: " + rejection(e));
            }
        }
        return errors;
    }

    private static String rejection(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null
                && !e.getStatus().getDetails().getCauses().isEmpty()) {
            return e.getStatus().getDetails().getCauses().stream()
                    .map(c -> c.getField().replace("spec.template.", "") + ": " + c.getMessage())
                    .reduce((a, b) -> a + ", " + b).orElseThrow();
        }
        return e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
