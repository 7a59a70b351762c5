package io.tradingswarm.operator.telemetry;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.ReleaseEvent;

import org.jboss.logging.Logger;

/** Records a release's transitions as Kubernetes Events (what {@code kubectl describe srel} shows). */
public final class ReleaseEvents {
    private static final Logger LOG = Logger.getLogger(ReleaseEvents.class);
    private final KubernetesClient client;

    public ReleaseEvents(KubernetesClient client) {
        this.client = client;
    }

    /** Best effort: a lost Event never fails a reconcile, since status already holds the facts. */
    public void emit(SwarmRelease release, ReleaseEvent event, Instant now) {
        String ns = release.getMetadata().getNamespace();
        String name = release.getMetadata().getName();
        LOG.infof("release %s/%s %s: %s", ns, name, event.reason(), event.message());
        try {
            client.v1().events().inNamespace(ns).resource(new EventBuilder()
                    .withNewMetadata().withNamespace(ns)
                    .withName(name + "." + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT))
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(release.getApiVersion())
                            .withKind(release.getKind()).withNamespace(ns).withName(name)
                            .withUid(release.getMetadata().getUid()).build())
                    .withReason(event.reason().name()).withMessage(event.message())
                    .withType(event.reason().warning() ? "Warning" : "Normal")
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("swarm-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s for %s/%s: %s", event.reason(), ns, name, e.getMessage());
        }
    }
}
