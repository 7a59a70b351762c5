package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.probe.Measurement.Verdict;
import io.tradingswarm.operator.probe.ProbeTarget;
import io.tradingswarm.operator.probe.PrometheusProvider;

@Tag("component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusProviderRealTest {

    static final ProbeTarget TARGET = new ProbeTarget("team", "swarm", "2", "error-rate", Map.of());
    // 10s holds about ten 1s scrapes: enough for rate() and short enough to follow a steered change quickly.
    static final String ERROR_RATE = "sum(rate(http_requests_total{version=\"%s\",code=~\"5..\"}[10s]))"
            + " / sum(rate(http_requests_total{version=\"%s\"}[10s]))";
    static final Duration PROMETHEUS_CATCHES_UP = Duration.ofSeconds(45);

    SteerableApp app;
    RealPrometheus prometheus;
    PrometheusProvider provider;

    @BeforeAll
    void startPrometheusScrapingTheApp() throws IOException {
        app = new SteerableApp();
        app.traffic("v1", 50, 0);
        app.traffic("v2", 100, 1);
        prometheus = RealPrometheus.scraping(app.hostPort());
        provider = PrometheusProviderBackendsTest.provider(prometheus.address());
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        app.close();
    }

    Measurement measure(String query, Double min, Double max) {
        PrometheusProbe probe = new PrometheusProbe();
        probe.query = query;
        probe.min = min;
        probe.max = max;
        return provider.measure(probe, TARGET, Duration.ofSeconds(5));
    }

    static String errorRateOf(String version) {
        return ERROR_RATE.formatted(version, version);
    }

    @Test
    void errorRatePassesUnderItsMaxAndFailsOnceErrorsRise() {
        Measurement healthy = Await.until("v2's error rate of about 1% passes", PROMETHEUS_CATCHES_UP,
                () -> measure(errorRateOf("v2"), null, 0.05), m -> m.verdict() == Verdict.Pass);
        assertTrue(healthy.value() < 0.05, healthy.toString());

        app.traffic("v2", 100, 25);

        Measurement failing = Await.until("v2's error rate of 20% fails", PROMETHEUS_CATCHES_UP,
                () -> measure(errorRateOf("v2"), null, 0.05), m -> m.verdict() == Verdict.Fail);
        assertTrue(failing.value() > 0.05, failing.toString());
        assertTrue(failing.message().matches("0\\.[0-9]+ > max 0\\.05"), failing.message());
    }

    @Test
    void aVersionWithoutSeriesHasNoData() {
        assertEquals(Measurement.noData("query returned no series"), measure(errorRateOf("v9"), null, 0.05));
    }

    @Test
    void severalSeriesAreAnErrorThatSaysHowManyAndToAggregate() {
        Measurement measurement = measure("http_requests_total{version=\"v1\"}", null, 1e9);

        assertEquals(Verdict.Error, measurement.verdict());
        assertEquals("query returned 2 series; a probe needs one: aggregate them, e.g. sum(...)", measurement.message());
    }

    @ParameterizedTest
    @CsvSource({
        "http_requests_total[1m], matrix",
        "\"text\",                string",
    })
    void rangeAndStringResultsAreErrorsNamingTheirType(String query, String type) {
        Measurement measurement = measure(query, null, 1.0);

        assertEquals(Measurement.error("query returned a " + type
                + "; a probe needs an instant scalar or single-series vector"), measurement);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar(vector(1))", "vector(1)", "1"})
    void scalarsAndSingleSamplesAreValues(String query) {
        assertEquals(Measurement.pass(1.0, "1 within [0, 1]"), measure(query, 0.0, 1.0));
    }

    @Test
    void aValueBelowMinFails() {
        assertEquals(Measurement.fail(0.5, "0.5 < min 0.9"), measure("vector(0.5)", 0.9, null));
    }

    @ParameterizedTest
    @CsvSource({"0/0, NaN", "1/0, +Inf", "-1/0, -Inf"})
    void notANumberAndInfinitiesAreNoData(String query, String shown) {
        assertEquals(Measurement.noData("query returned " + shown), measure(query, null, 1.0));
    }

    @Test
    void invalidPromQlIsAnErrorWithPrometheusErrorTypeOnly() {
        assertEquals(Measurement.error("Prometheus answered HTTP 400 (bad_data)"), measure("sum(", null, 1.0));
    }
}
