package io.tradingswarm.operator.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.testing.Command;

/** The Helm chart in deploy/helm, rendered and linted with the helm of the local cluster build. */
public final class Chart {
    public static final Path DIR = Path.of("deploy", "helm", "swarm-operator");
    public static final String RELEASE = "swarm-operator";
    /** What the operator does (docs/installation.md, "Permissions"): a test fails when the chart grants more or less. */
    public static final List<String> OPERATOR_RULES = List.of(
            "tradingswarm.io/swarmreleases: get list patch watch",
            "tradingswarm.io/swarmreleases/status: patch",
            "apps/deployments: create delete get list patch watch",
            "core/services: create delete get list patch watch",
            "core/configmaps: create get list patch watch",
            "core/pods: get list patch watch",
            "apps/controllerrevisions: create delete get list watch",
            "gateway.networking.k8s.io/httproutes: create get list patch watch",
            "networking.istio.io/virtualservices: create get list patch watch",
            "batch/jobs: create delete get list watch",
            "core/secrets: get",
            "core/events: create");
    public static final List<String> LEASE_RULES = List.of("coordination.k8s.io/leases: create get patch update");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private Chart() {
    }

    /** helm template in the given namespace, with --set values; the CRDs only when asked. */
    public static String template(String namespace, boolean withCrds, String... sets) {
        Command.Result r = render(namespace, withCrds, sets);
        if (!r.ok()) {
            throw new AssertionError("helm template --set " + String.join(" --set ", sets) + " failed: " + r.output());
        }
        return r.output();
    }

    /** helm template, also when it fails (helm lint only reports a template's {@code fail} as info). */
    public static Command.Result render(String namespace, boolean withCrds, String... sets) {
        List<String> command = new ArrayList<>(List.of(Command.clusterBinary("helm"), "template", RELEASE, DIR.toString(),
                "--namespace", namespace));
        if (withCrds) {
            command.add("--include-crds");
        }
        Arrays.stream(sets).forEach(s -> command.addAll(List.of("--set", s)));
        return Command.run(null, command);
    }

    public static Command.Result lint(String... sets) {
        List<String> args = new ArrayList<>(List.of(Command.clusterBinary("helm"), "lint", "--strict", DIR.toString()));
        Arrays.stream(sets).forEach(s -> args.addAll(List.of("--set", s)));
        return Command.run(null, args);
    }

    /** The rendered objects: typed where fabric8 knows the kind, generic otherwise (ServiceMonitor). */
    public static List<HasMetadata> objects(String rendered) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                out.add(YAML.unmarshal(doc));
            }
        }
        return out;
    }

    /** Rules as "group/resource: sorted verbs", one line per resource, so sets of rules compare exactly. */
    public static List<String> describe(List<PolicyRule> rules) {
        List<String> out = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    out.add((group.isEmpty() ? "core" : group) + "/" + resource + ": "
                            + String.join(" ", new TreeSet<>(rule.getVerbs())));
                }
            }
        }
        return out;
    }
}
