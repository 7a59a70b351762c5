package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.routing.Router;

/**
 * A router needs its API installed, and each routed bot's route: the user's must exist, one the
 * operator creates must not belong to anybody else.
 */
final class RouteChecks {
    private RouteChecks() {
    }

    static List<String> check(KubernetesClient client, SwarmRelease release) {
        Router router = Routes.of(release);
        if (router == null) {
            return List.of();
        }
        if (!Routes.installed(client, router)) {
            return List.of(router.field() + ": the cluster has no " + router.kind() + " API (" + router.apiVersion()
                    + "); install its CRDs first");
        }
        List<String> errors = new ArrayList<>();
        String namespace = release.getMetadata().getNamespace();
        for (Bot bot : release.getSpec().bots) {
            if (bot.service == null) {
                continue;
            }
            String name = router.name(bot.name);
            GenericKubernetesResource live = client.genericKubernetesResources(router.apiVersion(), router.kind())
                    .inNamespace(namespace).withName(name).get();
            String where = router.field() + "." + router.nameSetting() + ": " + router.kind() + " " + name;
            if (router.createsRoute()) {
                NameClaims.claim(release, live).ifPresent(owner -> errors.add(where + " already belongs to " + owner
                        + "; name another route or leave out " + router.createSetting()
                        + " to weigh that one"));
            } else if (live == null) {
                errors.add(where + " does not exist in namespace " + namespace + "; create it (e.g. from Git) or set "
                        + router.createSetting() + " so the operator creates it");
            }
        }
        return errors;
    }
}
