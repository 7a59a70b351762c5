package io.tradingswarm.cli.dashboard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Prometheus' instant-query API on 127.0.0.1, answering every query with one series whose value
 * wanders over time: an error rate around 1% (a query naming "error"), else a latency around
 * 80 ms. The probes of the dashboard's test release read it, so the charts have something to draw.
 */
final class FakePrometheus implements AutoCloseable {
    private final HttpServer server;

    FakePrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String query = raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
            double t = System.currentTimeMillis() / 1000.0;
            double value = query.contains("error") ? 0.01 + 0.006 * Math.sin(t / 4) + 0.002 * Math.sin(t * 1.7)
                    : 80 + 15 * Math.sin(t / 6) + 4 * Math.cos(t * 1.3);
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"value\":[" + t + ",\"" + value + "\"]}]}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
