package io.tradingswarm.operator.probe;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.CheckedHttp.Response;
import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundUrl;

/**
 * Measures a PromQL instant query through the Prometheus HTTP API and checks its one value against min
 * and max. Messages never quote the answer: only its HTTP status and a known {@code errorType}.
 */
public final class PrometheusProvider implements ProbeProvider<PrometheusProbe> {

    private static final String NO_ADDRESS = "no Prometheus address: set prometheus.address or swarm.probes.prometheus.address";
    // An instant query that is one value; a larger answer is not worth parsing.
    private static final int MAX_ANSWER = 1024 * 1024;
    /** The errorType values of the Prometheus HTTP API; anything else is not shown. */
    private static final Set<String> ERROR_TYPES = Set.of("timeout", "canceled", "execution", "bad_data", "internal",
            "unavailable", "not_found", "not_acceptable");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext SHOWN_DIGITS = new MathContext(4);

    private final String defaultAddress;
    private final HostAllowList allowList;
    private final CheckedHttp http;

    /** @param defaultAddress used for probes without an address; may be null */
    public PrometheusProvider(String defaultAddress, HostAllowList allowList, CheckedHttp http) {
        this.defaultAddress = defaultAddress;
        this.allowList = allowList;
        this.http = http;
    }

    @Override
    public Measurement measure(PrometheusProbe probe, ProbeTarget target, Duration timeout) {
        Map<String, String> secrets = Objects.requireNonNullElse(target.secrets(), Map.of());
        String address = probe.address != null ? probe.address : defaultAddress;
        if (address == null) {
            return Measurement.error(NO_ADDRESS);
        }
        String authorization = authorization(secrets);
        Measurement measurement;
        try {
            measurement = judge(valueOf(query(address, probe.query, authorization, timeout)), probe.min, probe.max);
        } catch (NoValue e) {
            measurement = e.measurement;
        }
        return redacted(measurement, secrets, authorization);
    }

    private Response query(String address, String promql, String authorization, Duration timeout) throws NoValue {
        OutboundUrl url;
        try {
            url = OutboundUrl.parse(address.replaceAll("/+$", "") + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        } catch (OutboundException e) {
            throw NoValue.error("Prometheus address: " + e.getMessage());
        }
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/json"));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        try {
            allowList.check(url.host());
            return http.send(CheckedHttp.Request.get(url, headers), MAX_ANSWER, timeout);
        } catch (OutboundException e) {
            throw NoValue.error("Prometheus at " + url.origin() + ": " + e.getMessage());
        }
    }

    private static String authorization(Map<String, String> secrets) {
        if (secrets.containsKey("bearerToken")) {
            return "Bearer " + secrets.get("bearerToken");
        }
        if (secrets.containsKey("username") && secrets.containsKey("password")) {
            String credentials = secrets.get("username") + ":" + secrets.get("password");
            return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** The single number in an answer (see https://prometheus.io/docs/prometheus/latest/querying/api/). */
    private static double valueOf(Response response) throws NoValue {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw NoValue.error(response.status() / 100 == 2 ? "Prometheus answered with malformed JSON"
                    : "Prometheus answered HTTP " + response.status());
        }
        if (response.status() / 100 != 2) {
            throw NoValue.error("Prometheus answered HTTP " + response.status() + errorType(answer));
        }
        String status = answer.path("status").asText();
        if (status.equals("error")) {
            throw NoValue.error("Prometheus query failed" + errorType(answer));
        }
        if (!status.equals("success")) {
            throw NoValue.error("Prometheus answered with JSON that is not an API response");
        }
        JsonNode result = answer.path("data").path("result");
        String type = answer.path("data").path("resultType").asText();
        return switch (type) {
            case "scalar" -> sampleValue(result);
            case "vector" -> sampleValue(onlySeries(result).path("value"));
            case "matrix", "string" -> throw NoValue.error("query returned a " + type
                    + "; a probe needs an instant scalar or single-series vector");
            default -> throw NoValue.error("Prometheus answered without a scalar or vector result");
        };
    }

    private static JsonNode onlySeries(JsonNode vector) throws NoValue {
        if (vector.isEmpty()) {
            throw new NoValue(Measurement.noData("query returned no series"));
        }
        if (vector.size() > 1) {
            throw NoValue.error("query returned " + vector.size() + " series; a probe needs one: aggregate them, e.g. sum(...)");
        }
        return vector.get(0);
    }

    /** " (bad_data)" for a known errorType; Prometheus' own error text may quote the query or a header. */
    private static String errorType(JsonNode answer) {
        String type = answer.path("errorType").asText();
        return ERROR_TYPES.contains(type) ? " (" + type + ")" : "";
    }

    /** A sample is [timestamp, "value"]; Prometheus writes infinities as +Inf and -Inf. */
    private static double sampleValue(JsonNode sample) throws NoValue {
        double value;
        try {
            value = switch (sample.path(1).asText()) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(sample.path(1).asText());
            };
        } catch (NumberFormatException e) {
            throw NoValue.error("Prometheus answered with a sample that is not a number");
        }
        if (Double.isNaN(value)) {
            throw new NoValue(Measurement.noData("query returned NaN"));
        }
        if (Double.isInfinite(value)) {
            throw new NoValue(Measurement.noData("query returned " + (value > 0 ? "+Inf" : "-Inf")));
        }
        return value;
    }

    private static Measurement judge(double value, Double min, Double max) {
        if (min != null && value < min) {
            return Measurement.fail(value, shown(value) + " < min " + shown(min));
        }
        if (max != null && value > max) {
            return Measurement.fail(value, shown(value) + " > max " + shown(max));
        }
        if (min != null && max != null) {
            return Measurement.pass(value, shown(value) + " within [" + shown(min) + ", " + shown(max) + "]");
        }
        if (max != null) {
            return Measurement.pass(value, shown(value) + " <= max " + shown(max));
        }
        return Measurement.pass(value, min != null ? shown(value) + " >= min " + shown(min) : shown(value));
    }

    private static String shown(double number) {
        return new BigDecimal(number).round(SHOWN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A second line of defence: no message quotes the answer, nor more of the address than its origin. */
    private static Measurement redacted(Measurement measurement, Map<String, String> secrets, String authorization) {
        String message = measurement.message();
        for (String secret : secrets.values()) {
            if (secret != null && !secret.isEmpty()) {
                message = message.replace(secret, "[redacted]");
            }
        }
        if (authorization != null) {
            message = message.replace(authorization.substring(authorization.indexOf(' ') + 1), "[redacted]");
        }
        return new Measurement(measurement.verdict(), measurement.value(), message);
    }

    /** Why a response holds no number to judge; carries the measurement to report instead. */
    private static final class NoValue extends Exception {
        final transient Measurement measurement;

        NoValue(Measurement measurement) {
            super(measurement.message(), null, false, false);
            this.measurement = measurement;
        }

        static NoValue error(String message) {
            return new NoValue(Measurement.error(message));
        }
    }
}
