package io.tradingswarm.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.cli.e2e.Fixtures;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * The dashboard as a user meets it: {@code kubectl-swarm dashboard} and the packaged operator as
 * processes against the local cluster's apiserver (make cluster-up; KUBECONFIG or
 * .cache/cluster/kubeconfig), Debian's chromium headless as the browser. A canary run holds at a
 * {@code pause: {}} gate; the pages must show it, the buttons must move it, and nothing but the
 * page may. Writes target/dashboard.png (and docs/dashboard.png with -Ddashboard.screenshot=docs/dashboard.png).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardE2ETest {
    static final Path KUBECONFIG = Path.of(System.getenv().getOrDefault("KUBECONFIG", ".cache/cluster/kubeconfig"));
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String NAME = "trading-swarm";
    static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager("e2e-user").withForce(true).build();

    KubernetesClient client;
    String namespace;
    FakePrometheus prometheus;
    Processes.Child operator;
    Processes.Child dashboard;
    Chromium chromium;
    CdpPage page;
    URI base;

    @RegisterExtension
    final TestWatcher dumpOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("==== " + context.getDisplayName() + " failed (namespace " + namespace + ") ====");
            if (page != null) {
                System.out.println("page errors: " + page.errors);
                try {
                    System.out.println("page text:\n" + page.eval("document.body.innerText").asText());
                    page.screenshot(Path.of("cli", "target", "dashboard-failure.png"));
                } catch (RuntimeException | IOException e) {
                    System.out.println("(no page text: " + e.getMessage() + ")");
                }
            }
            if (client != null) {
                SwarmRelease r = client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
                System.out.println("release status: " + (r == null ? "none" : io.fabric8.kubernetes.client.utils.Serialization
                        .asYaml(r.getStatus())));
            }
            System.out.println("---- dashboard log ----\n" + (dashboard == null ? "-" : dashboard.log()));
            System.out.println("---- operator log ----\n" + (operator == null ? "-" : operator.log()));
            System.out.println("---- chromium log ----\n" + (chromium == null ? "-" : chromium.log()));
        }
    };

    @BeforeAll
    void start() throws Exception {
        // First the browser: without it the suite fails here, saying how to install it (never a skip).
        chromium = Chromium.launch();
        if (!Files.isReadable(KUBECONFIG)) {
            throw new IllegalStateException(KUBECONFIG + " not found: start the local cluster with `make cluster-up` "
                    + "(or run the suite with `make e2e`)");
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(KUBECONFIG))).build();
        Fixtures.installCrd(client);
        namespace = "dash-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        System.out.println("[dashboard-e2e] " + chromium.version() + ", namespace " + namespace);
        prometheus = new FakePrometheus();
        operator = Processes.operator(KUBECONFIG, namespace);
        dashboard = Processes.dashboard("--kubeconfig", KUBECONFIG.toString(), "-n", namespace);
        base = Processes.url(dashboard);
        page = chromium.newPage();
        page.viewport(1280, 900, false);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {page, chromium, dashboard, operator, prometheus}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.out.println("[dashboard-e2e] closing " + c + ": " + e);
                }
            }
        }
        if (client != null) {
            if (namespace != null) {
                client.namespaces().withName(namespace).delete();
            }
            client.close();
        }
    }

    // ---- the scenario, in order: a canary run held at a gate, seen, steered ----

    @Test
    @Order(1)
    void theListShowsARunningCanary() {
        apply(release("v1"));
        awaitStatus("v1 is stable", s -> s.phase == Phase.Succeeded);
        apply(release("v2"));
        SwarmReleaseStatus held = awaitStatus("v2 waits at the first gate", s -> s.phase == Phase.Paused && "v2".equals(s.version)
                && s.currentStep != null && s.currentStep == 1);

        page.navigate(base.toString());
        String row = "document.querySelector('tr[data-release=\"" + namespace + "/" + NAME + "\"]')";
        page.await("the row shows the gate", row + " && " + row + ".textContent.includes('Paused')", DEADLINE);
        assertEquals("Releases", page.text("h1"));
        assertEquals("Paused", cell(row, "phase").replaceAll("^\\W+", ""));
        assertEquals(held.step, cell(row, "step"));
        assertEquals(held.weight + "%", cell(row, "weight"));
        assertEquals("v2", cell(row, "version"));
        assertEquals("v1", cell(row, "stable"));
        page.click("a[href='/releases/" + namespace + "/" + NAME + "']");
        page.awaitEvent("Page.loadEventFired", Duration.ofSeconds(30));
        page.await("the release page renders", "document.body.dataset.ready === 'true'", DEADLINE);
        assertEquals(NAME, page.text("h1"));
        assertNoPageErrors();
    }

    @Test
    @Order(2)
    void theReleasePageShowsStepsSlotsAndProbes() throws Exception {
        openRelease();
        SwarmReleaseStatus s = status();
        assertTrue(page.text("#phase").endsWith("Paused"), page.text("#phase"));
        assertEquals(s.weight + "%", page.text("#weight-text"));
        assertEquals(String.valueOf(s.weight), page.eval("document.getElementById('weight-meter').getAttribute('aria-valuenow')").asText());
        // The timeline: steps 1 done, 2 current (the gate), the rest to do; marked in text, not only colour.
        JsonNode steps = page.eval("[...document.querySelectorAll('#steps li')].map(li => [li.className, li.getAttribute('aria-current'), li.textContent])");
        assertEquals(5, steps.size(), steps.toString());
        assertTrue(steps.get(0).get(0).asText().contains("done"), steps.toString());
        assertEquals("step", steps.get(1).get(1).asText(), steps.toString());
        assertTrue(steps.get(1).get(2).asText().contains("pause until promote") && steps.get(1).get(2).asText().contains("current"),
                steps.toString());
        assertTrue(steps.get(2).get(2).asText().contains("to do"), steps.toString());
        // Every slot of every bot, as the cluster has it: version, ready/desired, and its state in the trading gate.
        List<Deployment> slots = client.apps().deployments().inNamespace(namespace).withLabel("tradingswarm.io/release", NAME)
                .list().getItems();
        assertEquals(4, slots.size(), "two bots, two slots each");
        for (Deployment d : slots) {
            String name = d.getMetadata().getName();
            await(name + " shows its version and replicas as the cluster has them", () -> {
                Deployment now = client.apps().deployments().inNamespace(namespace).withName(name).get();
                int ready = now.getStatus() == null || now.getStatus().getReadyReplicas() == null ? 0 : now.getStatus().getReadyReplicas();
                var trading = status().trading == null ? null : status().trading.get(name);
                String expected = "[\"" + now.getMetadata().getLabels().get("app.kubernetes.io/version") + "\",\"" + ready + "/"
                        + now.getSpec().getReplicas() + "\",\"" + (trading == null ? "-" : trading.word()) + "\"]";
                JsonNode shown = page.eval("(() => { const r = [...document.querySelectorAll('#bots tbody tr')]"
                        + ".find(tr => tr.querySelector('th').textContent === '" + name + "'); if (!r) return null;"
                        + " const c = [...r.querySelectorAll('td')].map(td => td.textContent); return [c[1], c[2].split(' ')[0], c[3]]; })()");
                return expected.equals(shown.toString());
            });
        }
        assertTrue(page.text("#bots").contains("maker") && page.text("#bots").contains("arb"), page.text("#bots"));
        // Each probe's values over the run, drawn from the series the server keeps.
        for (String probe : List.of("error-rate", "latency-p99")) {
            page.await(probe + " has a chart with a few values",
                    "(() => { const f = document.querySelector('figure[data-probe=\"" + probe + "\"]');"
                            + " return f && f.querySelectorAll('svg .mark').length >= 3; })()", DEADLINE);
            assertTrue(page.eval("document.querySelector('figure[data-probe=\"" + probe + "\"] svg').getAttribute('aria-label')")
                    .asText().matches("Probe " + probe + ": \\d+ values, last .*"));
        }
        assertTrue(page.text("#dora").contains("Change failure rate"), page.text("#dora"));
        assertTrue(page.text("#history").contains("v1") && page.text("#history").contains("Succeeded"), page.text("#history"));
        assertEquals("No rollback.", page.text("#rollback"));
        // The screenshot docs/ uses: the release page during the canary run, once the charts have a few seconds of values.
        page.await("the charts have ten values each", "[...document.querySelectorAll('figure[data-probe]')]"
                + ".every(f => f.querySelectorAll('svg .mark').length >= 10)", DEADLINE);
        Path shot = Path.of("cli", "target", "dashboard.png");
        page.screenshot(shot);
        String keep = System.getProperty("dashboard.screenshot");
        if (keep != null && !keep.isBlank()) {
            Files.copy(shot, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[dashboard-e2e] screenshot written to " + keep);
        }
        assertNoPageErrors();
    }

    @Test
    @Order(3)
    void firstPaintOfTheReleasePage() {
        List<Double> paints = new ArrayList<>();
        List<Double> renders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            openRelease();
            // The entry may land a moment after the load event: wait for it with a buffered observer.
            paints.add(page.eval("new Promise(done => new PerformanceObserver((list, o) => {"
                    + " const e = list.getEntries().find(x => x.name === 'first-contentful-paint');"
                    + " if (e) { o.disconnect(); done(e.startTime); } }).observe({type: 'paint', buffered: true}))").asDouble());
            renders.add(page.eval("performance.getEntriesByName('swarm:first-render')[0].startTime").asDouble());
        }
        System.out.printf(Locale.ROOT, "[dashboard-e2e] release page in headless chromium: first-contentful-paint %s ms"
                + " (median %.0f ms of 5 loads); first render with the release's state %s ms (median %.0f ms)%n",
                rounded(paints), median(paints), rounded(renders), median(renders));
        assertTrue(median(paints) < 2000, "first paint within 2 s: " + paints);
    }

    @Test
    @Order(4)
    void anotherSiteCannotReadOrDriveIt() throws Exception {
        SwarmReleaseStatus before = status();
        // Over the wire: only Host 127.0.0.1:PORT is served (DNS rebinding), actions need POST, Origin and the token.
        assertTrue(raw("GET / HTTP/1.1\r\nHost: rebound.example:" + base.getPort() + "\r\n\r\n").startsWith("HTTP/1.1 403"));
        assertTrue(raw("GET /actions HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n\r\n").startsWith("HTTP/1.1 405"));
        String body = "{\"namespace\":\"" + namespace + "\",\"name\":\"" + NAME + "\",\"action\":\"abort\"}";
        assertTrue(raw("POST /actions HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\nOrigin: " + origin()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .startsWith("HTTP/1.1 403"), "no token");
        // In the browser: a page of another origin (another port) tries a form post, a no-cors fetch and a read.
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String html = "<!doctype html><title>evil</title><form id=f method=post action='" + base + "actions'"
                + " enctype=text/plain target=sink><input name='{\"namespace\":\"" + namespace + "\",\"name\":\"" + NAME
                + "\",\"action\":\"abort\",\"x\":\"' value='\"}'></form><iframe name=sink></iframe><script>"
                + "window.results = {};"
                + "fetch('" + base + "actions', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},"
                + " body: JSON.stringify({namespace: '" + namespace + "', name: '" + NAME + "', action: 'abort'})})"
                + ".then(() => results.post = 'sent', e => results.post = 'error');"
                + "fetch('" + base + "').then(r => r.text()).then(t => results.read = t.slice(0, 40), e => results.read = 'blocked');"
                + "document.getElementById('f').submit();</script>";
        evil.createContext("/", ex -> {
            byte[] b = html.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        evil.start();
        try {
            CdpPage other = chromium.newPage();
            other.navigate("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            other.await("the other page's requests are done", "window.results && results.post && results.read", DEADLINE);
            assertEquals("blocked", other.eval("results.read").asText(), "another origin cannot read the dashboard");
            other.close();
        } finally {
            evil.stop(0);
            page.bringToFront();
        }
        Thread.sleep(1500);
        SwarmRelease after = release();
        assertNull(annotation(after), "no action annotation landed");
        assertEquals(before.phase, after.getStatus().phase);
        assertEquals(before.lastAction == null ? null : before.lastAction.requestId,
                after.getStatus().lastAction == null ? null : after.getStatus().lastAction.requestId);
    }

    @Test
    @Order(5)
    void pauseAndResumeFromThePage() {
        openRelease();
        page.click("#pause-resume");
        confirm("Pause");
        await("spec.paused is set", () -> Boolean.TRUE.equals(release().getSpec().paused));
        page.await("the button offers Resume", "document.getElementById('pause-resume').textContent === 'Resume'", DEADLINE);
        page.click("#pause-resume");
        confirm("Resume");
        await("spec.paused is cleared", () -> !Boolean.TRUE.equals(release().getSpec().paused));
        page.await("the button offers Pause again", "document.getElementById('pause-resume').textContent === 'Pause'", DEADLINE);
        assertNoPageErrors();
    }

    @Test
    @Order(6)
    void promoteWithConfirmationMovesTheRelease() {
        openRelease();
        SwarmReleaseStatus before = status();
        // Escape cancels: nothing is sent, focus goes back to the button.
        page.click("button[data-action='promote']");
        page.await("the dialog is open", "document.getElementById('confirm').open", DEADLINE);
        assertTrue(page.eval("document.getElementById('confirm').contains(document.activeElement)").asBoolean(),
                "focus moves into the dialog");
        page.send("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", "Escape", "code", "Escape", "windowsVirtualKeyCode", 27));
        page.send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Escape", "code", "Escape", "windowsVirtualKeyCode", 27));
        page.await("the dialog is closed", "!document.getElementById('confirm').open", DEADLINE);
        assertEquals("promote", page.eval("document.activeElement.dataset.action").asText(), "focus returns to Promote");
        assertNull(annotation(release()), "cancelled: nothing sent");

        page.click("button[data-action='promote']");
        String question = confirm("Promote");
        assertTrue(question.contains(namespace + "/" + NAME) && question.contains("step " + before.step), question);
        await("the operator handled promote", () -> {
            SwarmReleaseStatus s = status();
            return s.lastAction != null && "promote".equals(s.lastAction.action) && "Applied".equals(s.lastAction.result);
        });
        SwarmReleaseStatus moved = awaitStatus("the run moved to the next gate", s -> s.phase == Phase.Paused
                && s.currentStep != null && s.currentStep == 3);
        // The page follows by itself (server-sent events), no reload.
        page.await("the page shows the next gate", "document.getElementById('weight-text').textContent === '" + moved.weight
                + "%' && document.querySelector('#steps li[aria-current=step] .step-text').textContent.startsWith('4.')", DEADLINE);
        assertTrue(moved.weight > before.weight, before.weight + " -> " + moved.weight);
        page.await("the last action shows", "document.getElementById('last-action').textContent.includes('promote, Applied')",
                DEADLINE);
        assertNoPageErrors();
    }

    @Test
    @Order(7)
    void readableOnAPhone() throws Exception {
        page.viewport(390, 844, true);
        try {
            openRelease();
            assertEquals(390, page.eval("window.innerWidth").asInt(), "the phone's viewport");
            page.screenshot(Path.of("cli", "target", "dashboard-phone.png"));
            assertTrue(page.eval("document.documentElement.scrollWidth").asInt() <= 390, "no sideways scrolling at 390 px, "
                    + "too wide: " + page.eval("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
                            + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"));
            JsonNode buttons = page.eval("[...document.querySelectorAll('.actions button')].map(b => { const r = b.getBoundingClientRect();"
                    + " return [r.left >= 0 && r.right <= 390, r.height >= 40]; })");
            buttons.forEach(b -> assertTrue(b.get(0).asBoolean() && b.get(1).asBoolean(), "buttons fit and are tappable: " + buttons));
            page.navigate(base.toString());
            page.await("the list renders", "document.querySelector('#releases tbody tr')", DEADLINE);
            assertTrue(page.eval("document.documentElement.scrollWidth").asInt() <= 390, "the list fits too");
        } finally {
            page.viewport(1280, 900, false);
        }
    }

    @Test
    @Order(8)
    void landmarksHeadingsAndLabels() {
        openRelease();
        JsonNode a11y = page.eval("({"
                + "landmarks: ['header', 'nav', 'main', 'footer'].map(t => document.querySelectorAll(t).length),"
                + "h1: document.querySelectorAll('h1').length,"
                + "unlabelledSections: [...document.querySelectorAll('section')].filter(s => !s.getAttribute('aria-labelledby')).length,"
                + "unnamedButtons: [...document.querySelectorAll('button')].filter(b => !b.textContent.trim()).length,"
                + "live: document.querySelectorAll('[aria-live], [role=status]').length,"
                + "firstTab: document.querySelector('a, button, [tabindex]').className,"
                + "lang: document.documentElement.lang,"
                + "unnamedCharts: [...document.querySelectorAll('svg')].filter(s => !s.getAttribute('aria-label')).length"
                + "})");
        assertEquals("[1,1,1,1]", a11y.get("landmarks").toString(), a11y.toString());
        assertEquals(1, a11y.get("h1").asInt());
        assertEquals(0, a11y.get("unlabelledSections").asInt());
        assertEquals(0, a11y.get("unnamedButtons").asInt());
        assertTrue(a11y.get("live").asInt() >= 3, a11y.toString());
        assertEquals("skip", a11y.get("firstTab").asText(), "the first stop is the skip link");
        assertEquals("en", a11y.get("lang").asText());
        assertEquals(0, a11y.get("unnamedCharts").asInt());
    }

    @Test
    @Order(9)
    void abortRollsBackAndThePageSaysWhyAndHowLong() {
        openRelease();
        page.click("button[data-action='abort']");
        assertTrue(confirm("Abort").contains("rolls back now"));
        SwarmReleaseStatus s = awaitStatus("the run rolled back", x -> x.phase == Phase.RolledBack && x.rollback != null
                && x.rollback.seconds != null);
        page.await("the page shows the rollback", "document.getElementById('rollback').textContent.includes('"
                + s.rollback.reason + "') && document.getElementById('phase').textContent.includes('RolledBack')", DEADLINE);
        assertTrue(page.text("#rollback").contains("Traffic restored in"), page.text("#rollback"));
        // DORA over the history: v1 succeeded, v2 rolled back; the rollback's seconds are the time to restore.
        page.await("the history shows the rolled-back run", "document.getElementById('history').textContent.includes('RolledBack')",
                DEADLINE);
        String dora = page.text("#dora");
        assertTrue(dora.contains("50% (1 of 2)"), dora);
        assertTrue(dora.contains("(1 rollback)"), dora);
        assertFalse(page.eval("document.querySelector('button[data-action=retry]').disabled").asBoolean(),
                "Retry is offered after a rollback");
        assertNoPageErrors();
    }

    // ---- helpers ----

    void openRelease() {
        page.navigate(base + "releases/" + namespace + "/" + NAME);
        page.await("the release page renders", "document.body.dataset.ready === 'true'", DEADLINE);
    }

    /** Clicks the dialog's confirm button (named after the action); returns the question it asked. */
    String confirm(String verb) {
        page.await("the confirmation dialog is open", "document.getElementById('confirm').open", DEADLINE);
        String question = page.text("#confirm-text");
        assertEquals(verb, page.text("#confirm-button"));
        page.click("#confirm-button");
        page.await("the dashboard answered", "document.getElementById('action-result').dataset.state === 'ok'"
                + " || document.getElementById('action-result').dataset.state === 'error'", DEADLINE);
        assertEquals("ok", page.eval("document.getElementById('action-result').dataset.state").asText(), page.text("#action-result"));
        return question;
    }

    String cell(String row, String column) {
        return page.eval(row + ".querySelector('[data-col=\"" + column + "\"]').textContent").asText();
    }

    void assertNoPageErrors() {
        assertTrue(page.errors.isEmpty(), "the page logged errors: " + page.errors);
    }

    String origin() {
        return "http://127.0.0.1:" + base.getPort();
    }

    /** One raw HTTP/1.1 exchange (a Host header of our choosing); returns the status line and headers. */
    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    SwarmRelease release() {
        return client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
    }

    SwarmReleaseStatus status() {
        SwarmRelease r = release();
        return r == null || r.getStatus() == null ? new SwarmReleaseStatus() : r.getStatus();
    }

    static String annotation(SwarmRelease r) {
        Map<String, String> a = r.getMetadata().getAnnotations();
        return a == null ? null : a.getOrDefault("tradingswarm.io/action", a.get("tradingswarm.io/action-request"));
    }

    SwarmReleaseStatus awaitStatus(String what, java.util.function.Predicate<SwarmReleaseStatus> condition) {
        await(what, () -> condition.test(status()));
        return status();
    }

    void await(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + "s waiting until " + what);
    }

    void apply(SwarmRelease release) {
        release.getMetadata().setNamespace(namespace);
        client.resource(release).patch(APPLY);
    }

    /** Two bots, a canary that stops at two gates, and two background probes read from the fake Prometheus. */
    SwarmRelease release(String version) {
        SwarmRelease release = new SwarmRelease();
        release.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = version;
        spec.progressDeadline = "60s";
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "3s";
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = new ArrayList<>(List.of(CanaryStep.weight(25), CanaryStep.pause(null),
                CanaryStep.weight(50), CanaryStep.pause(null), CanaryStep.weight(100)));
        Map<String, Integer> bots = new LinkedHashMap<>();
        bots.put("maker", 4);
        bots.put("arb", 2);
        spec.bots = new ArrayList<>();
        bots.forEach((name, replicas) -> spec.bots.add(bot(name, replicas, version)));
        spec.probes = new ArrayList<>(List.of(probe("error-rate", "sum(rate(errors_total[1m])) / sum(rate(orders_total[1m]))", 0.05),
                probe("latency-p99", "histogram_quantile(0.99, sum by (le) (rate(order_latency_ms_bucket[1m])))", 250.0)));
        spec.backgroundProbes = new ArrayList<>(List.of("error-rate", "latency-p99"));
        release.setSpec(spec);
        return release;
    }

    ProbeSpec probe(String name, String query, double max) {
        ProbeSpec p = new ProbeSpec();
        p.name = name;
        p.interval = "1s";
        p.timeout = "2s";
        p.prometheus = new PrometheusProbe();
        p.prometheus.address = prometheus.address();
        p.prometheus.query = query;
        p.prometheus.max = max;
        return p;
    }

    static Bot bot(String name, int replicas, String version) {
        Bot bot = new Bot();
        bot.name = name;
        bot.replicas = replicas;
        bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("bot")
                .withImage("trading/" + name + ":" + version).endContainer().endSpec().build();
        bot.service = new BotService();
        bot.service.ports = List.of(new ServicePortBuilder().withName("http").withPort(80).build());
        return bot;
    }

    static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
