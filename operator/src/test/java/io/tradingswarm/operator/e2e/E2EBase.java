package io.tradingswarm.operator.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.testing.Crd;

/**
 * The e2e vocabulary: each test gets a fresh namespace on the local cluster and an operator in this
 * JVM watching it; {@code given/when/then} helpers apply releases and wait on conditions with
 * deadlines (never on timings). A failing test dumps what an SRE would look at.
 */
@Tag("e2e")
abstract class E2EBase {
    static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager("e2e-user").withForce(true).build();

    KubernetesClient client;
    String namespace;
    OperatorUnderTest operator;

    @RegisterExtension
    final TestWatcher dumpOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("==== " + context.getDisplayName() + " failed; cluster state in " + namespace + " ====");
            System.out.println(LocalCluster.kubectl("-n", namespace, "get", "srel,deploy,rs,pods,svc,events", "-o", "wide"));
            System.out.println(LocalCluster.kubectl("-n", namespace, "get", "srel", "-o", "yaml"));
            System.out.println("(the operator's log is above, in this test's output)");
        }
    };

    @BeforeAll
    static void installCrd() {
        try (KubernetesClient admin = LocalCluster.client()) {
            Crd.install(admin);
        }
    }

    @BeforeEach
    void startOperatorInFreshNamespace() {
        client = LocalCluster.client();
        namespace = "e2e-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        if (runsOperatorInJvm()) {
            operator = new OperatorUnderTest(namespace).start();
        }
    }

    /** Most scenarios run the operator in this JVM; a test that runs the packaged operator says false. */
    boolean runsOperatorInJvm() {
        return true;
    }

    @AfterEach
    void stopOperatorAndDeleteNamespace() {
        if (operator != null) {
            operator.close();
        }
        client.namespaces().withName(namespace).delete();
        client.close();
    }

    // ---- given / when ----

    SwarmRelease apply(SwarmRelease release) {
        release.getMetadata().setNamespace(namespace);
        release.getMetadata().setResourceVersion(null);
        release.setStatus(null);
        return client.resource(release).patch(APPLY);
    }

    /** The one-shot action, as an SRE types it. */
    void annotate(String release, String action) {
        String out = LocalCluster.kubectl("-n", namespace, "annotate", "srel", release, "tradingswarm.io/action=" + action,
                "--overwrite");
        if (!out.contains("annotated")) {
            throw new AssertionError(out);
        }
    }

    // ---- then ----

    SwarmRelease release(String name) {
        return client.resources(SwarmRelease.class).inNamespace(namespace).withName(name).get();
    }

    SwarmReleaseStatus status(String name) {
        SwarmRelease r = release(name);
        return r == null || r.getStatus() == null ? new SwarmReleaseStatus() : r.getStatus();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    int replicas(String deployment) {
        Deployment d = deployment(deployment);
        return d == null ? 0 : d.getSpec().getReplicas();
    }

    int readyReplicas(String deployment) {
        Deployment d = deployment(deployment);
        return d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }

    Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    /**
     * Waits until the Service selects the slot. The status that announces a phase is saved before the
     * writes of the same reconcile, so a Service can lag the phase that switched it by one apply.
     */
    void awaitServiceOn(String name, String slot) {
        awaitEquals(name + "'s Service on slot " + slot, slot,
                () -> service(name).getSpec().getSelector().get("tradingswarm.io/slot"));
    }

    /**
     * The trading gate as a bot reads it (docs/trading-gate.md): the ConfigMap {@code <release>-trading},
     * each slot's {@code key=value} lines by slot Deployment name; empty while it does not exist.
     */
    Map<String, Map<String, String>> gate(String release) {
        ConfigMap gate = client.configMaps().inNamespace(namespace).withName(release + "-trading").get();
        Map<String, Map<String, String>> slots = new TreeMap<>();
        if (gate != null && gate.getData() != null) {
            gate.getData().forEach((slot, file) -> {
                Map<String, String> lines = new TreeMap<>();
                file.lines().filter(l -> l.contains("=") && !l.startsWith("#"))
                        .forEach(l -> lines.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
                slots.put(slot, lines);
            });
        }
        return slots;
    }

    List<Event> events(String release) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> release.equals(e.getInvolvedObject().getName())
                        && "SwarmRelease".equals(e.getInvolvedObject().getKind()))
                .sorted((a, b) -> a.getEventTime().getTime().compareTo(b.getEventTime().getTime()))
                .toList();
    }

    List<String> eventReasons(String release) {
        return events(release).stream().map(Event::getReason).toList();
    }

    String condition(String release, String type) {
        return status(release).conditions.stream().filter(c -> c.getType().equals(type)).findFirst()
                .map(c -> c.getStatus() + "/" + c.getReason()).orElse("none");
    }

    SwarmReleaseStatus awaitPhase(String release, Phase phase) {
        await(release + " reaches phase " + phase, () -> status(release).phase == phase);
        return status(release);
    }

    /** Polls until the condition holds, or fails with the description and the release's last status. */
    void await(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + "s waiting until " + what);
    }

    /** Polls until {@code actual} gives {@code expected}, or fails showing the last value it gave. */
    <T> void awaitEquals(String what, T expected, Supplier<T> actual) {
        Instant end = Instant.now().plus(DEADLINE);
        T last = null;
        while (Instant.now().isBefore(end)) {
            last = actual.get();
            if (Objects.equals(expected, last)) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + "s waiting until " + what + "\n  expected: "
                + expected + "\n  last seen: " + last);
    }

    /** Samples a condition for a while and fails if it is ever false (an invariant, not a timing). */
    void holdsWhile(String what, BooleanSupplier invariant, BooleanSupplier until) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            if (!invariant.getAsBoolean()) {
                throw new AssertionError("violated: " + what);
            }
            if (until.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + "s while checking " + what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
