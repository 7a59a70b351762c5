package io.tradingswarm.operator.reconciler;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.routing.Router;

/**
 * The live routes of a release. Their informer starts only when the first release asks for that
 * router and its API is installed, so a cluster without Gateway API or Istio never needs their CRDs.
 * Routes are labelled with their release: the user's own routes have no owner reference.
 */
final class Routes {
    private Routes() {
    }

    static Router of(SwarmRelease release) {
        var canary = release.getSpec().strategy == null ? null : release.getSpec().strategy.canary;
        return Router.of(canary == null ? null : canary.trafficRouting);
    }

    static boolean installed(KubernetesClient client, Router router) {
        try {
            APIResourceList resources = client.getApiResources(router.apiVersion());
            return resources != null && resources.getResources().stream().anyMatch(r -> r.getName().equals(router.plural()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    static Collection<GenericKubernetesResource> live(Context<SwarmRelease> context, SwarmRelease release) {
        Router router = of(release);
        if (router == null) {
            return List.of();
        }
        var sources = context.eventSourceRetriever();
        EventSource<GenericKubernetesResource, SwarmRelease> source = sources.getEventSourcesFor(GenericKubernetesResource.class)
                .stream().filter(s -> s.name().equals(router.kind())).findFirst().orElse(null);
        if (source == null) {
            if (!installed(context.getClient(), router)) {
                return List.of();
            }
            source = sources.dynamicallyRegisterEventSource(new InformerEventSource<>(InformerEventSourceConfiguration
                    .from(new GroupVersionKind(router.apiVersion(), router.kind()), SwarmRelease.class)
                    .withName(router.kind())
                    .withLabelSelector(Labels.OWNED_SELECTOR)
                    .withSecondaryToPrimaryMapper(route -> Set.of(new ResourceID(
                            route.getMetadata().getLabels().get(Labels.RELEASE), route.getMetadata().getNamespace())))
                    .build(), sources.eventSourceContextForDynamicRegistration()));
        }
        return source.getSecondaryResources(release);
    }
}
