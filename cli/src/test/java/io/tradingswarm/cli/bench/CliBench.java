package io.tradingswarm.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tradingswarm.cli.e2e.Fixtures;

/**
 * Wall time of {@code kubectl-swarm get NAME -n NS}, the installed launcher, as a user runs it:
 * a fresh JVM each time, 3 warm-up runs (disk cache), then 20 timed ones; prints p50 and p90.
 * Needs a cluster (KUBECONFIG) with the CRD; makes its own namespace and release and deletes them.
 *
 * <p>Usage: {@code CliBench LAUNCHER [VARIANT...]}, a variant being {@code label=JVM flags}, run
 * through KUBECTL_SWARM_JAVA_OPTS (e.g. {@code "no CDS=-Xshare:off"}); a {@code java:PATH} flag picks
 * the JVM (KUBECTL_SWARM_JAVA). {@code make bench-cli} runs it on the launcher it installs.
 */
public final class CliBench {
    static final int WARM_UP = 3;
    static final int RUNS = Integer.getInteger("cli.bench.runs", 20);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CliBench LAUNCHER [label=JVM flags ...]");
        }
        String launcher = new File(args[0]).getAbsolutePath();
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"installed", ""});
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            variants.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
        }
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null) {
            throw new IllegalStateException("KUBECONFIG is not set: run through hack/cluster/with-cluster.sh (make bench-cli)");
        }
        String namespace = "cli-bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            Fixtures.installCrd(client);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            try {
                Fixtures.pausedCanary(client, namespace, "trading-swarm");
                System.out.printf("kubectl-swarm get trading-swarm -n %s: %s, %d runs after %d warm-up runs (wall time, fresh JVM each)%n",
                        namespace, launcher, RUNS, WARM_UP);
                for (String[] v : variants) {
                    bench(launcher, v[0], v[1], namespace);
                }
            } finally {
                client.namespaces().withName(namespace).delete();
            }
        }
    }

    static void bench(String launcher, String label, String flags, String namespace) throws IOException, InterruptedException {
        String java = null;
        StringBuilder opts = new StringBuilder();
        for (String f : flags.trim().split("\\s+")) {
            if (f.startsWith("java:")) {
                java = f.substring(5);
            } else if (!f.isEmpty()) {
                opts.append(f).append(' ');
            }
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            double ms = once(launcher, java, opts.toString().trim(), namespace);
            if (i >= WARM_UP) {
                millis.add(ms);
            }
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "  %-28s p50 %4.0f ms   p90 %4.0f ms   (min %4.0f, max %4.0f)%s%n", label,
                percentile(millis, 50), percentile(millis, 90), millis.get(0), millis.get(millis.size() - 1),
                flags.isBlank() ? "" : "   [" + flags.trim() + "]");
    }

    static double once(String launcher, String java, String opts, String namespace) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher, "get", "trading-swarm", "-n", namespace);
        Path out = Files.createTempFile("cli-bench", ".out");
        pb.redirectOutput(out.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.remove("KUBECTL_SWARM_JAVA");
        if (java != null) {
            env.put("KUBECTL_SWARM_JAVA", java);
        }
        env.put("KUBECTL_SWARM_JAVA_OPTS", opts);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kubectl-swarm get took over 60 s");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        String text = Files.readString(out);
        Files.delete(out);
        if (p.exitValue() != 0 || !text.contains("STEPS")) {
            throw new IllegalStateException("kubectl-swarm get failed (exit " + p.exitValue() + "):\n" + text);
        }
        return ms;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
