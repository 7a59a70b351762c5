package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.tradingswarm.operator.dependent.ClusterWrites;

/**
 * Who wrote an object's spec, as metadata.managedFields shows it. The operator's force-applies take
 * the spec fields over, so another manager's entry disappears once the operator writes again.
 */
final class ManagedFields {
    private final Set<String> specWriters = new LinkedHashSet<>();

    void writtenByOperator() {
        specWriters.clear();
        specWriters.add(ClusterWrites.FIELD_MANAGER);
    }

    void writtenByHand(String manager) {
        specWriters.add(manager);
    }

    List<ManagedFieldsEntry> render() {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        for (String manager : specWriters) {
            FieldsV1 fields = new FieldsV1();
            fields.setAdditionalProperty("f:spec", Map.of("f:replicas", Map.of()));
            entries.add(new ManagedFieldsEntryBuilder().withManager(manager)
                    .withOperation(ClusterWrites.FIELD_MANAGER.equals(manager) ? "Apply" : "Update")
                    .withApiVersion("v1").withFieldsType("FieldsV1").withFieldsV1(fields).build());
        }
        return entries;
    }
}
