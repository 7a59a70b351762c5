package io.tradingswarm.operator.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tradingswarm.operator.testing.Command;

/**
 * The local cluster the e2e suite runs on (make cluster-up): its kubeconfig is KUBECONFIG or
 * .cache/cluster/kubeconfig, its kubectl is KUBECTL or the one on the PATH.
 */
public final class LocalCluster {
    static final Path KUBECONFIG = Path.of(System.getenv().getOrDefault("KUBECONFIG", ".cache/cluster/kubeconfig"));
    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private LocalCluster() {
    }

    public static KubernetesClient client() {
        return client(config -> { });
    }

    /** A client whose configuration the caller adjusts, e.g. to impersonate a ServiceAccount. */
    public static KubernetesClient client(Consumer<Config> customizer) {
        if (!Files.isReadable(KUBECONFIG)) {
            throw new IllegalStateException(KUBECONFIG + " not found: start the local cluster with `make cluster-up` "
                    + "(or run the suite with `make e2e`)");
        }
        try {
            Config config = Config.fromKubeconfig(Files.readString(KUBECONFIG));
            customizer.accept(config);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + KUBECONFIG, e);
        }
    }

    /** Runs kubectl against the local cluster and returns what it printed (for humans reading a failure). */
    static String kubectl(String... args) {
        return kubectlResult(null, args).output();
    }

    /** Runs kubectl against the local cluster, feeding it stdin (may be null). */
    static Command.Result kubectlResult(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(KUBECTL, "--kubeconfig", KUBECONFIG.toString(),
                "--cache-dir", Path.of("target", "kube-cache").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return Command.run(stdin, command);
    }
}
