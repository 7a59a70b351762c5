package io.tradingswarm.operator.reconciler;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.validation.ShardSources;

/**
 * The ConfigMaps that bots take their shards from ({@code bots[].shardsFrom}). Only those labelled
 * {@value ShardSources#SELECTOR} are watched, so the operator never caches every ConfigMap of the
 * namespaces it watches; a change to one reconciles the releases of its namespace that name it.
 */
final class ShardConfigMaps {
    /** The name of the informer, beside the one of the releases' own trading gate ConfigMaps. */
    static final String SOURCE = "shard-configmaps";
    private static final String INDEX = "shardsFrom";

    private ShardConfigMaps() {
    }

    static InformerEventSource<ConfigMap, SwarmRelease> eventSource(EventSourceContext<SwarmRelease> context) {
        context.getPrimaryCache().addIndexer(INDEX, release -> ShardSources.configMapNames(release.getSpec()).stream()
                .map(name -> key(release.getMetadata().getNamespace(), name)).toList());
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, SwarmRelease.class)
                .withName(SOURCE).withLabelSelector(ShardSources.SELECTOR)
                .withSecondaryToPrimaryMapper((ConfigMap configMap) -> context.getPrimaryCache()
                        .byIndex(INDEX, key(configMap.getMetadata().getNamespace(), configMap.getMetadata().getName())).stream()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
    }

    /**
     * The ConfigMaps the release's bots name, from the informer's cache. One the cache does not have is
     * read once directly, only so the invalid spec can say whether it is missing or unlabelled.
     */
    @SuppressWarnings("unchecked")
    static Map<String, ConfigMap> of(SwarmRelease release, Context<SwarmRelease> context) {
        Set<String> names = ShardSources.configMapNames(release.getSpec());
        Map<String, ConfigMap> found = new TreeMap<>();
        if (names.isEmpty()) {
            return found;
        }
        String namespace = release.getMetadata().getNamespace();
        var cache = (InformerEventSource<ConfigMap, SwarmRelease>) context.eventSourceRetriever()
                .getEventSourceFor(ConfigMap.class, SOURCE);
        for (String name : names) {
            Optional.ofNullable(cache.get(new ResourceID(name, namespace)).orElseGet(
                    () -> context.getClient().configMaps().inNamespace(namespace).withName(name).get()))
                    .ifPresent(configMap -> found.put(name, configMap));
        }
        return found;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
