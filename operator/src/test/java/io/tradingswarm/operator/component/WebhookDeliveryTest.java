package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingswarm.operator.telemetry.WebhookDelivery;
import io.tradingswarm.operator.testing.FakeDns;
import io.tradingswarm.operator.testing.LogCapture;

/** Webhook delivery through the outbound guard: where it posts, what it refuses, and what it logs. */
@Tag("component")
class WebhookDeliveryTest {

    static final String SECRET_PATH = "/services/T0/B0/s3cret-webhook-token";
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    WebhookDelivery delivery(FakeDns dns) {
        return new WebhookDelivery(LocalOutbound.resolvingWith(dns), registry, 3, Duration.ofMillis(1));
    }

    double counted(String result) {
        var counter = registry.find("swarmrelease.notifications").tags("event", "Started", "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aWebhookIsPostedToTheCheckedAddressUnderItsName() {
        try (StubServer hooks = StubServer.answering(StubServer.status(200, "ok"))) {
            FakeDns dns = new FakeDns().answering("hooks.test", "127.0.0.1");

            delivery(dns).deliver(() -> "http://hooks.test:" + hooks.port() + SECRET_PATH, "{\"event\":\"Started\"}",
                    "Started", "team/swarm notifications[0]");

            assertEquals(1, counted("sent"));
            assertEquals("POST", hooks.received().get(0).method());
            assertEquals("hooks.test:" + hooks.port(), hooks.received().get(0).headers().getFirst("Host"));
        }
    }

    @Test
    void aRefusedWebhookIsCountedAsFailedNotRetriedAndLoggedWithoutItsUrl() {
        FakeDns dns = new FakeDns().answering("hooks.test", "169.254.169.254");
        try (LogCapture log = new LogCapture()) {
            delivery(dns).deliver(() -> "https://hooks.test" + SECRET_PATH, "{}", "Started", "team/swarm notifications[0]");

            assertEquals(1, counted("failed"));
            assertEquals(List.of("hooks.test"), dns.lookups());
            assertTrue(log.text().contains("notification Started of team/swarm notifications[0] not delivered: "
                    + "host not allowed: resolves to 169.254.169.254 (cloud metadata)"), log.text());
            assertFalse(log.text().contains(SECRET_PATH), log.text());
        }
    }

    @Test
    void aFailingWebhookIsRetriedThenCountedAndLoggedWithoutItsUrlOrAnswer() {
        try (StubServer hooks = StubServer.answering(StubServer.status(500, "MARKER-from-the-answer"));
                LogCapture log = new LogCapture()) {
            FakeDns dns = new FakeDns().answering("hooks.test", "127.0.0.1");

            delivery(dns).deliver(() -> "http://hooks.test:" + hooks.port() + SECRET_PATH, "{}", "Started",
                    "team/swarm notifications[0]");

            assertEquals(1, counted("failed"));
            assertEquals(3, hooks.received().size());
            assertTrue(log.text().contains("gave up after 3 attempts, last: HTTP 500"), log.text());
            assertFalse(log.text().contains(SECRET_PATH), log.text());
            assertFalse(log.text().contains("MARKER"), log.text());
        }
    }
}
