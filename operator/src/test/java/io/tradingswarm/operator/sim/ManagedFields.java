package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.tradingswarm.operator.dependent.ClusterWrites;

/**
 * Who owns which top-level spec field of an object, as metadata.managedFields shows it. A force-apply
 * takes the fields it names from every other manager (a manager left with none disappears); an update
 * (kubectl edit, scale) moves the fields it changes to its manager. Deployments and Services track one
 * field, {@code replicas}, whoever wrote it; routes track each field ({@code rules}, {@code parentRefs}, ...).
 */
final class ManagedFields {
    /** The field Deployments and Services are tracked by: the operator checks only that others own some of spec. */
    private static final Set<String> SPEC = Set.of("replicas");

    private final Map<String, Set<String>> owners = new LinkedHashMap<>();

    /** The operator's force-apply of a Deployment or Service: its spec is the operator's again. */
    void writtenByOperator() {
        owners.clear();
        owners.put(ClusterWrites.FIELD_MANAGER, new LinkedHashSet<>(SPEC));
    }

    /** kubectl scale or edit of a Deployment or Service. */
    void writtenByHand(String manager) {
        updatedBy(manager, SPEC);
    }

    /**
     * A force-apply by {@code manager} of exactly {@code fields}: it takes them from everybody else, and
     * returns the fields it owned before but left out this time, which nobody else owns (server-side
     * apply deletes those).
     */
    Set<String> forceApplied(String manager, Set<String> fields) {
        Set<String> before = owners.getOrDefault(manager, Set.of());
        takeFromOthers(manager, fields);
        owners.put(manager, new LinkedHashSet<>(fields));
        Set<String> dropped = new LinkedHashSet<>(before);
        dropped.removeAll(fields);
        dropped.removeIf(f -> owners.values().stream().anyMatch(owned -> owned.contains(f)));
        return dropped;
    }

    /** An update (not an apply) that changed {@code fields}: they move to {@code manager}. */
    void updatedBy(String manager, Set<String> fields) {
        takeFromOthers(manager, fields);
        owners.computeIfAbsent(manager, m -> new LinkedHashSet<>()).addAll(fields);
    }

    private void takeFromOthers(String manager, Set<String> fields) {
        for (Iterator<Map.Entry<String, Set<String>>> it = owners.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Set<String>> e = it.next();
            if (!e.getKey().equals(manager)) {
                e.getValue().removeAll(fields);
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Whether a manager other than the operator owns {@code field}. */
    boolean ownedByOthers(String field) {
        return owners.entrySet().stream().anyMatch(e -> !e.getKey().equals(ClusterWrites.FIELD_MANAGER) && e.getValue().contains(field));
    }

    List<ManagedFieldsEntry> render() {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        owners.forEach((manager, fields) -> {
            Map<String, Object> spec = new LinkedHashMap<>();
            fields.forEach(f -> spec.put("f:" + f, Map.of()));
            FieldsV1 fieldsV1 = new FieldsV1();
            fieldsV1.setAdditionalProperty("f:spec", spec);
            entries.add(new ManagedFieldsEntryBuilder().withManager(manager)
                    .withOperation(ClusterWrites.FIELD_MANAGER.equals(manager) || ModelRoute.GITOPS.equals(manager) ? "Apply" : "Update")
                    .withApiVersion("v1").withFieldsType("FieldsV1").withFieldsV1(fieldsV1).build());
        });
        return entries;
    }
}
