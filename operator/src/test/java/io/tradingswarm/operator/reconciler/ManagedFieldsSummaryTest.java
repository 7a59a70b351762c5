package io.tradingswarm.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.tradingswarm.operator.dependent.ClusterWrites;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The Deployment and Service caches keep a summary of managed fields: whatever entries an object
 * has, the operator's verdict "edited by someone else" reads the same on the summary as on the
 * whole object, and each entry keeps its manager, operation, subresource and top-level fields.
 */
@Tag("unit")
class ManagedFieldsSummaryTest {

    @Property(tries = 300)
    void theSummaryTellsTheOperatorsWritesFromOthersAsTheWholeEntriesDo(@ForAll("entries") List<ManagedFieldsEntry> entries) {
        var store = CachePruning.<Deployment>withManagedFieldsSummary();
        Deployment live = new DeploymentBuilder().withNewMetadata().withName("maker-a").withNamespace("ns")
                .withManagedFields(entries).endMetadata().build();
        boolean whole = ClusterWrites.editedByOthers(live);
        List<ManagedFieldsEntry> copies = entries.stream().map(e -> new ManagedFieldsEntryBuilder(e).build()).toList();
        store.put("ns/maker-a", new DeploymentBuilder(live).editMetadata().withManagedFields(copies).endMetadata().build());
        Deployment kept = store.get("ns/maker-a");

        assertEquals(whole, ClusterWrites.editedByOthers(kept));
        List<ManagedFieldsEntry> summary = kept.getMetadata().getManagedFields();
        assertEquals(entries.size(), summary.size());
        for (int i = 0; i < entries.size(); i++) {
            ManagedFieldsEntry e = entries.get(i);
            ManagedFieldsEntry s = summary.get(i);
            assertEquals(List.of(e.getManager(), e.getOperation(), String.valueOf(e.getSubresource())),
                    List.of(s.getManager(), s.getOperation(), String.valueOf(s.getSubresource())));
            assertEquals(e.getFieldsV1() == null ? null : e.getFieldsV1().getAdditionalProperties().keySet(),
                    s.getFieldsV1() == null ? null : s.getFieldsV1().getAdditionalProperties().keySet());
        }
    }

    @Provide
    Arbitrary<List<ManagedFieldsEntry>> entries() {
        Arbitrary<String> managers = Arbitraries.of(ClusterWrites.FIELD_MANAGER, "kubectl-edit", "kube-controller-manager",
                "argocd-controller");
        Arbitrary<String> operations = Arbitraries.of("Apply", "Update");
        Arbitrary<String> subresources = Arbitraries.of("status", "scale").injectNull(0.5);
        Arbitrary<FieldsV1> fields = Arbitraries.subsetOf("f:metadata", "f:spec", "f:status").map(keys -> {
            FieldsV1 f = new FieldsV1();
            keys.forEach(k -> f.setAdditionalProperty(k, nested(k)));
            return f;
        }).injectNull(0.1);
        return Combinators.combine(managers, operations, subresources, fields).as((m, o, s, f) -> new ManagedFieldsEntryBuilder()
                .withManager(m).withOperation(o).withSubresource(s).withFieldsType("FieldsV1").withFieldsV1(f)
                .withTime("2026-12-01T10:00:00Z").build()).list().ofMaxSize(5);
    }

    private static Map<String, Object> nested(String key) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("f:replicas", Map.of());
        inner.put("f:template", Map.of("f:spec", Map.of("f:containers", Map.of("k:{\"name\":\"bot\"}", Map.of("f:image", Map.of())))));
        return Map.of(key.equals("f:metadata") ? "f:labels" : "f:nested", inner);
    }
}
