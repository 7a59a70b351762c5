package io.tradingswarm.operator.reconciler;

import java.util.Collection;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The objects a release owns, as the informer caches show them.
 *
 * @param routes the routes the release weighs (its own and the users' it writes to)
 * @param gate the trading gate ConfigMap, or null
 * @param pods the pods of the release's slots
 * @param shardSources the ConfigMaps the spec's {@code bots[].shardsFrom} name, by name, those that exist (an
 *        unlabelled one only as a direct read found it, for the message)
 */
public record ClusterView(Collection<Deployment> deployments, Collection<Service> services, Collection<Job> jobs,
        Collection<ControllerRevision> revisions, Collection<GenericKubernetesResource> routes, ConfigMap gate,
        Collection<Pod> pods, Map<String, ConfigMap> shardSources) {
}
