package io.tradingswarm.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.tradingswarm.operator.testing.Command;
import io.tradingswarm.operator.testing.Crd;

/** The Helm chart and the plain manifests rendered from it: lint, what they grant, how the pod runs. */
@Tag("packaging")
class ChartTest {
    static final Path MANIFESTS = Path.of("deploy", "manifests", "swarm-operator.yaml");

    @Test
    void theChartShipsTheCommittedCrd() throws IOException {
        assertEquals(Files.readString(Path.of(Crd.FILE)),
                Files.readString(Chart.DIR.resolve("crds/swarmreleases.tradingswarm.io.yaml")),
                "deploy/helm/swarm-operator/crds must be a copy of deploy/crds: cp deploy/crds/*.yaml deploy/helm/swarm-operator/crds/");
    }

    @ParameterizedTest(name = "helm lint --strict --set {0}")
    @ValueSource(strings = {"replicaCount=2", "watchNamespaces={team-a,team-b}",
        "prometheusRule.enabled=true,metrics.serviceMonitor.enabled=true", "sharding.shards={one,two}"})
    void lintsCleanWithDefaultAndNamespaceScopedValues(String set) {
        Command.Result lint = Chart.lint(set);
        assertTrue(lint.ok(), lint.output());
    }

    @Test
    void byDefaultOneClusterRoleGrantsExactlyWhatTheOperatorUsesAndTheLeaseStaysInItsNamespace() {
        List<HasMetadata> objects = Chart.objects(Chart.template("swarm-system", false));
        List<ClusterRole> clusterRoles = of(objects, ClusterRole.class);
        assertEquals(1, clusterRoles.size());
        assertEquals(Chart.OPERATOR_RULES, Chart.describe(clusterRoles.get(0).getRules()));
        List<Role> roles = of(objects, Role.class);
        assertEquals(1, roles.size(), "only the leader-election Role");
        assertEquals("swarm-system", roles.get(0).getMetadata().getNamespace());
        assertEquals(Chart.LEASE_RULES, Chart.describe(roles.get(0).getRules()));
        assertEquals("JOSDK_ALL_NAMESPACES", env(operator(objects)).get("QUARKUS_OPERATOR_SDK_CONTROLLERS_SWARMRELEASE_NAMESPACES"));
    }

    @Test
    void watchNamespacesGetARoleEachAndNoClusterWidePermission() {
        List<HasMetadata> objects = Chart.objects(Chart.template("swarm-system", false, "watchNamespaces={team-a,team-b}"));
        assertTrue(of(objects, ClusterRole.class).isEmpty());
        assertTrue(objects.stream().noneMatch(o -> o.getKind().equals("ClusterRoleBinding")));
        Map<String, List<String>> rulesByNamespace = of(objects, Role.class).stream()
                .filter(r -> !r.getMetadata().getName().endsWith("-leader-election"))
                .collect(Collectors.toMap(r -> r.getMetadata().getNamespace(), r -> Chart.describe(r.getRules())));
        assertEquals(Map.of("team-a", Chart.OPERATOR_RULES, "team-b", Chart.OPERATOR_RULES), rulesByNamespace);
        assertEquals(Set.of("team-a", "team-b", "swarm-system"), of(objects, RoleBinding.class).stream()
                .map(b -> b.getMetadata().getNamespace()).collect(Collectors.toSet()), "the Lease's binding is in swarm-system");
        assertEquals("team-a,team-b", env(operator(objects)).get("QUARKUS_OPERATOR_SDK_CONTROLLERS_SWARMRELEASE_NAMESPACES"));
    }

    @Test
    void twoReplicasElectALeaderAndADisruptionBudgetKeepsOne() {
        List<HasMetadata> objects = Chart.objects(Chart.template("swarm-system", false));
        Deployment d = of(objects, Deployment.class).get(0);
        assertEquals(2, d.getSpec().getReplicas());
        Map<String, String> env = env(operator(objects));
        assertEquals("true", env.get("SWARM_LEADER_ELECTION_ENABLED"));
        assertEquals("swarm-system", env.get("SWARM_LEADER_ELECTION_LEASE_NAMESPACE"));
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"), "the kubelet probes the pod IP, not loopback");
        assertEquals("0.0.0.0/0,::/0,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7",
                env.get("SWARM_OUTBOUND_ALLOWED_NETWORKS"), "in-cluster Services have private addresses");
        assertEquals(1, of(objects, PodDisruptionBudget.class).get(0).getSpec().getMinAvailable().getIntVal());
    }

    @Test
    void withoutShardsOneDeploymentHandlesEveryReleaseOnTheLeaseOfTheValues() {
        List<HasMetadata> objects = Chart.objects(Chart.template("swarm-system", false));
        assertEquals(List.of("swarm-operator"), names(of(objects, Deployment.class)));
        Map<String, String> env = env(operator(objects));
        assertEquals("swarm-operator", env.get("SWARM_LEADER_ELECTION_LEASE_NAME"));
        assertFalse(env.containsKey("SWARM_SHARD_SELECTOR"), "no selector: every release");
        assertFalse(env.containsKey("SWARM_SHARD_NAME"), "no shard tag on the metrics");
    }

    @Test
    void eachShardGetsItsOwnDeploymentSelectorLeaseAndBudgetAndTheMainOneKeepsTheUnlabelledReleases() {
        List<HasMetadata> objects = Chart.objects(Chart.template("swarm-system", false,
                "sharding.shards={one,two}", "metrics.serviceMonitor.enabled=true"));
        List<Deployment> deployments = of(objects, Deployment.class);
        assertEquals(List.of("swarm-operator", "swarm-operator-one", "swarm-operator-two"), names(deployments));
        assertEquals(List.of("!tradingswarm.io/shard", "tradingswarm.io/shard=one", "tradingswarm.io/shard=two"),
                deployments.stream().map(d -> env(container(d)).get("SWARM_SHARD_SELECTOR")).toList());
        assertEquals(List.of("swarm-operator", "swarm-operator-one", "swarm-operator-two"),
                deployments.stream().map(d -> env(container(d)).get("SWARM_LEADER_ELECTION_LEASE_NAME")).toList(),
                "a Lease per instance: each elects its own leader");
        assertEquals(Arrays.asList(null, "one", "two"),
                deployments.stream().map(d -> env(container(d)).get("SWARM_SHARD_NAME")).toList());
        for (Deployment d : deployments) {
            assertEquals(2, d.getSpec().getReplicas());
            assertEquals("true", env(container(d)).get("SWARM_LEADER_ELECTION_ENABLED"));
        }

        // Every selector of an instance (its Deployment, budget, metrics Service) takes its pods and no other's.
        Map<String, Map<String, String>> pods = deployments.stream().collect(Collectors.toMap(
                d -> d.getMetadata().getName(), d -> d.getSpec().getTemplate().getMetadata().getLabels()));
        Map<String, Map<String, String>> selectors = new java.util.TreeMap<>();
        deployments.forEach(d -> selectors.put("Deployment " + d.getMetadata().getName(), d.getSpec().getSelector().getMatchLabels()));
        of(objects, PodDisruptionBudget.class).forEach(p -> selectors.put("PodDisruptionBudget " + p.getMetadata().getName(),
                p.getSpec().getSelector().getMatchLabels()));
        of(objects, Service.class).forEach(s -> selectors.put("Service " + s.getMetadata().getName(), s.getSpec().getSelector()));
        assertEquals(9, selectors.size(), selectors.keySet().toString());
        selectors.forEach((object, selector) -> assertEquals(List.of(object.substring(object.indexOf(' ') + 1).replace("-metrics", "")),
                pods.entrySet().stream().filter(p -> p.getValue().entrySet().containsAll(selector.entrySet()))
                        .map(Map.Entry::getKey).toList(),
                object + " must select the pods of its own Deployment and no other's: " + selector));

        // One set of permissions for all of them; the ServiceMonitor scrapes every instance.
        assertEquals(1, of(objects, ClusterRole.class).size());
        assertEquals(1, of(objects, Role.class).size(), "one leader-election Role, for every Lease");
        assertEquals(Set.of("swarm-operator"), deployments.stream()
                .map(d -> d.getSpec().getTemplate().getSpec().getServiceAccountName()).collect(Collectors.toSet()));
        Map<String, Object> monitorSelector = monitorLabels(of(objects, GenericKubernetesResource.class));
        assertEquals(List.of("swarm-operator-metrics", "swarm-operator-one-metrics", "swarm-operator-two-metrics"),
                of(objects, Service.class).stream().filter(s -> s.getMetadata().getLabels().entrySet()
                        .containsAll(monitorSelector.entrySet())).map(s -> s.getMetadata().getName()).sorted().toList());
    }

    @ParameterizedTest(name = "sharding.shards={0} is refused")
    @ValueSource(strings = {"{Team-A}", "{one,one}", "{-one}"})
    void shardNamesMustBeUniqueLabelValuesAndNameSuffixes(String shards) {
        Command.Result r = Chart.render("swarm-system", false, "sharding.shards=" + shards);
        assertFalse(r.ok(), r.output());
        assertTrue(r.output().contains("sharding.shards:"), r.output());
    }

    @Test
    void thePodMeetsTheRestrictedPodSecurityStandard() {
        Deployment d = of(Chart.objects(Chart.template("swarm-system", false)), Deployment.class).get(0);
        var pod = d.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        var c = pod.getContainers().get(0).getSecurityContext();
        assertFalse(c.getAllowPrivilegeEscalation());
        assertTrue(c.getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), c.getCapabilities().getDrop());
        Container container = pod.getContainers().get(0);
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertTrue(container.getResources().getRequests().containsKey("memory"));
        assertTrue(container.getResources().getLimits().containsKey("memory"));
    }

    @Test
    void monitoringObjectsAreOptional() {
        List<String> kinds = Chart.objects(Chart.template("swarm-system", false)).stream().map(HasMetadata::getKind).toList();
        assertFalse(kinds.contains("ServiceMonitor") || kinds.contains("PrometheusRule"), kinds.toString());
        List<String> withMonitoring = Chart.objects(Chart.template("swarm-system", false,
                "metrics.serviceMonitor.enabled=true", "prometheusRule.enabled=true")).stream().map(HasMetadata::getKind).toList();
        assertTrue(withMonitoring.containsAll(List.of("ServiceMonitor", "PrometheusRule", "Service")), withMonitoring.toString());
    }

    @ParameterizedTest(name = "promtool check rules, sharding.shards={0}")
    @ValueSource(strings = {"{}", "{one,two}"})
    void theAlertRulesAreValidPrometheusRules(String shards, @TempDir Path dir) throws IOException {
        String sharding = shards.equals("{}") ? "sharding.shards=null" : "sharding.shards=" + shards;
        GenericKubernetesResource rule = of(Chart.objects(Chart.template("swarm-system", false, "prometheusRule.enabled=true",
                sharding)), GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        String spec = new ObjectMapper().writeValueAsString(rule.getAdditionalProperties().get("spec"));
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, spec);
        Command.Result check = Command.run(null, List.of("promtool", "check", "rules", rules.toString()));
        assertTrue(check.ok() && check.output().contains("SUCCESS: 8 rules found"), check.output());
        for (String job : shards.equals("{}") ? List.of("swarm-operator-metrics")
                : List.of("swarm-operator-metrics", "swarm-operator-one-metrics", "swarm-operator-two-metrics")) {
            assertTrue(spec.contains("absent(up{job=\\\"" + job + "\\\"} == 1)"), "SwarmOperatorDown misses " + job + ": " + spec);
        }
    }

    @Test
    void theGrafanaDashboardIsAConfigMapForTheSidecarWithEveryFigure() throws IOException {
        ConfigMap cm = of(Chart.objects(Chart.template("swarm-system", false)), ConfigMap.class).get(0);
        assertEquals("1", cm.getMetadata().getLabels().get("grafana_dashboard"));
        JsonNode dashboard = new ObjectMapper().readTree(cm.getData().get("swarm-operator.json"));
        String exprs = dashboard.get("panels").findValuesAsText("expr").toString();
        for (String metric : List.of("swarmrelease_phase", "swarmrelease_weight", "swarmrelease_probe_value",
                "swarmrelease_rollbacks_total", "swarmrelease_rollback_seconds_max", "swarmrelease_runs_total")) {
            assertTrue(exprs.contains(metric), metric + " is not on the dashboard");
        }
    }

    @Test
    void thePlainManifestsAreTheChartRenderedWithDefaults() throws IOException {
        String rendered = Chart.template(Chart.RELEASE, false);
        if (Boolean.getBoolean("manifests.update")) {
            Files.writeString(MANIFESTS, rendered);
        }
        assertEquals(rendered, Files.readString(MANIFESTS),
                MANIFESTS + " is out of date with the chart: run `make manifests` and commit the result");
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Container operator(List<HasMetadata> objects) {
        return container(of(objects, Deployment.class).get(0));
    }

    static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> monitorLabels(List<GenericKubernetesResource> generic) {
        GenericKubernetesResource monitor = generic.stream().filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) monitor.getAdditionalProperties().get("spec"))
                .get("selector")).get("matchLabels");
    }

    static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
