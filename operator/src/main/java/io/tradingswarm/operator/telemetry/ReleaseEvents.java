package io.tradingswarm.operator.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.ReleaseEvent;

import org.jboss.logging.Logger;

/** Records a release's transitions as Kubernetes Events (what {@code kubectl describe srel} shows). */
public final class ReleaseEvents {
    private static final Logger LOG = Logger.getLogger(ReleaseEvents.class);
    private static final String COMPONENT = "swarm-operator";
    private static final String INSTANCE = System.getenv().getOrDefault("HOSTNAME", COMPONENT);
    /** Microseconds keep the order of events that happen within one second. */
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);
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
                    .withEventTime(new MicroTime(MICROS.format(now)))
                    .withReportingComponent(COMPONENT).withReportingInstance(INSTANCE).withAction(event.reason().name())
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s for %s/%s: %s", event.reason(), ns, name, e.getMessage());
        }
    }
}
