package io.tradingswarm.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * What the informers keep of objects the operator reads only in part: the caches hold one object per
 * pod, Job, revision and gate of every release, and each reconcile hashes the ones of its release.
 * Deployments and Services keep of their managed fields only who wrote which top-level fields: that
 * tells the operator's writes from a hand's. Routes and SwarmReleases keep them whole.
 */
final class CachePruning {
    private CachePruning() {
    }

    /** A slot pod as the trading label needs it: its name, labels and whether it is going away. */
    static TransformingItemStore<Pod> slotPods() {
        return new TransformingItemStore<>(pod -> {
            ObjectMeta m = pod.getMetadata();
            return new PodBuilder().withNewMetadata().withName(m.getName()).withNamespace(m.getNamespace()).withUid(m.getUid())
                    .withResourceVersion(m.getResourceVersion()).withLabels(m.getLabels())
                    .withDeletionTimestamp(m.getDeletionTimestamp()).endMetadata().build();
        });
    }

    /** A slot pod's update matters only when its labels change or it starts to go: not for its status. */
    static boolean podChangeMatters(Pod updated, Pod previous) {
        return !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())
                || !Objects.equals(updated.getMetadata().getDeletionTimestamp(), previous.getMetadata().getDeletionTimestamp());
    }

    /**
     * The object with each managed fields entry reduced to its manager, operation, subresource and
     * the top-level fields it owns ({@code f:spec}, {@code f:status}...), each without what is under
     * it: all that {@link io.tradingswarm.operator.dependent.ClusterWrites#editedByOthers} reads. The
     * whole field sets are the bulk of a Deployment's managed fields.
     */
    static <R extends HasMetadata> TransformingItemStore<R> withManagedFieldsSummary() {
        return new TransformingItemStore<>(object -> {
            List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
            if (entries != null) {
                object.getMetadata().setManagedFields(entries.stream().map(CachePruning::summary).toList());
            }
            return object;
        });
    }

    private static ManagedFieldsEntry summary(ManagedFieldsEntry entry) {
        FieldsV1 topLevel = null;
        if (entry.getFieldsV1() != null) {
            topLevel = new FieldsV1();
            for (String field : entry.getFieldsV1().getAdditionalProperties().keySet()) {
                topLevel.setAdditionalProperty(field, Map.of());
            }
        }
        return new ManagedFieldsEntryBuilder().withManager(entry.getManager()).withOperation(entry.getOperation())
                .withSubresource(entry.getSubresource()).withFieldsType(entry.getFieldsType()).withFieldsV1(topLevel).build();
    }

    /** The object without its managed fields, which the operator never reads for this kind. */
    static <R extends HasMetadata> TransformingItemStore<R> withoutManagedFields() {
        return new TransformingItemStore<>(object -> {
            object.getMetadata().setManagedFields(null);
            return object;
        });
    }
}
