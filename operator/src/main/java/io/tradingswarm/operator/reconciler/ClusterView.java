package io.tradingswarm.operator.reconciler;

import java.util.Collection;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The objects a release owns, as the informer caches show them.
 *
 * @param routes the routes the release weighs (its own and the users' it writes to)
 */
public record ClusterView(Collection<Deployment> deployments, Collection<Service> services, Collection<Job> jobs,
        Collection<ControllerRevision> revisions, Collection<GenericKubernetesResource> routes) {
}
