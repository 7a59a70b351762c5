package io.tradingswarm.operator.reconciler;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * Puts what the operator just wrote into the informer caches, so the next reconcile decides on its
 * own writes even before the watch delivers them: a decision on a cache that misses them could undo
 * a scale-up or skip a traffic switch. Routes too: a route cache that missed the last weight looks
 * up to date when the next decision wants the weight back where it was, and the write is skipped.
 */
final class ReadYourWrites {
    private ReadYourWrites() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void remember(Context<SwarmRelease> context, Collection<? extends HasMetadata> before, List<HasMetadata> written) {
        for (HasMetadata object : written) {
            if (object == null) {
                continue;
            }
            InformerEventSource cache = (InformerEventSource) (object instanceof GenericKubernetesResource route
                    // routes have one informer per kind, registered by the kind's name (Routes.live)
                    ? context.eventSourceRetriever().getEventSourceFor(GenericKubernetesResource.class, route.getKind())
                    : context.eventSourceRetriever().getEventSourceFor(object.getClass(),
                            SwarmReleaseReconciler.ownedSource(object.getClass())));
            HasMetadata previous = before.stream().filter(o -> o.getClass() == object.getClass()
                    && Objects.equals(o.getKind(), object.getKind())
                    && Objects.equals(o.getMetadata().getName(), object.getMetadata().getName())).findFirst().orElse(null);
            ResourceID id = ResourceID.fromResource(object);
            if (previous == null) {
                cache.handleRecentResourceCreate(id, object);
            } else {
                cache.handleRecentResourceUpdate(id, object, previous);
            }
        }
    }
}
