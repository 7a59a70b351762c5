package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.net.httpserver.HttpHandler;

import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.probe.Measurement.Verdict;
import io.tradingswarm.operator.probe.ProbeTarget;
import io.tradingswarm.operator.probe.PrometheusProvider;
import io.tradingswarm.operator.testing.FakeDns;

/** The Prometheus provider against backends that misbehave, played by stub servers on 127.0.0.1. */
@Tag("component")
class PrometheusProviderBackendsTest {

    static final String ONE_SAMPLE = """
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.01"]}]}}""";
    static final String TOKEN = "tok-5ecret-bearer";
    static final String USER = "probe-user";
    static final String PASSWORD = "pa55-5ecret-word";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String MARKER = "MARKER-from-the-answer";

    static PrometheusProbe probe(String address) {
        PrometheusProbe probe = new PrometheusProbe();
        probe.address = address;
        probe.query = "sum(rate(http_requests_total{version=\"v2\"}[1m]))";
        probe.max = 0.05;
        return probe;
    }

    static ProbeTarget target(Map<String, String> secrets) {
        return new ProbeTarget("team", "swarm", "2", "error-rate", secrets);
    }

    /** A provider for Prometheus on 127.0.0.1 or at a made-up *.test name. */
    static PrometheusProvider provider(String defaultAddress) {
        return provider(defaultAddress, new FakeDns());
    }

    static PrometheusProvider provider(String defaultAddress, FakeDns dns) {
        return new PrometheusProvider(defaultAddress, new HostAllowList("127.0.0.1,*.test"), LocalOutbound.resolvingWith(dns));
    }

    static Measurement measure(PrometheusProvider provider, PrometheusProbe probe, Map<String, String> secrets) {
        return provider.measure(probe, target(secrets), TIMEOUT);
    }

    @Test
    void withoutAnyAddressItIsAnError() {
        assertEquals(Measurement.error("no Prometheus address: set prometheus.address or swarm.probes.prometheus.address"),
                measure(provider(null), probe(null), Map.of()));
    }

    @Test
    void theDefaultAddressServesProbesWithoutOneAndTheQueryIsSentEncoded() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, ONE_SAMPLE))) {
            PrometheusProbe probe = probe(null);

            assertEquals(Measurement.pass(0.01, "0.01 <= max 0.05"),
                    measure(provider(prometheus.address() + "/"), probe, Map.of()));
            StubServer.Received request = prometheus.received().get(0);
            assertEquals("/api/v1/query", request.uri().getPath());
            assertEquals("query=" + probe.query, URLDecoder.decode(request.uri().getRawQuery(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theProbeAddressOverridesTheDefault() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, ONE_SAMPLE))) {
            PrometheusProvider provider = provider("http://127.0.0.1:" + StubServer.freePort());

            assertEquals(Verdict.Pass, measure(provider, probe(prometheus.address()), Map.of()).verdict());
        }
    }

    @Test
    void prometheusDownIsAnErrorNamingTheOrigin() {
        String origin = "http://127.0.0.1:" + StubServer.freePort();

        assertEquals(Measurement.error("Prometheus at " + origin + ": connection refused"),
                measure(provider(origin + "/prometheus"), probe(null), Map.of()));
    }

    @Test
    void anAddressResolvingToTheMetadataAddressIsAnErrorWithoutAnyConnection() {
        FakeDns dns = new FakeDns().answering("prometheus.test", "169.254.169.254");

        assertEquals(Measurement.error("Prometheus at http://prometheus.test:9090: host not allowed: resolves to "
                + "169.254.169.254 (cloud metadata)"), measure(provider(null, dns), probe("http://prometheus.test:9090"), Map.of()));
    }

    @Test
    void anAddressOffTheAllowListIsAnErrorWithoutResolvingIt() {
        FakeDns dns = new FakeDns().answering("prometheus.example.org", "127.0.0.1");

        assertEquals(Measurement.error("Prometheus at http://prometheus.example.org:80: host not allowed: "
                + "prometheus.example.org is not on the operator's allow-list (swarm.probes.http.allowed-hosts)"),
                measure(provider(null, dns), probe("http://prometheus.example.org"), Map.of()));
        assertEquals(List.of(), dns.lookups());
    }

    @Test
    void theAnswerIsReadUpTo1MiB() {
        String padded = ONE_SAMPLE.replace("{\"metric\":{}", "{\"metric\":{\"pad\":\"" + "x".repeat(1 << 20) + "\"}");
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, padded))) {
            assertEquals(Measurement.error("Prometheus at " + prometheus.address() + ": answer larger than 1 MiB"),
                    measure(provider(prometheus.address()), probe(null), Map.of()));
        }
    }

    @Test
    void aServerErrorIsAnErrorWithTheCode() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(500, "internal trouble"))) {
            assertEquals(Measurement.error("Prometheus answered HTTP 500"),
                    measure(provider(prometheus.address()), probe(null), Map.of()));
        }
    }

    @Test
    void malformedJsonIsAnError() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, "{\"status\": \"succ"))) {
            assertEquals(Measurement.error("Prometheus answered with malformed JSON"),
                    measure(provider(prometheus.address()), probe(null), Map.of()));
        }
    }

    @Test
    void jsonThatIsNoApiAnswerIsAnError() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, "{\"hello\": 1}"))) {
            assertEquals(Measurement.error("Prometheus answered with JSON that is not an API response"),
                    measure(provider(prometheus.address()), probe(null), Map.of()));
        }
    }

    @Test
    void aSlowServerTimesOutWithinTheTimeout() {
        try (StubServer prometheus = StubServer.answering(StubServer.slow(Duration.ofSeconds(10)))) {
            Measurement measurement = provider(prometheus.address())
                    .measure(probe(null), target(Map.of()), Duration.ofMillis(300));

            assertEquals(Measurement.error("Prometheus at " + prometheus.address() + ": timed out after 300ms"), measurement);
        }
    }

    @Test
    void aBearerTokenIsSentAsAuthorization() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, ONE_SAMPLE))) {
            measure(provider(prometheus.address()), probe(null), Map.of("bearerToken", TOKEN));

            assertEquals("Bearer " + TOKEN, prometheus.received().get(0).headers().getFirst("Authorization"));
        }
    }

    @Test
    void usernameAndPasswordAreSentAsBasicAuthorization() {
        try (StubServer prometheus = StubServer.answering(StubServer.status(200, ONE_SAMPLE))) {
            measure(provider(prometheus.address()), probe(null), Map.of("username", USER, "password", PASSWORD));

            assertEquals("Basic " + basic(USER, PASSWORD), prometheus.received().get(0).headers().getFirst("Authorization"));
        }
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Backends that echo the Authorization header back into the parts of an answer a message once quoted. */
    static Stream<Arguments> echoingBackends() {
        Map<String, Map<String, String>> credentials = Map.of("a bearer token", Map.of("bearerToken", TOKEN),
                "basic credentials", Map.of("username", USER, "password", PASSWORD));
        Map<String, HttpHandler> backends = Map.of(
                "an HTTP 400 with a Prometheus error",
                echo(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"bad header %s\"}"),
                "a failed query",
                echo(200, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"no %s\"}"),
                "a sample that is not a number",
                echo(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"%s\"]}}"),
                "an unknown errorType",
                echo(422, "{\"status\":\"error\",\"errorType\":\"%s\",\"error\":\"x\"}"),
                "malformed JSON",
                echo(200, "{\"status\": \"%s"),
                "a server error page",
                echo(500, "<html>%s</html>"));
        return backends.entrySet().stream().flatMap(backend -> credentials.entrySet().stream()
                .map(secrets -> Arguments.of(backend.getKey(), backend.getValue(), secrets.getKey(), secrets.getValue())));
    }

    static HttpHandler echo(int code, String bodyTemplate) {
        return exchange -> StubServer.reply(exchange, code,
                bodyTemplate.formatted(MARKER + " " + exchange.getRequestHeaders().getFirst("Authorization")));
    }

    @ParameterizedTest(name = "{0} with {2}")
    @MethodSource("echoingBackends")
    void noMessageQuotesTheAnswerOrASecret(String backend, HttpHandler handler, String credentials, Map<String, String> secrets) {
        try (StubServer prometheus = StubServer.answering(handler)) {
            Measurement measurement = measure(provider(prometheus.address()), probe(null), secrets);

            assertEquals(Verdict.Error, measurement.verdict());
            for (String quoted : List.of(MARKER, TOKEN, PASSWORD, basic(USER, PASSWORD))) {
                assertFalse(measurement.message().contains(quoted), measurement.message());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "400 | {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"} | Prometheus answered HTTP 400 (bad_data)",
        "503 | {\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"x\"}          | Prometheus answered HTTP 503 (unavailable)",
        "422 | {\"status\":\"error\",\"errorType\":\"made_up\",\"error\":\"x\"}              | Prometheus answered HTTP 422",
        "200 | {\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"x\"}            | Prometheus query failed (execution)",
        "200 | {\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"x\"]}} | Prometheus answered with a sample that is not a number",
    })
    void errorsAreFixedPhrasesWithAKnownErrorType(int code, String body, String message) {
        try (StubServer prometheus = StubServer.answering(StubServer.status(code, body))) {
            assertEquals(Measurement.error(message), measure(provider(prometheus.address()), probe(null), Map.of()));
        }
    }
}
