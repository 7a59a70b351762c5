package io.tradingswarm.cli;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * Start-up work begun on two other threads the moment {@code main} runs, while picocli builds its
 * model and parses the command line: reading the kubeconfig and building the client on one, the
 * JSON deserializers of releases and Deployments on the other. A command that talks to the
 * cluster then finds them ready (or waits for them); nothing else changes. The flags are read
 * with a small scan of the arguments; when picocli's parse disagrees, the prefetch is not used.
 */
final class Prefetch {
    static final Set<String> CLUSTER_COMMANDS = Set.of("list", "ls", "get", "history", "promote", "abort", "retry", "undo",
            "pause", "resume");

    private static volatile Prefetch current;

    final String kubeconfig;
    final String context;
    final CompletableFuture<KubernetesSerialization> serialization;
    final CompletableFuture<KubeOptions.Target> target;
    final CompletableFuture<KubernetesClient> client;

    private Prefetch(String kubeconfig, String context) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        serialization = new CompletableFuture<>();
        target = async("kubectl-swarm-kubeconfig", () -> KubeOptions.resolve(kubeconfig, context, null, System.getenv(),
                System.getProperty("user.home")));
        client = target.thenApply(t -> new KubernetesClientBuilder().withConfig(t.config())
                .withKubernetesSerialization(serialization.join()).build());
        Thread warm = new Thread(() -> {
            try {
                KubernetesSerialization s = KubeOptions.withoutTemplates();
                serialization.complete(s);
                // Jackson builds a type's deserializers on first use: do it now, off the critical path.
                s.unmarshal("{\"apiVersion\":\"tradingswarm.io/v1alpha1\",\"kind\":\"SwarmRelease\",\"metadata\":{\"name\":\"w\"}}",
                        SwarmRelease.class);
                s.unmarshal("{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\",\"items\":[]}", DeploymentList.class);
            } catch (RuntimeException e) {
                serialization.completeExceptionally(e);
            }
        }, "kubectl-swarm-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Starts the prefetch for a command that will talk to the cluster. */
    static void start(String[] args) {
        if (args.length == 0 || !CLUSTER_COMMANDS.contains(args[0])) {
            return;
        }
        String kubeconfig = null, context = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--kubeconfig") && i + 1 < args.length) {
                kubeconfig = args[++i];
            } else if (a.startsWith("--kubeconfig=")) {
                kubeconfig = a.substring("--kubeconfig=".length());
            } else if (a.equals("--context") && i + 1 < args.length) {
                context = args[++i];
            } else if (a.startsWith("--context=")) {
                context = a.substring("--context=".length());
            }
        }
        current = new Prefetch(kubeconfig, context);
    }

    /** The prefetch made for exactly these flags, or null. */
    static Prefetch forFlags(String kubeconfig, String context) {
        Prefetch p = current;
        return p != null && java.util.Objects.equals(p.kubeconfig, kubeconfig) && java.util.Objects.equals(p.context, context)
                ? p : null;
    }

    /** The shared serialization if a prefetch made one, else a new one. */
    static KubernetesSerialization serialization() {
        Prefetch p = current;
        return p == null ? KubeOptions.withoutTemplates() : join(p.serialization);
    }

    /** The value, with the failure it ended with rethrown as is (a {@link CliError} stays one). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static <T> CompletableFuture<T> async(String name, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }
}
