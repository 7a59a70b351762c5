package io.tradingswarm.cli.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.tradingswarm.cli.CliError;
import io.tradingswarm.cli.Releases;

/**
 * The dashboard's HTTP server (the JDK's com.sun.net.httpserver), on 127.0.0.1 only:
 * <pre>
 * GET  /                       the list of releases
 * GET  /releases/NS/NAME       a release
 * GET  /static/FILE            the pages' CSS and ES modules (cli/src/main/resources/dashboard)
 * GET  /events[?release=NS/NAME]  server-sent events: a snapshot now, then one on every change
 * POST /actions                {namespace, name, action}, with the page's token (see RequestGuard)
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {
    static final int MAX_STREAMS = 64;
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "html", "text/html; charset=utf-8");

    /** The buttons: the action annotation's values, then pause and resume. */
    static final List<String> ACTIONS = List.of("promote", "promote-full", "abort", "retry", "pause", "resume");

    /** The user's API calls (their kubeconfig's credentials), as the CLI's commands make them. */
    private final Releases releases;
    private final ReleaseFeed feed;
    private final Snapshots snapshots;
    private final HttpServer http;
    private final ExecutorService threads;
    private final RequestGuard guard;
    private final AtomicInteger streams = new AtomicInteger();
    private final ObjectMapper json = Snapshots.JSON;

    private DashboardServer(Releases releases, ReleaseFeed feed, HttpServer http, ExecutorService threads) {
        this.releases = releases;
        this.feed = feed;
        this.snapshots = new Snapshots(feed, Clock.systemUTC());
        this.http = http;
        this.threads = threads;
        this.guard = new RequestGuard(http.getAddress().getPort());
        http.createContext("/", this::route);
    }

    /** Binds 127.0.0.1:{@code port} (0: any free port) and serves the feed's releases; actions go through {@code releases}. */
    static DashboardServer start(Releases releases, ReleaseFeed feed, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        // Each event stream holds a thread while the page is open, hence a growing pool (capped by MAX_STREAMS).
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        DashboardServer dashboard = new DashboardServer(releases, feed, http, threads);
        http.start();
        return dashboard;
    }

    public URI uri() {
        return URI.create(guard.origin() + "/");
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cache-Control", "no-store");
            String refused = guard.refuseRead(ex.getRequestHeaders().getFirst("Host"));
            if (refused != null) {
                send(ex, 403, "text/plain; charset=utf-8", refused);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/actions")) {
                action(ex);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                h.set("Allow", "GET");
                send(ex, 405, "text/plain; charset=utf-8", method + " is not allowed here");
            } else if (path.equals("/")) {
                page(ex, "list.html");
            } else if (path.startsWith("/releases/") && path.split("/").length == 4) {
                page(ex, "release.html");
            } else if (path.equals("/events")) {
                events(ex, query(ex.getRequestURI()).get("release"));
            } else if (path.startsWith("/static/") && path.matches("/static/[a-z0-9-]+\\.(css|js|svg)")) {
                file(ex, path.substring("/static/".length()));
            } else {
                send(ex, 404, "text/plain; charset=utf-8", "no such page: " + path);
            }
        } catch (IOException e) {
            // The browser went away mid-answer.
        }
    }

    private void page(HttpExchange ex, String name) throws IOException {
        String html = resource(name);
        if (html == null) {
            send(ex, 500, "text/plain; charset=utf-8", "missing resource " + name);
            return;
        }
        send(ex, 200, TYPES.get("html"), html.replace("{{token}}", guard.token()).replace("{{scope}}", feed.scope()));
    }

    private void file(HttpExchange ex, String name) throws IOException {
        String text = resource(name);
        if (text == null) {
            send(ex, 404, "text/plain; charset=utf-8", "no such file: " + name);
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        send(ex, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), text);
    }

    private void action(HttpExchange ex) throws IOException {
        Headers in = ex.getRequestHeaders();
        String refused = guard.refuseWrite(ex.getRequestMethod(), in.getFirst("Host"), in.getFirst("Origin"),
                in.getFirst(RequestGuard.TOKEN_HEADER));
        if (refused != null) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
            }
            reply(ex, "POST".equals(ex.getRequestMethod()) ? 403 : 405, false, refused);
            return;
        }
        JsonNode body;
        try (InputStream stream = ex.getRequestBody()) {
            body = json.readTree(stream.readNBytes(16 * 1024));
        } catch (IOException e) {
            reply(ex, 400, false, "the body must be JSON: {namespace, name, action}");
            return;
        }
        String namespace = body.path("namespace").asText();
        String name = body.path("name").asText();
        String action = body.path("action").asText();
        if (!ACTIONS.contains(action)) {
            reply(ex, 400, false, "unknown action '" + action + "' (one of " + String.join(", ", ACTIONS) + ")");
            return;
        }
        if (feed.namespace() != null && !feed.namespace().equals(namespace)) {
            reply(ex, 403, false, "this dashboard serves " + feed.scope());
            return;
        }
        try {
            // The same patches as kubectl swarm promote/abort/retry/pause/resume.
            String done = switch (action) {
                case "pause", "resume" -> {
                    releases.setPaused(namespace, name, action.equals("pause"));
                    yield "swarmrelease " + name + " " + (action.equals("pause") ? "paused (spec.paused: true)" : "resumed (spec.paused: false)");
                }
                default -> {
                    releases.requestAction(namespace, name, action);
                    yield "swarmrelease " + name + ": " + action + " requested (status.lastAction will show the operator's answer)";
                }
            };
            reply(ex, 200, true, done);
        } catch (CliError e) {
            int code = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case FORBIDDEN -> 403;
                case INVALID -> 422;
                default -> 502;
            };
            reply(ex, code, false, e.getMessage());
        }
    }

    private void reply(HttpExchange ex, int code, boolean ok, String message) throws IOException {
        ObjectNode answer = json.createObjectNode().put("ok", ok).put("message", message);
        send(ex, code, "application/json", json.writeValueAsString(answer));
    }

    /** One page's event stream: the snapshot now, then again whenever it changed, and a comment every 15 s. */
    private void events(HttpExchange ex, String release) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            send(ex, 503, "text/plain; charset=utf-8", "too many open pages (" + MAX_STREAMS + ")");
            return;
        }
        LinkedBlockingQueue<Boolean> dirty = new LinkedBlockingQueue<>(1);
        Supplier<ObjectNode> snapshot;
        String event;
        if (release == null || release.isBlank()) {
            snapshot = snapshots::list;
            event = "list";
        } else {
            int slash = release.indexOf('/');
            if (slash < 1) {
                streams.decrementAndGet();
                send(ex, 400, "text/plain; charset=utf-8", "release=NAMESPACE/NAME");
                return;
            }
            String ns = release.substring(0, slash);
            String name = release.substring(slash + 1);
            snapshot = () -> snapshots.release(ns, name);
            event = "release";
        }
        String only = release == null || release.isBlank() ? null : release;
        try (AutoCloseable subscription = feed.subscribe(key -> {
            if (only == null || only.equals(key)) {
                dirty.offer(Boolean.TRUE);
            }
        })) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            String last = null;
            while (!Thread.currentThread().isInterrupted()) {
                String data = json.writeValueAsString(snapshot.get());
                if (!data.equals(last)) {
                    out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                    last = data;
                }
                out.flush();
                if (dirty.poll(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS) == null) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The page was closed.
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            streams.decrementAndGet();
        }
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }
}
