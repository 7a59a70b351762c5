package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.HttpProvider;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.probe.Measurement.Verdict;
import io.tradingswarm.operator.probe.ProbeTarget;
import io.tradingswarm.operator.testing.FakeDns;

/** The HTTP provider against stub servers on 127.0.0.1. */
@Tag("component")
class HttpProviderTest {

    static final ProbeTarget TARGET = new ProbeTarget("team", "swarm", "2", "health", Map.of());
    static final HttpProvider PROVIDER = new HttpProvider(new HostAllowList("127.0.0.1"), LocalOutbound.withoutNames());
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
            Measurement measurement = PROVIDER.measure(probe(app.address() + "/health", null), TARGET, Duration.ofMillis(300));

            assertEquals(Measurement.error("GET " + app.address() + ": timed out after 300ms"), measurement);
        }
    }

    @Test
    void aClosedPortIsAnError() {
        String origin = "http://127.0.0.1:" + StubServer.freePort();

        assertEquals(Measurement.error("GET " + origin + ": connection refused"),
                PROVIDER.measure(probe(origin + "/health", null), TARGET, TIMEOUT));
    }

    @Test
    void aHostOffTheAllowListIsAnErrorWithoutAnyConnection() {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            HttpProvider provider = new HttpProvider(new HostAllowList("localhost,*.svc"), LocalOutbound.withoutNames());

            Measurement measurement = provider.measure(probe(app.address() + "/health", null), TARGET, TIMEOUT);

            assertEquals(Measurement.error("GET " + app.address() + ": host not allowed: 127.0.0.1 is not on the operator's "
                    + "allow-list (swarm.probes.http.allowed-hosts)"), measurement);
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void aUrlWithoutAHostIsAnError() {
        assertEquals(Measurement.error("url: URL has no host"), PROVIDER.measure(probe("http:///health", null), TARGET, TIMEOUT));
    }

    @Test
    void anAllowedNameThatResolvesToTheMetadataAddressIsAnErrorWithoutAnyConnection() {
        FakeDns dns = new FakeDns().answering("canary-api", "169.254.169.254");
        HttpProvider provider = new HttpProvider(new HostAllowList(HostAllowList.DEFAULT), LocalOutbound.resolvingWith(dns));

        assertEquals(Measurement.error("GET http://canary-api:80: host not allowed: resolves to 169.254.169.254 (cloud metadata)"),
                provider.measure(probe("http://canary-api/health", null), TARGET, TIMEOUT));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2130706433", "0x7f000001", "127.1", "0177.0.0.1"})
    void aNonCanonicalIpv4HostIsAnErrorNotAServiceName(String host) {
        HttpProvider provider = new HttpProvider(new HostAllowList(HostAllowList.DEFAULT), LocalOutbound.withoutNames());

        assertEquals(Measurement.error("GET http://" + host + ":80: host not allowed: " + host
                + " is an IPv4 address in a non-canonical form; write it as a.b.c.d"),
                provider.measure(probe("http://" + host + "/health", null), TARGET, TIMEOUT));
    }

    @Test
    void theBodyIsNeverReadIntoTheMessage() {
        try (StubServer app = StubServer.answering(StubServer.status(500, "MARKER-body-text"))) {
            Measurement measurement = PROVIDER.measure(probe(app.address() + "/health", null), TARGET, TIMEOUT);

            assertEquals(Measurement.fail(500.0, "status 500, expected 200-299"), measurement);
        }
    }
}
