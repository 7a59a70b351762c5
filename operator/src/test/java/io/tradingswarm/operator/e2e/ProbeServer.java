package io.tradingswarm.operator.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/** A health endpoint on 127.0.0.1 whose status code the test steers; counts the requests it gets. */
public final class ProbeServer implements AutoCloseable {
    private final HttpServer server;
    public final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger requests = new AtomicInteger();
    /** When the first failing answer (400 or above) was sent, or null. */
    public final AtomicReference<Instant> firstFailure = new AtomicReference<>();
    /** The query string of the latest request, or null. */
    final AtomicReference<String> lastQuery = new AtomicReference<>();

    public ProbeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            requests.incrementAndGet();
            lastQuery.set(exchange.getRequestURI().getQuery());
            int answer = status.get();
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
            if (answer >= 400) {
                firstFailure.compareAndSet(null, Instant.now());
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
