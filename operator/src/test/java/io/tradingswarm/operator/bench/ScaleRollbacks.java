package io.tradingswarm.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.e2e.ProbeServer;
import io.tradingswarm.operator.planner.Slot;

/**
 * The rollback releases of make bench-scale ({@code BENCH_SCALE_ROLLBACKS=k}): k releases of
 * RollbackBench's canary (2 bots with 4 and 2 replicas, setWeight 50, then an analysis of an HTTP
 * probe measured every second), each in a namespace of its own with a {@link ProbeServer} of its
 * own in this JVM; routed through an HTTPRoute per bot when the bench runs with
 * {@code -Dstrategy=gatewayAPI}, as RollbackBench does. They are released before the N and bumped
 * together with them. Once a third of the N are done, or {@link #FLIPS_AFTER} after the bump's start
 * if that comes first, one endpoint turns to 500 every {@link #SPACING} (later when its release is
 * not in its analysis step yet): each rollback is a measurement of its own, under the load of the N
 * runs. The reaction as RollbackBench has it: {@code status.rollback.seconds} (the failing
 * measurement to every stable slot full and ready, weight 0); and the wall time to phase RolledBack
 * seen by this client, through a watch (polling as RollbackBench does would add k GETs every 20 ms
 * to the load), from the endpoint turning bad and from its first failing answer. By replica ratio
 * also the operator's own part, which waits for no pod: from the first failing answer to its rollback
 * writes as a client's watches see them (every bot's Service pinned to the stable slot, every stable
 * Deployment asking for its full replicas).
 */
final class ScaleRollbacks implements AutoCloseable {
    static final String FIRST = "v0";
    static final String NEXT = "v1";
    static final String NAMESPACE_PREFIX = "scale-rollback-";
    static final Duration FLIPS_AFTER = Duration.ofSeconds(60);
    static final Duration SPACING = Duration.ofSeconds(5);
    /** Under load the runs wait long for their pods: RollbackBench's 60 s deadline would fail them. */
    static final String PROGRESS_DEADLINE = "30m";
    /** The index of the analysis step in status.currentStep (after setWeight 50). */
    static final int ANALYSIS_STEP = 1;
    static final String LABEL = "scale-bench/rollback";
    static final Set<Phase> OVER = Set.of(Phase.Succeeded, Phase.RolledBack, Phase.Degraded, Phase.InvalidSpec);

    private final KubernetesClient client;
    private final List<Target> targets;
    private SharedIndexInformer<SwarmRelease> informer;
    private Thread flips;
    private int n;
    private volatile String flipsFrom = "";

    ScaleRollbacks(KubernetesClient client, int count) {
        this.client = client;
        this.targets = IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Target(String.format(Locale.ROOT, "%s%02d", NAMESPACE_PREFIX, i))).toList();
    }

    boolean any() {
        return !targets.isEmpty();
    }

    /** Their namespaces: the bench does not count the operator's requests on their objects as the N's. */
    Set<String> namespaces() {
        return targets.stream().map(t -> t.namespace).collect(Collectors.toSet());
    }

    /** Creates them at {@value #FIRST} and waits until each is Succeeded there. */
    void releaseFirst(Duration deadline) throws InterruptedException {
        if (!any()) {
            return;
        }
        informer = client.resources(SwarmRelease.class).inAnyNamespace().withLabel(LABEL).inform(onAddOrUpdate(this::seen));
        for (Target t : targets) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(t.namespace).endMetadata().build())
                    .serverSideApply();
            apply(t, FIRST);
            if (!RollbackBench.ROUTED) {
                t.watchWrites();
            }
        }
        if (!until(() -> targets.stream().allMatch(t -> {
            SwarmReleaseStatus s = t.status();
            return s != null && s.phase == Phase.Succeeded && FIRST.equals(s.stableVersion);
        }), Instant.now().plus(deadline))) {
            throw new IllegalStateException("the rollback releases were not Succeeded at " + FIRST + " within " + deadline);
        }
    }

    /**
     * Bumps them to {@value #NEXT}, then turns their endpoints bad one by one, in a thread of its own
     * (see the class comment).
     *
     * @param done how many of the N are done
     */
    void bumpAndFlip(Instant bumpStart, IntSupplier done, int n, Instant deadline) {
        if (!any()) {
            return;
        }
        this.n = n;
        targets.forEach(t -> apply(t, NEXT));
        flips = new Thread(() -> {
            try {
                until(() -> 3 * done.getAsInt() >= n || !Instant.now().isBefore(bumpStart.plus(FLIPS_AFTER)), deadline);
                flipsFrom = String.format(Locale.ROOT, "%.1f s after the bump's start, %d/%d done", ScaleBench.seconds(bumpStart,
                        Instant.now()), done.getAsInt(), n);
                for (Target t : targets) {
                    if (until(() -> inAnalysis(t.status()) || over(t.status()), deadline) && inAnalysis(t.status())) {
                        t.doneAtFlip = done.getAsInt();
                        t.stableSlot = Slot.valueOf(t.status().stableSlot);
                        t.turnedBad = Instant.now();
                        t.health.status.set(500);
                        Thread.sleep(SPACING.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rollback-flips");
        flips.setDaemon(true);
        flips.start();
    }

    /** Every endpoint that could be turned bad was, and every such release has rolled back and its writes were seen. */
    boolean measured() {
        return flips == null || !flips.isAlive() && targets.stream().allMatch(t -> t.turnedBad == null
                || t.reaction != null && (RollbackBench.ROUTED || t.written != null));
    }

    private static boolean inAnalysis(SwarmReleaseStatus s) {
        return RollbackBench.analysing(s, NEXT) && Objects.equals(s.currentStep, ANALYSIS_STEP);
    }

    /** Its run to NEXT ended before its endpoint could be turned bad. */
    private static boolean over(SwarmReleaseStatus s) {
        return s != null && NEXT.equals(s.version) && OVER.contains(s.phase);
    }

    private void seen(SwarmRelease release) {
        SwarmReleaseStatus s = release.getStatus();
        targets.stream().filter(t -> t.namespace.equals(release.getMetadata().getNamespace())).findFirst().ifPresent(t -> {
            if (t.turnedBad != null && t.reaction == null && s != null && s.phase == Phase.RolledBack && NEXT.equals(s.version)
                    && s.rollback != null && s.rollback.seconds != null) {
                Instant seenAt = Instant.now();
                Instant failed = t.health.firstFailure.get();
                t.reaction = new Reaction(s.rollback.seconds, ScaleBench.seconds(t.turnedBad, seenAt),
                        failed == null ? null : ScaleBench.seconds(failed, seenAt));
            }
        });
    }

    private static <T> ResourceEventHandler<T> onAddOrUpdate(Consumer<T> seen) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen.accept(obj);
            }

            @Override
            public void onUpdate(T old, T obj) {
                seen.accept(obj);
            }

            @Override
            public void onDelete(T obj, boolean unknownFinalState) {
            }
        };
    }

    private void apply(Target t, String version) {
        SwarmRelease release = RollbackBench.release(version, t.health.url());
        release.getSpec().progressDeadline = PROGRESS_DEADLINE;
        release.getMetadata().setLabels(Map.of(LABEL, "true"));
        RollbackBench.apply(client, t.namespace, release);
    }

    private static boolean until(BooleanSupplier condition, Instant deadline) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The report's lines: p50/p99/max of both reactions, and what was not measured. */
    String report() {
        if (!any()) {
            return "";
        }
        List<Reaction> reactions = targets.stream().map(t -> t.reaction).filter(Objects::nonNull).toList();
        List<Target> flipped = targets.stream().filter(t -> t.turnedBad != null).toList();
        StringBuilder lines = new StringBuilder(String.format(Locale.ROOT,
                "  rollback reaction under the bump: %d releases of RollbackBench's %s canary (2 bots, 4+2 replicas, HTTP probe every 1 s),"
                        + " namespaces %s01.., one endpoint turned to 500 every %d s from %s; %d turned bad, %d rolled back%n",
                targets.size(), RollbackBench.ROUTED ? "routed (an HTTPRoute per bot, the stable slot kept full)" : "replica-ratio",
                NAMESPACE_PREFIX, SPACING.toSeconds(), flipsFrom.isEmpty() ? "(never)" : flipsFrom, flipped.size(),
                reactions.size()));
        if (!flipped.isEmpty()) {
            lines.append(String.format(Locale.ROOT, "    in flip order, status.rollback.seconds / endpoint bad -> RolledBack seen%s"
                    + " (N done at the flip): %s%n", RollbackBench.ROUTED ? "" : " / first failing answer -> rollback writes seen",
                    flipped.stream().map(t -> t.figures() + " (" + t.doneAtFlip + "/" + n + ")").collect(Collectors.joining(", "))));
        }
        if (!reactions.isEmpty()) {
            lines.append(distribution("failing measurement -> weight 0 and stable full (status.rollback.seconds)",
                    reactions.stream().map(Reaction::seconds).toList()));
            lines.append(distribution("endpoint turns bad -> RolledBack seen by a client (includes up to 1 s until measured)",
                    reactions.stream().map(Reaction::wall).toList()));
            lines.append(distribution("first failing answer sent -> RolledBack seen by a client",
                    reactions.stream().map(Reaction::answered).filter(Objects::nonNull).toList()));
            List<Double> writes = flipped.stream().map(t -> t.written).filter(Objects::nonNull).toList();
            if (!writes.isEmpty()) {
                lines.append(distribution("first failing answer sent -> the operator's rollback writes seen by a client"
                        + " (Services pinned to the stable slot, stable Deployments at full replicas)", writes));
            }
        }
        targets.stream().filter(t -> t.reaction == null).forEach(t -> lines.append(String.format(Locale.ROOT,
                "    NOT MEASURED %s: %s, phase %s, step %s%n", t.namespace, t.turnedBad == null ? "never in its analysis step"
                        : "turned bad, never RolledBack", t.status() == null ? "-" : t.status().phase,
                t.status() == null ? "-" : t.status().currentStep)));
        return lines.toString();
    }

    private static String distribution(String what, List<Double> values) {
        return String.format(Locale.ROOT, "    %s: p50 %.3f s, p99 %.3f s, max %.3f s (%d runs)%n", what,
                RollbackBench.percentile(values, 50), RollbackBench.percentile(values, 99), RollbackBench.percentile(values, 100),
                values.size());
    }

    @Override
    public void close() {
        if (flips != null) {
            flips.interrupt();
        }
        if (informer != null) {
            informer.close();
        }
        targets.forEach(Target::close);
    }

    /** A rollback release: its namespace, its endpoint, when the endpoint turned bad and the reaction. */
    private final class Target {
        final String namespace;
        final ProbeServer health;
        volatile Instant turnedBad;
        volatile Slot stableSlot;
        volatile int doneAtFlip;
        volatile Reaction reaction;
        /** The first failing answer to the operator's rollback writes, seen by this client; null until then. */
        volatile Double written;
        private SharedIndexInformer<Service> services;
        private SharedIndexInformer<Deployment> deployments;

        Target(String namespace) {
            this.namespace = namespace;
            try {
                this.health = new ProbeServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SwarmReleaseStatus status() {
            SwarmRelease r = release();
            return r == null ? null : r.getStatus();
        }

        private SwarmRelease release() {
            return informer == null ? null : informer.getIndexer().getByKey(namespace + "/bench");
        }

        /** Its reaction in the report's flip-order line: rollback seconds / RolledBack seen [/ writes seen]. */
        String figures() {
            String reacted = reaction == null ? "-"
                    : String.format(Locale.ROOT, "%.3f/%.3f", reaction.seconds(), reaction.wall());
            if (RollbackBench.ROUTED) {
                return reacted;
            }
            return reacted + (written == null ? "/-" : String.format(Locale.ROOT, "/%.3f", written));
        }

        /** Called on every Service and Deployment change in the namespace: times the rollback writes once. */
        synchronized void checkWritten() {
            Instant failed = health.firstFailure.get();
            SwarmRelease r = release();
            if (written != null || failed == null || stableSlot == null || r == null) {
                return;
            }
            if (r.getSpec().bots.stream().allMatch(this::onStable)) {
                written = ScaleBench.seconds(failed, Instant.now());
            }
        }

        private boolean onStable(Bot bot) {
            Service service = services.getIndexer().getByKey(namespace + "/" + bot.name);
            Deployment stable = deployments.getIndexer().getByKey(namespace + "/" + stableSlot.of(bot.name));
            return service != null && stableSlot.name().equals(service.getSpec().getSelector().get(Labels.SLOT))
                    && stable != null && Objects.equals(stable.getSpec().getReplicas(), bot.replicas);
        }

        /** Its Services and Deployments, to time the operator's rollback writes. */
        void watchWrites() {
            services = client.services().inNamespace(namespace).inform(onAddOrUpdate(s -> checkWritten()));
            deployments = client.apps().deployments().inNamespace(namespace).inform(onAddOrUpdate(d -> checkWritten()));
        }

        void close() {
            health.close();
            if (services != null) {
                services.close();
                deployments.close();
            }
        }
    }

    /**
     * @param seconds status.rollback.seconds; @param wall endpoint bad to RolledBack seen; @param answered
     * the endpoint's first failing answer to RolledBack seen (null if none was recorded)
     */
    record Reaction(double seconds, double wall, Double answered) {
    }
}
