package io.tradingswarm.operator.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tradingswarm.operator.api.Notification;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;

/**
 * Posts Slack-compatible JSON to webhooks read from Secrets, off the reconcile thread (see
 * {@link WebhookDelivery}). A delivery that fails never holds up a release.
 */
public final class Notifier implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;
    private final WebhookDelivery delivery;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "notifier");
        t.setDaemon(true);
        return t;
    });

    public Notifier(KubernetesClient client, WebhookDelivery delivery) {
        this.client = client;
        this.delivery = delivery;
    }

    /** The notification type of an event, or null for events nobody is notified about. */
    static String typeOf(EventReason reason) {
        return switch (reason) {
            case Started, Paused, Promoted, RolledBack, Succeeded, Halted, HaltLifted -> reason.name();
            case Degraded -> "Failed";
            default -> null;
        };
    }

    public void notify(SwarmRelease release, List<ReleaseEvent> events) {
        List<Notification> sinks = release.getSpec().notifications;
        if (sinks == null) {
            return;
        }
        for (ReleaseEvent event : events) {
            String type = typeOf(event.reason());
            for (int i = 0; i < sinks.size(); i++) {
                Notification sink = sinks.get(i);
                if (type != null && (sink.events == null || sink.events.isEmpty() || sink.events.contains(type))) {
                    String body = body(release, type, event);
                    String where = release.getMetadata().getNamespace() + "/" + release.getMetadata().getName()
                            + " notifications[" + i + "]";
                    pool.submit(() -> delivery.deliver(() -> url(release.getMetadata().getNamespace(), sink), body, type,
                            where));
                }
            }
        }
    }

    private String url(String namespace, Notification sink) {
        var ref = sink.webhook.urlFrom.secretKeyRef;
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.getKey())) {
            throw new IllegalStateException("Secret " + ref.getName() + " has no key " + ref.getKey());
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8).trim();
    }

    static String body(SwarmRelease release, String type, ReleaseEvent event) {
        var status = release.getStatus();
        String name = release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", "SwarmRelease " + name + " " + type + ": " + event.message());
        payload.put("event", type);
        payload.put("release", name);
        payload.put("version", status.version);
        payload.put("phase", status.phase == null ? null : status.phase.name());
        payload.put("reason", status.rollback == null ? event.reason().name() : status.rollback.reason);
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
