package io.tradingswarm.operator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceValidation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.e2e.LocalCluster;
import io.tradingswarm.operator.testing.Crd;

/**
 * make bench-apply (docs/development.md): what N releases cost the API server to take, a
 * SwarmRelease next to an Argo Rollout, with no controller running. For each variant, one after
 * the other on the same cluster, in {@value #ROUNDS} rounds: its CRD installed, N objects applied as
 * make bench-scale applies them ({@link ScaleBench#NAMESPACES} namespaces, a thread each,
 * server-side apply), all N again at a new version (the bump), then the CRD deleted with its
 * objects. Per apply: wall seconds, kube-apiserver's and etcd's CPU seconds (/proc), and the size of
 * one object as the API server returns it. The SwarmRelease variants tell the schema's and the CEL
 * rules' share: the CRD as shipped, without its CEL rules, and with no schema at all.
 */
public final class ApplyBench {
    static final int ROUNDS = 2;
    static final String FIRST = "1.0.0";
    static final String NEXT = "1.1.0";

    private final KubernetesClient client = LocalCluster.client();
    private final int n = Integer.getInteger("releases", 1000);
    private final ScaleBench.ProcStats apiserver = process("kube-apiserver");
    private final ScaleBench.ProcStats etcd = process("etcd");

    public static void main(String[] args) throws Exception {
        ApplyBench bench = new ApplyBench();
        List<Variant> variants = List.of(
                new Variant("SwarmRelease (CRD as shipped)", Crd.load(Crd.FILE), new SwarmOperatorScaleController(1)),
                new Variant("SwarmRelease, no CEL rules", withSchemas(Crd.load(Crd.FILE), ApplyBench::withoutCel),
                        new SwarmOperatorScaleController(1)),
                new Variant("SwarmRelease, no schema", withSchemas(Crd.load(Crd.FILE), s -> new JSONSchemaPropsBuilder()
                        .withType("object").withXKubernetesPreserveUnknownFields(true).build()), new SwarmOperatorScaleController(1)),
                new Variant("Argo Rollout (its CRD)", Crd.load(System.getProperty("rolloutCrd")), new ArgoRolloutsScaleController()));
        StringBuilder table = new StringBuilder("""
                | round | kind | apply | wall s | kube-apiserver CPU s | etcd CPU s | object bytes |
                |---:|---|---|---:|---:|---:|---:|
                """);
        ScaleBench.createNamespaces(bench.client);
        for (int round = 1; round <= ROUNDS; round++) {
            for (Variant v : variants) {
                Crd.install(bench.client, v.crd());
                table.append(bench.applyAll(round, v, "create", FIRST));
                table.append(bench.applyAll(round, v, "bump", NEXT));
                bench.uninstall(v.crd());
            }
        }
        Path out = Path.of(System.getProperty("out", "target/bench-apply"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("table.md"), table.toString(), StandardCharsets.UTF_8);
        System.out.printf("%nmake bench-apply: N=%d objects, %d namespaces, server-side apply, no controller running%n%n%s",
                bench.n, ScaleBench.NAMESPACES, table);
        System.exit(0);
    }

    String applyAll(int round, Variant v, String apply, String version) throws Exception {
        double apiserverCpu = apiserver.cpuSeconds();
        double etcdCpu = etcd.cpuSeconds();
        Instant start = Instant.now();
        ScaleBench.inEachNamespace((ns, index) -> {
            for (int j = index; j < n; j += ScaleBench.NAMESPACES) {
                GenericKubernetesResource release = v.controller().release(ns, name(j), version, 2, "");
                client.genericKubernetesResources(v.controller().kind()).inNamespace(ns).resource(release)
                        .fieldManager("apply-bench").forceConflicts().serverSideApply();
            }
        });
        double wall = ScaleBench.seconds(start, Instant.now());
        GenericKubernetesResource one = client.genericKubernetesResources(v.controller().kind()).inNamespace(ScaleBench.namespace(0))
                .withName(name(0)).get();
        return String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %.1f | %d |%n", round, v.name(), apply, wall,
                apiserver.cpuSeconds() - apiserverCpu, etcd.cpuSeconds() - etcdCpu,
                Serialization.asJson(one).getBytes(StandardCharsets.UTF_8).length);
    }

    /** Deletes the CRD and waits until it is gone: the API server deletes its objects first. */
    void uninstall(CustomResourceDefinition crd) {
        client.resource(crd).delete();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c == null, 10, TimeUnit.MINUTES);
    }

    /** The cluster's process of that component, by its pid file in {@code -DpidDir}. */
    static ScaleBench.ProcStats process(String component) {
        try {
            return new ScaleBench.ProcStats(Long.parseLong(Files.readString(Path.of(System.getProperty("pidDir"), component + ".pid")).strip()));
        } catch (IOException e) {
            throw new IllegalStateException("no pid of " + component + " in " + System.getProperty("pidDir"), e);
        }
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "bench-%04d", i + 1);
    }

    /** The CRD with each version's schema replaced. */
    static CustomResourceDefinition withSchemas(CustomResourceDefinition crd, UnaryOperator<JSONSchemaProps> change) {
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.setSchema(new CustomResourceValidation(change.apply(version.getSchema().getOpenAPIV3Schema())));
        }
        return crd;
    }

    /** The schema without any x-kubernetes-validations (CEL) rule, at any depth. */
    @SuppressWarnings("unchecked")
    static JSONSchemaProps withoutCel(JSONSchemaProps schema) {
        Map<String, Object> tree = Serialization.jsonMapper().convertValue(schema, Map.class);
        stripCel(tree);
        return Serialization.jsonMapper().convertValue(tree, JSONSchemaProps.class);
    }

    private static void stripCel(Object node) {
        if (node instanceof Map<?, ?> map) {
            map.remove("x-kubernetes-validations");
            map.values().forEach(ApplyBench::stripCel);
        } else if (node instanceof List<?> list) {
            list.forEach(ApplyBench::stripCel);
        }
    }

    record Variant(String name, CustomResourceDefinition crd, ScaleController controller) {
    }
}
