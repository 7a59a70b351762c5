package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.packaging.Chart;
import io.tradingswarm.operator.testing.Command;

/**
 * The chart on the local cluster: the API server accepts what it renders (under the restricted Pod
 * Security Standard), and its ServiceAccount can release and roll back, and do nothing else.
 */
class ChartE2ETest extends E2EBase {
    static final String SERVICE_ACCOUNT = Chart.RELEASE;

    @Override
    boolean runsOperatorInJvm() {
        return false;
    }

    String user() {
        return "system:serviceaccount:" + namespace + ":" + SERVICE_ACCOUNT;
    }

    Command.Result kubectl(String stdin, String... args) {
        return LocalCluster.kubectlResult(stdin, args);
    }

    /** Installs the chart into the test's namespace, watching only that namespace. */
    void installNamespaceScoped() {
        Command.Result r = kubectl(Chart.template(namespace, false, "watchNamespaces={" + namespace + "}"), "apply", "-f", "-");
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void theApiServerAcceptsTheRenderedManifestsUnderTheRestrictedPodSecurityStandard() {
        kubectl(null, "label", "namespace", namespace, "pod-security.kubernetes.io/enforce=restricted",
                "pod-security.kubernetes.io/warn=restricted");
        for (String rendered : List.of(Chart.template(namespace, true),
                Chart.template(namespace, false, "watchNamespaces={" + namespace + "}"),
                Chart.template(namespace, false, "sharding.shards={one,two}"))) {
            Command.Result r = kubectl(rendered, "apply", "--dry-run=server", "-f", "-");
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("deployment.apps/swarm-operator created (server dry run)"), r.output());
            assertEquals(rendered.contains("name: swarm-operator-two"),
                    r.output().contains("deployment.apps/swarm-operator-two created (server dry run)"), r.output());
            assertFalse(r.output().contains("PodSecurity"), r.output());
        }
    }

    @Test
    void actingAsTheChartsServiceAccountTheOperatorReleasesAndRollsBack() {
        installNamespaceScoped();
        operator = new OperatorUnderTest(namespace).actingAs(namespace, SERVICE_ACCOUNT)
                .electingLeaderOn("swarm-operator", "impersonated").start();
        List<CanaryStep> plan = List.of(CanaryStep.weight(50), CanaryStep.analysis("1s", "smoke"), CanaryStep.weight(100));

        apply(ProbeE2ETest.release("v1", plan, ProbeE2ETest.smokeJob(false)));
        awaitPhase(ProbeE2ETest.NAME, Phase.Succeeded);
        apply(ProbeE2ETest.release("v2", plan, ProbeE2ETest.smokeJob(false)));
        await("v2 stable after its smoke-test Job", () -> "v2".equals(status(ProbeE2ETest.NAME).stableVersion));

        SwarmRelease v3 = Releases.broken(ProbeE2ETest.release("v3", plan, ProbeE2ETest.smokeJob(false)), "maker");
        v3.getSpec().progressDeadline = "10s";
        apply(v3);
        SwarmReleaseStatus s = awaitPhase(ProbeE2ETest.NAME, Phase.RolledBack);
        assertEquals("ProgressDeadlineExceeded", s.rollback.reason);
        assertEquals("v2", s.stableVersion);
        await("the failed slot is scaled down", () -> replicas("maker-a") == 0);
        await("events were recorded", () -> eventReasons(ProbeE2ETest.NAME).containsAll(
                List.of("Started", "StepCompleted", "Succeeded", "RollingBack", "RolledBack")));
        Lease lease = client.leases().inNamespace(namespace).withName("swarm-operator").get();
        assertEquals("impersonated", lease.getSpec().getHolderIdentity());
        assertTrue(lease.getSpec().getRenewTime().isAfter(lease.getSpec().getAcquireTime()),
                "the ServiceAccount renews the lease it acquired: " + lease.getSpec());
    }

    @Test
    void theServiceAccountCanDoWhatTheOperatorNeedsAndNothingElse() {
        installNamespaceScoped();
        List<String> wrong = new ArrayList<>();
        for (String allowed : List.of("get swarmreleases.tradingswarm.io", "watch swarmreleases.tradingswarm.io",
                "patch swarmreleases.tradingswarm.io --subresource=status", "patch swarmreleases.tradingswarm.io",
                "create deployments.apps",
                "patch deployments.apps", "list services", "patch services", "create jobs.batch",
                "delete jobs.batch", "get secrets", "create events", "delete deployments.apps", "delete services",
                "create controllerrevisions.apps", "delete controllerrevisions.apps", "patch httproutes.gateway.networking.k8s.io",
                "watch virtualservices.networking.istio.io", "update leases.coordination.k8s.io", "patch leases.coordination.k8s.io",
                "patch configmaps", "watch configmaps", "patch pods", "watch pods")) {
            if (!canI(allowed, namespace)) {
                wrong.add("cannot " + allowed);
            }
        }
        for (String forbidden : List.of("update swarmreleases.tradingswarm.io",
                "delete swarmreleases.tradingswarm.io", "update deployments.apps", "update controllerrevisions.apps",
                "delete httproutes.gateway.networking.k8s.io", "update virtualservices.networking.istio.io",
                "delete configmaps", "create pods", "delete pods", "update pods", "deletecollection jobs.batch", "list secrets", "watch secrets",
                "create secrets", "delete leases.coordination.k8s.io", "create rolebindings.rbac.authorization.k8s.io",
                "impersonate serviceaccounts")) {
            if (canI(forbidden, namespace)) {
                wrong.add("can " + forbidden);
            }
        }
        for (String elsewhere : List.of("get secrets", "list deployments.apps", "get swarmreleases.tradingswarm.io")) {
            if (canI(elsewhere, "default")) {
                wrong.add("can " + elsewhere + " in a namespace it does not watch");
            }
        }
        for (String clusterWide : List.of("create customresourcedefinitions.apiextensions.k8s.io", "create namespaces",
                "list nodes", "create clusterroles.rbac.authorization.k8s.io")) {
            if (canI(clusterWide, null)) {
                wrong.add("can " + clusterWide);
            }
        }
        assertEquals(List.of(), wrong);
    }

    boolean canI(String verbAndResource, String inNamespace) {
        List<String> args = new ArrayList<>(List.of("auth", "can-i"));
        args.addAll(List.of(verbAndResource.split(" ")));
        args.addAll(inNamespace == null ? List.of() : List.of("-n", inNamespace));
        args.addAll(List.of("--as", user()));
        Command.Result r = kubectl(null, args.toArray(String[]::new));
        String answer = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(answer.equals("yes") || answer.equals("no"), "kubectl auth can-i: " + r.output());
        return answer.equals("yes");
    }
}
