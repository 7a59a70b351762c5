package io.tradingswarm.operator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tradingswarm.operator.bench.ScaleController.Instance;
import io.tradingswarm.operator.bench.ScaleController.Verdict;
import io.tradingswarm.operator.e2e.LocalCluster;
import io.tradingswarm.operator.testing.AuditLogParts;

/**
 * One controller, one N, on the local cluster of KUBECONFIG (hack/bench/scale.sh gives it a fresh
 * cluster per N with an audit log): N releases of one bot with 2 replicas, canary steps 50/100, in
 * 10 namespaces. Phases: the controller idle (started, no release), the first release of all N,
 * then every release bumped at once. A release is done when its controller says the run to the
 * version is over and stable and its pods are exactly the version's: {@value #REPLICAS} pods, all
 * Ready, on the version's image, none other left (none deleting). Prints, per phase: the time to
 * apply the N objects, the wall time to the last release done, p50/p90 of the releases' completion
 * times (from the phase's start), the controller process's CPU seconds, peak and final RSS, and its
 * API requests per release by verb, counted in the API server's audit log by the controller's user.
 * Sharded, the same per instance (but the requests: the instances share a user), each over the
 * releases of its shard. With rollback releases ({@link ScaleRollbacks}), their reaction to a bad
 * endpoint during the bump; they are not among the N, and the requests on their objects are not
 * counted. It only prints; nothing is asserted. Run with {@code make bench-scale} (docs/development.md).
 *
 * <p>System properties: {@code releases} (N), {@code controller} (swarm-operator, argo-rollouts), {@code auditLog},
 * {@code out} (a directory: table.md and notes.txt are appended to), {@code deadline} (seconds per
 * phase), {@code idle} (seconds the idle controller is left alone), {@code settle} (seconds after a
 * phase's last release before its figures are taken), {@code shards} (swarm-operator's instances,
 * 1 or 2), {@code rollbacks} (the rollback releases, 0 for none), {@code strategy} (theirs: gatewayAPI routes them).
 */
public final class ScaleBench {
    static final int NAMESPACES = 10;
    static final int REPLICAS = 2;
    static final String FIRST = "1.0.0";
    static final String NEXT = "1.1.0";
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");
    static final String HEADER = """
            | N | controller | phase | apply s | wall s | done | p50 s | p90 s | CPU s | peak RSS MiB | final RSS MiB | requests/release get/list/watch/create/update/patch/delete |
            |---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
            """;

    final KubernetesClient client = LocalCluster.client();
    final ScaleController controller;
    final int n;
    final Duration deadline;
    final Duration idle;
    final Duration settle;
    final List<String> keys;
    /** Each release's shard, by key. */
    final Map<String, String> shardOf = new LinkedHashMap<>();
    final Finish finish;
    final ScaleRollbacks rollbacks;
    /** The controller's processes, by shard. */
    final Map<String, ProcStats> stats = new LinkedHashMap<>();

    ScaleBench(ScaleController controller, int n, Duration deadline, Duration idle, Duration settle, int rollbacks) {
        this.controller = controller;
        this.n = n;
        this.deadline = deadline;
        this.idle = idle;
        this.settle = settle;
        this.keys = IntStream.rangeClosed(1, n)
                .mapToObj(i -> String.format(Locale.ROOT, "scale-%02d/bench-%04d", (i - 1) % NAMESPACES, i)).toList();
        // Release i is in row (i-1)/10, column (i-1)%10 (its namespace): shards alternate on both, so
        // every namespace has releases of every shard and each shard gets its share of N.
        List<String> shards = controller.shards();
        for (int i = 0; i < n; i++) {
            shardOf.put(keys.get(i), shards.get((i / NAMESPACES + i % NAMESPACES) % shards.size()));
        }
        this.finish = new Finish(controller);
        this.rollbacks = new ScaleRollbacks(client, rollbacks);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("releases", 100);
        int shards = Integer.getInteger("shards", 1);
        int rollbacks = Integer.getInteger("rollbacks", 0);
        ScaleController controller = switch (System.getProperty("controller", "swarm-operator")) {
            case "swarm-operator" -> new SwarmOperatorScaleController(shards);
            case "argo-rollouts" -> {
                if (shards != 1 || rollbacks != 0) {
                    throw new IllegalArgumentException("argo-rollouts runs without shards and rollback releases (SwarmReleases)");
                }
                yield new ArgoRolloutsScaleController();
            }
            default -> throw new IllegalArgumentException("unknown controller " + System.getProperty("controller"));
        };
        Path auditLog = Path.of(System.getProperty("auditLog"));
        Path out = Path.of(System.getProperty("out", "target/bench-scale"));
        ScaleBench bench = new ScaleBench(controller, n, Duration.ofSeconds(Long.getLong("deadline", 120 + 6L * n / 5)),
                Duration.ofSeconds(Long.getLong("idle", 10)), Duration.ofSeconds(Long.getLong("settle", 5)), rollbacks);
        bench.run(auditLog, out);
        System.exit(0);
    }

    void run(Path auditLog, Path out) throws Exception {
        if (!Files.isReadable(auditLog)) {
            throw new IllegalStateException(auditLog + " is missing: the cluster needs SWARM_CLUSTER_AUDIT_POLICY (hack/bench/scale.sh)");
        }
        createNamespaces(client);
        List<Result> results = new ArrayList<>();
        Thread stopper = new Thread(this::stopQuietly);
        Runtime.getRuntime().addShutdownHook(stopper);
        String commandLine;
        try {
            Instant started = Instant.now();
            for (Instance instance : controller.start()) {
                stats.put(instance.shard(), new ProcStats(instance.pid()));
            }
            finish.watch(client, controller.kind());
            double startSeconds = seconds(started, Instant.now());
            List<String> commandLines = new ArrayList<>();
            for (Map.Entry<String, ProcStats> s : stats.entrySet()) {
                commandLines.add((s.getKey().equals(ScaleController.UNSHARDED) ? "" : "shard " + s.getKey() + ": ")
                        + s.getValue().commandLine());
            }
            commandLine = String.join("\n  ", commandLines);
            Thread.sleep(idle.toMillis());
            Instant idleEnd = Instant.now();
            results.add(new Result("idle", started, idleEnd, Double.NaN, startSeconds, true, Map.of(), usage(Map.of()), Map.of(),
                    Map.of()));
            rollbacks.releaseFirst(deadline);
            results.add(phase("release", FIRST, idleEnd, false));
            results.add(phase("bump", NEXT, results.get(1).end(), true));
        } finally {
            finish.close();
            rollbacks.close();
            stopQuietly();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        Map<String, Requests> requests = Requests.count(auditLog, controller.user(), results, rollbacks.namespaces());
        report(results, requests, commandLine, out);
    }

    private void stopQuietly() {
        try {
            controller.stop();
        } catch (Exception e) {
            System.err.println("[bench-scale] stopping " + controller.name() + ": " + e);
        }
    }

    /**
     * One phase: every release applied at {@code version} at once, then waited for; with
     * {@code rollbacksToo}, the rollback releases bumped first and their rollbacks waited for too.
     */
    Result phase(String label, String version, Instant start, boolean rollbacksToo) throws Exception {
        finish.begin(version);
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, ProcStats> s : stats.entrySet()) {
            s.getValue().resetPeak();
            cpu.put(s.getKey(), s.getValue().cpuSeconds());
        }
        Instant t0 = Instant.now();
        Instant end = t0.plus(deadline);
        if (rollbacksToo) {
            rollbacks.bumpAndFlip(t0, finish.done::size, n, end);
        }
        applyAll(version);
        double applied = seconds(t0, Instant.now());
        Instant report = t0.plusSeconds(10);
        while ((finish.open(keys) > 0 || !rollbacks.measured()) && Instant.now().isBefore(end)) {
            Thread.sleep(200);
            finish.checkAll(keys);
            if (Instant.now().isAfter(report)) {
                System.err.printf(Locale.ROOT, "[bench-scale] N=%d %s: %d/%d done, %d failed, %.0f s%n", n, label,
                        finish.done.size(), n, finish.failed.size(), seconds(t0, Instant.now()));
                report = report.plusSeconds(10);
            }
        }
        boolean all = finish.done.size() == n;
        Instant last = all ? finish.done.values().stream().max(Comparator.naturalOrder()).orElseThrow() : Instant.now();
        Thread.sleep(settle.toMillis());
        Map<String, Double> completions = new TreeMap<>();
        finish.done.forEach((key, t) -> completions.put(key, seconds(t0, t)));
        // Named in groups of the same state: "phase X, message: ..., pods: {...}: ns/name, ns/name".
        Map<String, List<String>> failed = new TreeMap<>();
        finish.failed.forEach((key, v) -> failed.computeIfAbsent("phase " + v.phase() + ", message: " + v.message(),
                m -> new ArrayList<>()).add(key));
        Map<String, List<String>> stalled = new TreeMap<>();
        keys.stream().filter(k -> !finish.done.containsKey(k) && !finish.failed.containsKey(k))
                .forEach(k -> stalled.computeIfAbsent(finish.describe(k), m -> new ArrayList<>()).add(k));
        return new Result(label, start, Instant.now(), applied, seconds(t0, last), all, completions, usage(cpu), failed, stalled);
    }

    /** By shard: the process's CPU seconds since {@code cpuAtStart} (none: since it started), its peak and current RSS. */
    Map<String, Usage> usage(Map<String, Double> cpuAtStart) throws IOException {
        Map<String, Usage> usage = new LinkedHashMap<>();
        for (Map.Entry<String, ProcStats> s : stats.entrySet()) {
            usage.put(s.getKey(), new Usage(s.getValue().cpuSeconds() - cpuAtStart.getOrDefault(s.getKey(), 0.0),
                    s.getValue().kib("VmHWM"), s.getValue().kib("VmRSS")));
        }
        return usage;
    }

    /** Every release at {@code version}, by server-side apply: one thread per namespace. */
    void applyAll(String version) throws Exception {
        inEachNamespace((ns, index) -> {
            for (String key : keys) {
                if (key.startsWith(ns + "/")) {
                    GenericKubernetesResource release = controller.release(ns, key.substring(ns.length() + 1), version,
                            REPLICAS, shardOf.get(key));
                    client.genericKubernetesResources(controller.kind()).inNamespace(ns).resource(release)
                            .fieldManager("scale-bench").forceConflicts().serverSideApply();
                }
            }
        });
    }

    /** Work in one of the bench's namespaces: its name and index. */
    interface NamespaceWork {
        void run(String namespace, int index) throws Exception;
    }

    /** {@code work} in each of the {@value #NAMESPACES} namespaces at once, a thread each; returns when all are done. */
    static void inEachNamespace(NamespaceWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NAMESPACES);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < NAMESPACES; i++) {
                String ns = namespace(i);
                int index = i;
                running.add(pool.submit(() -> {
                    work.run(ns, index);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The bench's namespaces {@code scale-00}... (server-side apply: there already is fine). */
    static void createNamespaces(KubernetesClient client) {
        for (int i = 0; i < NAMESPACES; i++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace(i)).endMetadata().build())
                    .serverSideApply();
        }
    }

    static String namespace(int index) {
        return String.format(Locale.ROOT, "scale-%02d", index);
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /**
     * @param start the phase's window in the audit log begins (the idle phase: the controller's start)
     * @param end the window ends: {@code settle} after the last release was done
     * @param wall seconds to the last release done; when some never were ({@code !complete}), to the deadline
     * @param completions by release key: seconds from the phase's start to the release done
     * @param usage by shard: the controller's process
     */
    record Result(String label, Instant start, Instant end, double apply, double wall, boolean complete,
            Map<String, Double> completions, Map<String, Usage> usage, Map<String, List<String>> failed,
            Map<String, List<String>> stalled) {
        List<Double> sortedCompletions(Predicate<String> keys) {
            return completions.entrySet().stream().filter(e -> keys.test(e.getKey())).map(Map.Entry::getValue).sorted().toList();
        }
    }

    /** One process in one phase: CPU seconds, peak (VmHWM) and final (VmRSS) RSS. */
    record Usage(double cpu, long peakKib, long finalKib) {
        /** Several processes together: the sums (of the peaks, which need not have been at the same moment). */
        static Usage total(Collection<Usage> usages) {
            return new Usage(usages.stream().mapToDouble(Usage::cpu).sum(), usages.stream().mapToLong(Usage::peakKib).sum(),
                    usages.stream().mapToLong(Usage::finalKib).sum());
        }
    }

    void report(List<Result> results, Map<String, Requests> requests, String commandLine, Path out) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (Result r : results) {
            boolean idlePhase = r.label().equals("idle");
            Requests q = requests.get(r.label());
            double per = idlePhase ? 1 : n;
            List<Double> completions = r.sortedCompletions(key -> true);
            Usage usage = Usage.total(r.usage().values());
            rows.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %.1f | %d | %d | %s%s |%n", n,
                    controller.name(), r.label(),
                    idlePhase ? "-" : String.format(Locale.ROOT, "%.1f", r.apply()),
                    (r.complete() ? "" : ">") + String.format(Locale.ROOT, "%.1f", r.wall()),
                    idlePhase ? "-" : completions.size() + "/" + n,
                    percentile(completions, 50), percentile(completions, 90), usage.cpu(), usage.peakKib() / 1024,
                    usage.finalKib() / 1024, idlePhase ? "total " : "",
                    VERBS.stream().map(v -> format(q.byVerb.getOrDefault(v, 0) / per, idlePhase)).collect(Collectors.joining("/"))));
            if (r.usage().size() > 1) {
                r.usage().forEach((shard, u) -> rows.append(shardRow(r, shard, u, idlePhase)));
            }
        }
        StringBuilder notes = new StringBuilder();
        notes.append(String.format(Locale.ROOT, "N=%d, %s: %s%n", n, controller.name(), commandLine));
        for (Result r : results) {
            Requests q = requests.get(r.label());
            boolean idlePhase = r.label().equals("idle");
            notes.append(String.format(Locale.ROOT, "  %s requests%s: %s%n", r.label(), idlePhase ? "" : " per release",
                    q.byResource.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                            .map(e -> format(e.getValue() / (idlePhase ? 1.0 : n), idlePhase) + " " + e.getKey())
                            .collect(Collectors.joining(", "))));
            r.failed().forEach((state, names) -> notes.append(String.format(Locale.ROOT, "  %s FAILED (%d): %s: %s%n", r.label(),
                    names.size(), state, String.join(", ", names))));
            r.stalled().forEach((state, names) -> notes.append(String.format(Locale.ROOT,
                    "  %s STALLED (%d, not done within %d s): %s: %s%n", r.label(), names.size(), deadline.toSeconds(), state,
                    String.join(", ", names))));
        }
        notes.append(rollbacks.report());
        Files.createDirectories(out);
        Path table = out.resolve("table.md");
        if (!Files.exists(table)) {
            Files.writeString(table, HEADER);
        }
        Files.writeString(table, rows, StandardOpenOption.APPEND);
        Files.writeString(out.resolve("notes.txt"), notes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(HEADER + rows + "\n" + notes);
    }

    /**
     * One instance of a sharded controller in a phase: its releases done, their completion times,
     * its process; its requests are in the phase's row (the instances share a user).
     */
    String shardRow(Result r, String shard, Usage u, boolean idlePhase) {
        long of = shardOf.values().stream().filter(shard::equals).count();
        List<Double> completions = r.sortedCompletions(key -> shard.equals(shardOf.get(key)));
        String wall = idlePhase ? "-" : completions.size() == of && !completions.isEmpty()
                ? String.format(Locale.ROOT, "%.1f", completions.get(completions.size() - 1))
                : String.format(Locale.ROOT, ">%.1f", r.wall());
        return String.format(Locale.ROOT, "| %d | %s shard %s | %s | - | %s | %s | %s | %s | %.1f | %d | %d | (in the row above) |%n", n,
                controller.name(), shard, r.label(), wall, idlePhase ? "-" : completions.size() + "/" + of,
                percentile(completions, 50), percentile(completions, 90), u.cpu(), u.peakKib() / 1024, u.finalKib() / 1024);
    }

    static String format(double value, boolean whole) {
        return whole ? String.valueOf(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    /** When each release of the current phase was done, from informers on the releases and their pods. */
    static final class Finish implements AutoCloseable {
        final ScaleController controller;
        final Map<String, Instant> done = new ConcurrentHashMap<>();
        final Map<String, Verdict> failed = new ConcurrentHashMap<>();
        SharedIndexInformer<GenericKubernetesResource> releases;
        SharedIndexInformer<Pod> pods;
        String version;

        Finish(ScaleController controller) {
            this.controller = controller;
        }

        void watch(KubernetesClient client, ResourceDefinitionContext kind) {
            releases = client.genericKubernetesResources(kind).inAnyNamespace().inform(handler(r -> key(r.getMetadata().getNamespace(),
                    r.getMetadata().getName())));
            pods = client.pods().inAnyNamespace().withLabel(ScaleController.POD_LABEL).runnableInformer(0);
            pods.addIndexers(Map.of("release", p -> List.of(key(p.getMetadata().getNamespace(),
                    p.getMetadata().getLabels().get(ScaleController.POD_LABEL)))));
            pods.addEventHandler(handler(p -> key(p.getMetadata().getNamespace(), p.getMetadata().getLabels().get(ScaleController.POD_LABEL))));
            pods.run();
        }

        <T> ResourceEventHandler<T> handler(Function<T, String> key) {
            return new ResourceEventHandler<>() {
                @Override
                public void onAdd(T obj) {
                    check(key.apply(obj));
                }

                @Override
                public void onUpdate(T old, T obj) {
                    check(key.apply(obj));
                }

                @Override
                public void onDelete(T obj, boolean unknownFinalState) {
                    check(key.apply(obj));
                }
            };
        }

        static String key(String namespace, String name) {
            return namespace + "/" + name;
        }

        synchronized void begin(String version) {
            this.version = version;
            done.clear();
            failed.clear();
        }

        synchronized int open(List<String> keys) {
            return (int) keys.stream().filter(k -> !done.containsKey(k) && !failed.containsKey(k)).count();
        }

        synchronized void checkAll(List<String> keys) {
            keys.forEach(this::check);
        }

        synchronized void check(String key) {
            if (version == null || done.containsKey(key) || failed.containsKey(key)) {
                return;
            }
            GenericKubernetesResource release = releases.getIndexer().getByKey(key);
            if (release == null) {
                return;
            }
            Verdict verdict = controller.verdict(release, version);
            if (verdict.failed()) {
                failed.put(key, verdict);
            } else if (verdict.finished() && podsAt(key, version)) {
                done.put(key, Instant.now());
            }
        }

        /** The finish line on the pods: exactly REPLICAS of them, Ready, on the version's image, none deleting. */
        boolean podsAt(String key, String version) {
            List<Pod> list = pods.getIndexer().byIndex("release", key);
            return list.size() == REPLICAS && list.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null
                    && (ScaleController.IMAGE + ":" + version).equals(p.getSpec().getContainers().get(0).getImage())
                    && p.getStatus() != null && p.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        }

        /** The state of a release that is neither done nor failed: its phase, message and pods, for people. */
        synchronized String describe(String key) {
            GenericKubernetesResource release = releases.getIndexer().getByKey(key);
            Verdict v = release == null ? new Verdict(false, false, "(not seen)", "") : controller.verdict(release, version);
            Map<String, Integer> images = new TreeMap<>();
            for (Pod p : pods.getIndexer().byIndex("release", key)) {
                String image = p.getSpec().getContainers().get(0).getImage();
                images.merge(image.substring(image.lastIndexOf(':') + 1)
                        + (p.getMetadata().getDeletionTimestamp() != null ? " deleting" : ""), 1, Integer::sum);
            }
            return "phase " + v.phase() + (v.finished() ? " (finished)" : "") + ", message: " + v.message() + ", pods: " + images;
        }

        @Override
        public void close() {
            if (releases != null) {
                releases.close();
            }
            if (pods != null) {
                pods.close();
            }
        }
    }

    /** RSS and CPU time of the controller's process, from /proc. */
    record ProcStats(long pid) {
        static final long CLK_TCK = clockTicks();

        long kib(String field) throws IOException {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith(field + ":")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + field + " for pid " + pid));
        }

        /** utime + stime: the 14th and 15th fields of /proc/PID/stat (counted after the command's parenthesis). */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
        }

        /** VmHWM back to the current RSS (Linux 4.0+), so that it is the peak of the phase that starts. */
        void resetPeak() throws IOException {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
        }

        String commandLine() throws IOException {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ').strip();
        }

        static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    return Long.parseLong(r.readLine().strip());
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("getconf CLK_TCK", e);
            }
        }
    }

    /** The controller's API requests in one phase's window, from the audit log, each counted once (by auditID). */
    static final class Requests {
        final Map<String, Integer> byVerb = new TreeMap<>();
        /** "verb resource[/subresource][ (dry run)]" */
        final Map<String, Integer> byResource = new LinkedHashMap<>();

        /** Requests on objects in {@code ignored} namespaces are left out. */
        static Map<String, Requests> count(Path auditLog, String user, List<Result> phases, Set<String> ignored) throws IOException {
            Map<String, Requests> counts = new LinkedHashMap<>();
            phases.forEach(p -> counts.put(p.label(), new Requests()));
            ObjectMapper json = new ObjectMapper();
            Set<String> seen = new HashSet<>();
            String quoted = "\"" + user + "\"";
            for (Path part : AuditLogParts.of(auditLog)) {
                try (var lines = Files.lines(part)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (!line.contains(quoted)) {
                            continue;
                        }
                        JsonNode event = json.readTree(line);
                        if (user.equals(event.path("user").path("username").asText()) && seen.add(event.path("auditID").asText())
                                && !ignored.contains(event.path("objectRef").path("namespace").asText())) {
                            countIn(counts, phases, event);
                        }
                    }
                }
            }
            return counts;
        }

        private static void countIn(Map<String, Requests> counts, List<Result> phases, JsonNode event) {
            Instant received = Instant.parse(event.path("requestReceivedTimestamp").asText());
            for (Result p : phases) {
                if (!received.isBefore(p.start()) && received.isBefore(p.end())) {
                    Requests r = counts.get(p.label());
                    String verb = event.path("verb").asText();
                    JsonNode ref = event.path("objectRef");
                    String resource = ref.path("resource").asText() + (ref.hasNonNull("subresource")
                            ? "/" + ref.path("subresource").asText() : "")
                            + (event.path("requestURI").asText().contains("dryRun=") ? " (dry run)" : "");
                    r.byVerb.merge(verb, 1, Integer::sum);
                    r.byResource.merge(verb + " " + resource, 1, Integer::sum);
                }
            }
        }
    }
}
