package io.tradingswarm.cli.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One browser tab driven over the Chrome DevTools Protocol with the JDK's WebSocket client: just
 * the commands the dashboard's tests use (navigate, evaluate, a real mouse click, viewport,
 * screenshot), and every uncaught page exception recorded so a test can fail on it.
 */
final class CdpPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    /** Uncaught exceptions, console errors and browser errors (CSP, failed loads) of the page, as text. */
    final List<String> errors = new CopyOnWriteArrayList<>();

    private final Runnable closeTab;

    private CdpPage(WebSocket socket, Runnable closeTab) {
        this.socket = socket;
        this.closeTab = closeTab;
    }

    static CdpPage attach(HttpClient http, URI webSocketUrl, Runnable closeTab) {
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(webSocketUrl, listener).join();
        CdpPage page = new CdpPage(socket, closeTab);
        listener.page = page;
        page.send("Page.enable", Map.of());
        page.send("Runtime.enable", Map.of());
        page.send("Log.enable", Map.of());
        return page;
    }

    /** Sends a command and waits for its result; a protocol error fails the test with the message. */
    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pending.remove(id);
        }
    }

    /** Loads the URL and waits for its load event. */
    void navigate(String url) {
        events.clear();
        JsonNode result = send("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        awaitEvent("Page.loadEventFired", Duration.ofSeconds(30));
    }

    /** Evaluates an expression (awaiting a promise) and returns its JSON value. */
    JsonNode eval(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page threw evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    String text(String selector) {
        return eval("(() => { const e = document.querySelector(" + js(selector) + "); return e ? e.textContent.trim() : null; })()")
                .asText(null);
    }

    /** Waits until the expression is truthy in the page, or fails naming it. */
    void await(String what, String expression, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (eval("!!(" + expression + ")").asBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting until " + what + " (" + expression
                + ")");
    }

    /** A real mouse click in the middle of the element, after scrolling it into view: it must be visible and on top. */
    void click(String selector) {
        JsonNode box = eval("(() => { const e = document.querySelector(" + js(selector) + "); if (!e) return null;"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + " const top = document.elementFromPoint(x, y);"
                + " return {x, y, onTop: !!top && (top === e || e.contains(top)), w: r.width, h: r.height}; })()");
        if (box.isNull() || box.isMissingNode()) {
            throw new AssertionError("no element " + selector);
        }
        if (box.get("w").asDouble() == 0 || !box.get("onTop").asBoolean()) {
            throw new AssertionError(selector + " is not visible or is covered: " + box);
        }
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(), "y", box.get("y").asDouble(),
                    "button", "left", "clickCount", 1));
        }
    }

    /** Emulates a screen of this CSS width and height (a laptop, a phone). */
    void viewport(int width, int height, boolean mobile) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    /** A PNG of the whole page (beyond the viewport), written to {@code file}. */
    void screenshot(Path file) throws IOException {
        JsonNode metrics = send("Page.getLayoutMetrics", Map.of());
        JsonNode size = metrics.path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(),
                "height", size.get("height").asDouble(), "scale", 1);
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    JsonNode awaitEvent(String method, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            for (JsonNode e : events) {
                if (method.equals(e.path("method").asText())) {
                    events.remove(e);
                    return e.path("params");
                }
            }
            sleep(20);
        }
        throw new AssertionError("no " + method + " within " + timeout.toSeconds() + "s");
    }

    /** Makes this the visible tab: a hidden one throttles timers and holds back some events. */
    void bringToFront() {
        send("Page.bringToFront", Map.of());
    }

    /** Closes the connection and the tab. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            closeTab.run();
        }
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
                return;
            }
            String method = message.path("method").asText();
            if (method.equals("Runtime.exceptionThrown")) {
                JsonNode d = message.path("params").path("exceptionDetails");
                errors.add(d.path("exception").path("description").asText(d.path("text").asText()));
            } else if (method.equals("Runtime.consoleAPICalled") && "error".equals(message.path("params").path("type").asText())) {
                errors.add("console.error: " + message.path("params").path("args"));
            } else if (method.equals("Log.entryAdded") && "error".equals(message.path("params").path("entry").path("level").asText())) {
                JsonNode entry = message.path("params").path("entry");
                errors.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " " + entry.path("url").asText(""));
            } else if (method.startsWith("Page.")) {
                events.add(message);
            }
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + e);
        }
    }

    private static String js(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Joins a message's frames and hands whole messages to the page. */
    private static final class Listener implements WebSocket.Listener {
        volatile CdpPage page;
        private final StringBuilder buffer = new StringBuilder();
        private final List<String> early = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                CdpPage p = page;
                if (p == null) {
                    early.add(text);
                } else {
                    early.forEach(p::received);
                    early.clear();
                    p.received(text);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
