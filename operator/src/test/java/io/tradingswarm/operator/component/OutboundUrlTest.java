package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundUrl;

/** How URLs are split for a request, and what of them a message may show. */
@Tag("component")
class OutboundUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://canary-api.team.svc:8080/health       | canary-api.team.svc | 8080 | /health      | http://canary-api.team.svc:8080",
        "https://127.0.0.1/ready?x=1                  | 127.0.0.1           | 443  | /ready?x=1   | https://127.0.0.1:443",
        "http://user:pa55@Prometheus.Monitoring:9090  | prometheus.monitoring | 9090 | /          | http://prometheus.monitoring:9090",
        "http://localhost@169.254.169.254/            | 169.254.169.254     | 80   | /            | http://169.254.169.254:80",
        "http://[::1]:9090/q?token=s3cret#frag        | ::1                 | 9090 | /q?token=s3cret | http://[::1]:9090",
        "http://127.1/                                | 127.1               | 80   | /            | http://127.1:80",
    })
    void theHostCheckedIsTheHostConnectedToAndOnlyTheOriginIsShown(String url, String host, int port, String target,
            String origin) throws OutboundException {
        OutboundUrl parsed = OutboundUrl.parse(url);

        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(target, parsed.requestTarget());
        assertEquals(origin, parsed.origin());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http:///health              | URL has no host",
        "file:///etc/passwd          | not an http(s) URL",
        "gopher://canary-api/        | not an http(s) URL",
        "not a url                   | not a valid URL",
        "http://a%2fb/               | URL has a malformed host or port",
        "http://canary-api:99999/    | URL has a malformed host or port",
    })
    void whatIsNotAnHttpUrlWithAHostIsRejected(String url, String message) {
        assertEquals(message, assertThrows(OutboundException.class, () -> OutboundUrl.parse(url)).getMessage());
    }
}
