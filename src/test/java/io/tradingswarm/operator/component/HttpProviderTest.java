package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.HttpProvider;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.probe.Measurement.Verdict;
import io.tradingswarm.operator.probe.ProbeTarget;

/** The HTTP provider against stub servers on 127.0.0.1. */
@Tag("component")
class HttpProviderTest {

    static final ProbeTarget TARGET = new ProbeTarget("team", "swarm", "2", "health", Map.of());
    static final HttpProvider PROVIDER = new HttpProvider(new HostAllowList("127.0.0.1"));
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static HttpProbe probe(String url, String expectStatus) {
        HttpProbe probe = new HttpProbe();
        probe.url = url;
        probe.expectStatus = expectStatus;
        return probe;
    }

    @ParameterizedTest(name = "{0} expecting {1} -> {2}")
    @CsvSource(nullValues = "default", value = {
        "200, default, Pass",
        "299, 200-299, Pass",
        "500, default, Fail",
        "500, 200-299, Fail",
        "204, 204,     Pass",
        "204, 200,     Fail",
        "503, 500-599, Pass",
    })
    void theStatusCodeIsTheValueAndMustMatch(int status, String expectStatus, Verdict verdict) {
        try (StubServer app = StubServer.answering(StubServer.status(status, ""))) {
            Measurement measurement = PROVIDER.measure(probe(app.address() + "/health", expectStatus), TARGET, TIMEOUT);

            String expected = expectStatus != null ? expectStatus : "200-299";
            assertEquals(new Measurement(verdict, (double) status, "status " + status + ", expected " + expected), measurement);
        }
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        try (StubServer app = StubServer.answering(exchange -> {
            exchange.getResponseHeaders().add("Location", "/landing");
            StubServer.reply(exchange, 302, "");
        })) {
            Measurement measurement = PROVIDER.measure(probe(app.address() + "/start", "200-299"), TARGET, TIMEOUT);

            assertEquals(Measurement.fail(302.0, "status 302, expected 200-299"), measurement);
            assertEquals(List.of("/start"), app.received().stream().map(request -> request.uri().getPath()).toList());
        }
    }

    @Test
    void aSlowServerIsAnErrorWithinTheTimeout() {
        try (StubServer app = StubServer.answering(StubServer.slow(Duration.ofSeconds(10)))) {
            String url = app.address() + "/health";

            Measurement measurement = PROVIDER.measure(probe(url, null), TARGET, Duration.ofMillis(300));

            assertEquals(Measurement.error("GET " + url + " failed: timed out after 300ms"), measurement);
        }
    }

    @Test
    void aClosedPortIsAnError() {
        String url = "http://127.0.0.1:" + StubServer.freePort() + "/health";

        Measurement measurement = PROVIDER.measure(probe(url, null), TARGET, TIMEOUT);

        assertEquals(Verdict.Error, measurement.verdict());
        assertTrue(measurement.message().startsWith("GET " + url + " failed: "), measurement.message());
    }

    @Test
    void aHostOffTheAllowListIsAnErrorWithoutAnyConnection() {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            HttpProvider provider = new HttpProvider(new HostAllowList("localhost,*.svc"));

            Measurement measurement = provider.measure(probe(app.address() + "/health", null), TARGET, TIMEOUT);

            assertEquals(Measurement.error("host 127.0.0.1 is not on the operator's allow-list (swarm.probes.http.allowed-hosts)"),
                    measurement);
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void aUrlWithoutAHostIsAnError() {
        assertEquals(Measurement.error("url http:///health has no host"),
                PROVIDER.measure(probe("http:///health", null), TARGET, TIMEOUT));
    }
}
