package io.tradingswarm.operator.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundUrl;

/**
 * Posts one notification to a webhook through {@link CheckedHttp}, with bounded retries and backoff.
 * The outcome is counted ({@code swarmrelease.notifications}); a failure is logged without the URL,
 * which holds the webhook's secret. A refused address is not retried.
 */
public final class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final CheckedHttp http;
    private final MeterRegistry registry;
    private final int attempts;
    private final Duration backoff;

    public WebhookDelivery(CheckedHttp http, MeterRegistry registry, int attempts, Duration backoff) {
        this.http = http;
        this.registry = registry;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /**
     * @param url read at send time, since it lives in a Secret; may throw with a message that holds no URL
     * @param where names the release and notification for the log
     */
    public void deliver(Supplier<String> url, String body, String type, String where) {
        CheckedHttp.Request request;
        try {
            request = CheckedHttp.Request.post(OutboundUrl.parse(url.get()), "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (OutboundException e) {
            failed(where, type, "webhook URL: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            failed(where, type, "cannot read the webhook URL: " + e.getMessage());
            return;
        }
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                int status = http.send(request, 0, TIMEOUT).status();
                if (status / 100 == 2) {
                    registry.counter("swarmrelease.notifications", "event", type, "result", "sent").increment();
                    return;
                }
                last = "HTTP " + status;
            } catch (OutboundException e) {
                if (e.refused()) {
                    failed(where, type, e.getMessage());
                    return;
                }
                last = e.getMessage();
            }
            if (attempt < attempts && !paused(backoff.multipliedBy(1L << (attempt - 1)))) {
                return;
            }
        }
        failed(where, type, "gave up after " + attempts + " attempts, last: " + last);
    }

    private void failed(String where, String type, String why) {
        registry.counter("swarmrelease.notifications", "event", type, "result", "failed").increment();
        LOG.warnf("notification %s of %s not delivered: %s", type, where, why);
    }

    /** False when interrupted: the notifier is closing. */
    private static boolean paused(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
