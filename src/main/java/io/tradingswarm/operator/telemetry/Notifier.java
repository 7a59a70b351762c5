package io.tradingswarm.operator.telemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingswarm.operator.api.Notification;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;

/**
 * Posts Slack-compatible JSON to webhooks read from Secrets, off the reconcile thread, with bounded
 * retries and backoff. A delivery that fails is counted and logged without its URL; it never
 * holds up a release.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;
    private final MeterRegistry registry;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "notifier");
        t.setDaemon(true);
        return t;
    });

    public Notifier(KubernetesClient client, MeterRegistry registry, int attempts, Duration backoff) {
        this.client = client;
        this.registry = registry;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** The notification type of an event, or null for events nobody is notified about. */
    static String typeOf(EventReason reason) {
        return switch (reason) {
            case Started, Paused, Promoted, RolledBack, Succeeded -> reason.name();
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
                    pool.submit(() -> deliver(release.getMetadata().getNamespace(), sink, body, type, where));
                }
            }
        }
    }

    private void deliver(String namespace, Notification sink, String body, String type, String where) {
        String url;
        try {
            url = url(namespace, sink);
        } catch (RuntimeException e) {
            failed(where, type, "cannot read the webhook URL: " + e.getMessage());
            return;
        }
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    registry.counter("swarmrelease.notifications", "event", type, "result", "sent").increment();
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (java.io.IOException | IllegalArgumentException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(backoff.multipliedBy(1L << (attempt - 1)));
        }
        failed(where, type, "gave up after " + attempts + " attempts, last: " + last);
    }

    private void failed(String where, String type, String why) {
        registry.counter("swarmrelease.notifications", "event", type, "result", "failed").increment();
        LOG.warnf("notification %s of %s not delivered: %s", type, where, why);
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
