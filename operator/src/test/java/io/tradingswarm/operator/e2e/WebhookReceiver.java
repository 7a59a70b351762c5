package io.tradingswarm.operator.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A notification receiver on 127.0.0.1 that keeps every JSON body it is sent. */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String secretPart) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=" + secretPart;
    }

    boolean received(String event) {
        return bodies.stream().anyMatch(b -> b.contains("\"event\":\"" + event + "\""));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
