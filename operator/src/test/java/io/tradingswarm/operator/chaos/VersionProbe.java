package io.tradingswarm.operator.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The health endpoint every chaos release probes, on 127.0.0.1, asked with {@code ?version=}: a
 * version named {@code *-bad} fails from the start, {@code *-late} passes its first
 * {@value #LATE_PASSES} measurements then fails (a blue-green switch, then a switch back), any other
 * passes. Every request is kept, so the checks can tell when a version was measured.
 */
final class VersionProbe implements AutoCloseable {
    static final int LATE_PASSES = 3;

    record Request(String version, Instant at) {
    }

    private final HttpServer server;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    VersionProbe() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String version = query != null && query.startsWith("version=") ? query.substring("version=".length()) : "";
            requests.add(new Request(version, Instant.now()));
            exchange.sendResponseHeaders(healthy(version) ? 200 : 500, -1);
            exchange.close();
        });
        server.start();
    }

    private boolean healthy(String version) {
        int n = asked.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
        return !version.endsWith("-bad") && !(version.endsWith("-late") && n > LATE_PASSES);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health?version={{version}}";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
