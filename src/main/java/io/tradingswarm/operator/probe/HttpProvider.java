package io.tradingswarm.operator.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tradingswarm.operator.api.HttpProbe;

/** Measures the status code of a GET to an allow-listed host; redirects are reported, not followed. */
public final class HttpProvider implements ProbeProvider<HttpProbe> {

    private static final String DEFAULT_EXPECTED_STATUS = "200-299";
    private static final Pattern STATUS_OR_RANGE = Pattern.compile("([1-5][0-9][0-9])(?:-([1-5][0-9][0-9]))?");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HostAllowList allowList;
    private final HttpClient client = newClient();

    public HttpProvider(HostAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public Measurement measure(HttpProbe probe, ProbeTarget target, Duration timeout) {
        String expected = probe.expectStatus != null ? probe.expectStatus : DEFAULT_EXPECTED_STATUS;
        Matcher range = STATUS_OR_RANGE.matcher(expected);
        if (!range.matches()) {
            return Measurement.error("expectStatus " + expected + " is neither a status code nor a range such as 200-299");
        }
        String host = HostAllowList.hostOf(probe.url);
        if (host == null) {
            return Measurement.error("url " + probe.url + " has no host");
        }
        if (!allowList.allows(host)) {
            return Measurement.error("host " + host + " is not on the operator's allow-list (swarm.probes.http.allowed-hosts)");
        }
        int status;
        try {
            status = send(client, HttpRequest.newBuilder(URI.create(probe.url)).GET().build(), BodyHandlers.discarding(), timeout)
                    .statusCode();
        } catch (IllegalArgumentException notHttp) {
            return Measurement.error("url " + probe.url + " is not an http(s) URL");
        } catch (IOException e) {
            return Measurement.error("GET " + probe.url + " failed: " + e.getMessage());
        }
        int lowest = Integer.parseInt(range.group(1));
        int highest = range.group(2) != null ? Integer.parseInt(range.group(2)) : lowest;
        String message = "status " + status + ", expected " + expected;
        return status >= lowest && status <= highest
                ? Measurement.pass((double) status, message)
                : Measurement.fail((double) status, message);
    }

    /** A client for probes: no redirects, HTTP/1.1 so that plain-HTTP servers see no upgrade attempt. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Sends {@code request} and reads the whole response within {@code timeout}; the request timeout of
     * {@link HttpClient} stops at the headers, so a slowly streamed body would overrun it.
     *
     * @throws IOException with a message fit for a measurement: "timed out after 10s", "Connection refused"
     */
    static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, BodyHandler<T> body, Duration timeout)
            throws IOException {
        CompletableFuture<HttpResponse<T>> response = client.sendAsync(request, body);
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            response.cancel(true);
            if (e instanceof TimeoutException || e.getCause() instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("timed out after " + readable(timeout));
            }
            throw new IOException(firstMessage(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** The JDK client often wraps the useful message ("Connection refused") in exceptions without one. */
    private static String firstMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}
