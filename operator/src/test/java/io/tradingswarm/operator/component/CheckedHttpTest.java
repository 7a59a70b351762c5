package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.outbound.AllowedNetworks;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.CheckedHttp.Request;
import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundGuard;
import io.tradingswarm.operator.outbound.OutboundUrl;
import io.tradingswarm.operator.testing.FakeDns;

/** The outbound client against stub servers on 127.0.0.1, with DNS faked: where it connects, and what it refuses. */
@Tag("component")
class CheckedHttpTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static SelfSignedCertificate probeTest;

    @BeforeAll
    static void certificate() {
        probeTest = SelfSignedCertificate.forHost("probe.test");
    }

    static CheckedHttp.Response get(CheckedHttp http, String url, int bodyLimit) throws OutboundException {
        return http.send(Request.get(OutboundUrl.parse(url), Map.of()), bodyLimit, TIMEOUT);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressAndTheNameIsResolvedOnce() throws Exception {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            FakeDns dns = new FakeDns().answering("probe.test", "127.0.0.1").answering("probe.test", "169.254.169.254");

            assertEquals(200, get(LocalOutbound.resolvingWith(dns), "http://probe.test:" + app.port() + "/health", 0).status());

            assertEquals(List.of("probe.test"), dns.lookups());
            assertEquals("probe.test:" + app.port(), app.received().get(0).headers().getFirst("Host"));
            assertEquals("/health", app.received().get(0).uri().getPath());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "169.254.169.254,  cloud metadata",
        "fd00:ec2::254,    cloud metadata",
        "169.254.10.1,     link-local",
        "10.0.0.7,         private",
        "192.168.0.7,      private",
        "100.64.0.7,       shared/CGNAT",
        "224.0.0.1,        multicast",
    })
    void aNameWithARefusedAddressIsRefusedBeforeAnyConnection(String refused, String range) {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            // The first address is allowed and listening: a client that connected before checking would reach it.
            FakeDns dns = new FakeDns().answering("probe.test", "127.0.0.1", refused);

            OutboundException e = assertThrows(OutboundException.class,
                    () -> get(LocalOutbound.resolvingWith(dns), "http://probe.test:" + app.port() + "/", 0));

            assertEquals("host not allowed: resolves to " + refused.replace("fd00:ec2::254", "fd00:ec2:0:0:0:0:0:254")
                    + " (" + range + ")", e.getMessage());
            assertTrue(e.refused());
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            CheckedHttp inCluster = new CheckedHttp(new OutboundGuard(new AllowedNetworks("0.0.0.0/0,10.0.0.0/8"), new FakeDns()));

            OutboundException e = assertThrows(OutboundException.class, () -> get(inCluster, app.address() + "/", 0));

            assertEquals("host not allowed: 127.0.0.1 (loopback)", e.getMessage());
            assertEquals(List.of(), app.received());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2130706433", "0x7f000001", "017700000001", "127.1", "0177.0.0.1", "127.0.0.1."})
    void nonCanonicalIpv4HostsAreRefusedWithoutResolving(String host) {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            FakeDns dns = new FakeDns().answering(host, "127.0.0.1");

            OutboundException e = assertThrows(OutboundException.class,
                    () -> get(LocalOutbound.resolvingWith(dns), "http://" + host + ":" + app.port() + "/", 0));

            assertEquals("host not allowed: " + host + " is an IPv4 address in a non-canonical form; write it as a.b.c.d",
                    e.getMessage());
            assertEquals(List.of(), dns.lookups());
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void aNameThatDoesNotResolveIsAFailure() {
        OutboundException e = assertThrows(OutboundException.class,
                () -> get(LocalOutbound.withoutNames(), "http://nowhere.test/", 0));

        assertEquals("cannot resolve nowhere.test", e.getMessage());
        assertFalse(e.refused());
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws Exception {
        try (StubServer app = StubServer.answering(exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            StubServer.reply(exchange, 307, "");
        })) {
            assertEquals(307, get(LocalOutbound.withoutNames(), app.address() + "/start", 0).status());
            assertEquals(1, app.received().size());
        }
    }

    @Test
    void httpsVerifiesTheCertificateAgainstTheHostNameAndSendsItAsSni() throws Exception {
        try (StubServer app = StubServer.answering(StubServer.status(200, "secure"), probeTest.serverContext())) {
            CheckedHttp http = trustingProbeTest(new FakeDns().answering("probe.test", "127.0.0.1"));

            CheckedHttp.Response response = get(http, "https://probe.test:" + app.port() + "/ready", 100);

            assertEquals(200, response.status());
            assertEquals("secure", new String(response.body(), StandardCharsets.UTF_8));
            assertEquals(List.of("probe.test"), app.serverNames());
            assertEquals("probe.test:" + app.port(), app.received().get(0).headers().getFirst("Host"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"other.test", "127.0.0.1"})
    void aCertificateForAnotherHostFailsTheHandshake(String host) throws Exception {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""), probeTest.serverContext())) {
            CheckedHttp http = trustingProbeTest(new FakeDns().answering("other.test", "127.0.0.1"));

            OutboundException e = assertThrows(OutboundException.class,
                    () -> get(http, "https://" + host + ":" + app.port() + "/", 0));

            assertEquals("TLS handshake failed: certificate not trusted or not issued for the host", e.getMessage());
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() throws Exception {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""), probeTest.serverContext())) {
            CheckedHttp systemTrust = LocalOutbound.resolvingWith(new FakeDns().answering("probe.test", "127.0.0.1"));

            OutboundException e = assertThrows(OutboundException.class,
                    () -> get(systemTrust, "https://probe.test:" + app.port() + "/", 0));

            assertTrue(e.getMessage().startsWith("TLS handshake failed"), e.getMessage());
            assertEquals(List.of(), app.received());
        }
    }

    @ParameterizedTest(name = "{0}-byte body, streamed: {1}")
    @CsvSource({"10, false", "10, true", "70000, true"})
    void bodiesAreReadWhole(int size, boolean chunked) throws Exception {
        byte[] body = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
        try (StubServer app = StubServer.answering(exchange -> {
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
        })) {
            assertArrayEquals(body, get(LocalOutbound.withoutNames(), app.address() + "/", 1 << 20).body());
        }
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverTheLimitIsAFailure(boolean chunked) {
        byte[] body = "x".repeat(2 << 20).getBytes(StandardCharsets.UTF_8);
        try (StubServer app = StubServer.answering(exchange -> {
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
        })) {
            OutboundException e = assertThrows(OutboundException.class,
                    () -> get(LocalOutbound.withoutNames(), app.address() + "/", 1 << 20));

            assertEquals("answer larger than 1 MiB", e.getMessage());
        }
    }

    @Test
    void aSlowServerTimesOut() {
        try (StubServer app = StubServer.answering(StubServer.slow(Duration.ofSeconds(10)))) {
            OutboundException e = assertThrows(OutboundException.class, () -> LocalOutbound.withoutNames()
                    .send(Request.get(OutboundUrl.parse(app.address() + "/"), Map.of()), 0, Duration.ofMillis(300)));

            assertEquals("timed out after 300ms", e.getMessage());
        }
    }

    @Test
    void aClosedPortIsRefused() {
        OutboundException e = assertThrows(OutboundException.class,
                () -> get(LocalOutbound.withoutNames(), "http://127.0.0.1:" + StubServer.freePort() + "/", 0));

        assertEquals("connection refused", e.getMessage());
    }

    @Test
    void aHeaderValueCannotAddHeaders() throws OutboundException {
        try (StubServer app = StubServer.answering(StubServer.status(200, ""))) {
            Request request = Request.get(OutboundUrl.parse(app.address() + "/"),
                    Map.of("Authorization", "Bearer x\r\nX-Injected: yes"));

            OutboundException e = assertThrows(OutboundException.class,
                    () -> LocalOutbound.withoutNames().send(request, 0, TIMEOUT));

            assertEquals("header Authorization holds a line break", e.getMessage());
            assertEquals(List.of(), app.received());
        }
    }

    @Test
    void aPostCarriesItsBody() throws Exception {
        try (StubServer app = StubServer.answering(exchange -> StubServer.reply(exchange, 200,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            CheckedHttp.Response response = LocalOutbound.withoutNames().send(Request.post(OutboundUrl.parse(app.address()
                    + "/hook"), "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)), 100, TIMEOUT);

            assertEquals("{\"a\":1}", new String(response.body(), StandardCharsets.UTF_8));
            assertEquals("application/json", app.received().get(0).headers().getFirst("Content-Type"));
        }
    }

    static CheckedHttp trustingProbeTest(FakeDns dns) throws GeneralSecurityException {
        return new CheckedHttp(new OutboundGuard(new AllowedNetworks(AllowedNetworks.DEFAULT), dns), probeTest.trustingClient());
    }
}
