package io.tradingswarm.operator.reconciler;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * What the informers keep of objects the operator reads only in part: the caches hold one object per
 * pod, Job, revision and gate of every release, and each reconcile hashes the ones of its release.
 * Deployments, Services, routes and SwarmReleases keep their managed fields: they tell the
 * operator's writes from a hand's.
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

    /** The object without its managed fields, which the operator never reads for this kind. */
    static <R extends HasMetadata> TransformingItemStore<R> withoutManagedFields() {
        return new TransformingItemStore<>(object -> {
            object.getMetadata().setManagedFields(null);
            return object;
        });
    }
}
