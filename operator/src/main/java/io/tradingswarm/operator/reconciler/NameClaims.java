package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.BotServiceResource;
import io.tradingswarm.operator.dependent.SlotDeployment;
import io.tradingswarm.operator.planner.Slot;

/**
 * The names a release's bots need (slot Deployments, Services) must not belong to anyone else: a
 * clash with another release, or with an object nobody owns, is an invalid spec naming the owner,
 * found before anything is written. An object the informers hold for this release is read from there; any
 * other name takes a GET, as the informers cannot see objects without the operator's labels.
 */
final class NameClaims {
    private NameClaims() {
    }

    static List<String> check(KubernetesClient client, SwarmRelease release, ClusterView view) {
        String namespace = release.getMetadata().getNamespace();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < release.getSpec().bots.size(); i++) {
            Bot bot = release.getSpec().bots.get(i);
            Map<String, List<String>> byOwner = new TreeMap<>();
            for (Slot slot : Slot.values()) {
                String name = SlotDeployment.name(bot.name, slot);
                claim(release, cachedOrLive(view.deployments(), name,
                        () -> client.apps().deployments().inNamespace(namespace).withName(name).get()))
                        .ifPresent(owner -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add("Deployment " + name));
            }
            // A bot without a Service gets none (nor per-slot or preview ones): those names are not its to claim.
            for (String name : bot.service == null ? List.<String>of() : BotServiceResource.names(bot.name)) {
                claim(release, cachedOrLive(view.services(), name,
                        () -> client.services().inNamespace(namespace).withName(name).get()))
                        .ifPresent(owner -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add("Service " + name));
            }
            int index = i;
            byOwner.forEach((owner, objects) -> errors.add("spec.bots[" + index + "].name: " + String.join(", ", objects)
                    + (objects.size() == 1 ? " already belongs to " : " already belong to ") + owner
                    + "; rename the bot or move one release to another namespace"));
        }
        return errors;
    }

    private static HasMetadata cachedOrLive(Collection<? extends HasMetadata> cached, String name,
            Supplier<HasMetadata> live) {
        return cached.stream().filter(o -> o.getMetadata().getName().equals(name)).map(HasMetadata.class::cast)
                .findFirst().orElseGet(live);
    }

    /** Who else holds an existing object, or empty when it is free or this release's own. */
    static Optional<String> claim(SwarmRelease release, HasMetadata live) {
        if (live == null) {
            return Optional.empty();
        }
        Optional<OwnerReference> controller = live.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
        if (controller.isEmpty()) {
            return Optional.of("no controller (created outside the operator)");
        }
        OwnerReference o = controller.get();
        return o.getUid().equals(release.getMetadata().getUid()) ? Optional.empty()
                : Optional.of(o.getKind() + " " + o.getName());
    }
}
