package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Revision;

/**
 * What only the API server can say about a spec: names another owner holds, routes and route APIs
 * that are missing, pod templates it would refuse. Asked once per new revision, and again while the spec is invalid, never on every reconcile.
 */
final class ApiServerChecks {
    private ApiServerChecks() {
    }

    static List<String> check(KubernetesClient client, SwarmRelease release, ClusterView view) {
        var status = release.getStatus();
        if (status != null && Revision.of(release.getSpec()).equals(status.revision) && status.phase != Phase.InvalidSpec) {
            return List.of();
        }
        List<String> errors = new ArrayList<>(NameClaims.check(client, release, view));
        errors.addAll(RouteChecks.check(client, release));
        if (errors.isEmpty()) {
            errors.addAll(TemplateDryRun.check(client, release));
        }
        return errors;
    }
}
