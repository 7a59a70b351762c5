package io.tradingswarm.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Option;

/**
 * The kubectl connection flags, resolved exactly as kubectl resolves them: {@code --kubeconfig}
 * (one file) wins over {@code KUBECONFIG} (a path list, merged, first file wins), which wins over
 * {@code ~/.kube/config}; {@code --context} over the current context; {@code -n} over the
 * context's namespace over {@code default}. No in-cluster or environment fallbacks: what kubectl
 * would talk to is what this talks to. The client is built on first use only.
 */
public class KubeOptions implements AutoCloseable {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace (default: the context's namespace, else default).")
    String namespace;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context to use (default: the current context).")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    String kubeconfig;

    private Target target;
    private KubernetesClient client;

    public KubeOptions() {
    }

    /** For code that is not a picocli command (tests, the dashboard). */
    public static KubeOptions of(String kubeconfig, String context, String namespace) {
        KubeOptions o = new KubeOptions();
        o.kubeconfig = kubeconfig;
        o.context = context;
        o.namespace = namespace;
        return o;
    }

    /** What the flags, the environment and the kubeconfig files resolve to. */
    public record Target(List<File> files, String context, String namespace, String server, Config config) {
        /** e.g. {@code context "kind" (/home/me/.kube/config)}. */
        public String describe() {
            return "context \"" + context + "\" (" + files.stream().map(File::getPath).reduce((a, b) -> a + File.pathSeparator + b)
                    .orElse("") + ")";
        }
    }

    /** Resolves once; throws {@link CliError} when there is no usable kubeconfig. */
    public Target target() {
        if (target == null) {
            target = resolve(kubeconfig, context, namespace, System.getenv(), System.getProperty("user.home"));
        }
        return target;
    }

    /** The namespace commands act in. */
    public String namespace() {
        return target().namespace();
    }

    public KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(target().config()).build();
        }
        return client;
    }

    /** Turns a failure of {@code op} into the user's error, naming this target's server. */
    public CliError error(KubernetesClientException e, CliError.Operation op) {
        return CliError.from(e, op, target().server());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The pure part of the resolution, testable without touching the process environment. */
    static Target resolve(String kubeconfigFlag, String contextFlag, String namespaceFlag, Map<String, String> env, String home) {
        List<File> files = files(kubeconfigFlag, env, home);
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        Config config;
        try {
            // Only the kubeconfig: no service-account token, no namespace file, no kubernetes.* properties.
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, String.join(File.pathSeparator, files.stream().map(File::getPath).toList()));
            System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
            System.setProperty(Config.KUBERNETES_TRYNAMESPACE_PATH_SYSTEM_PROPERTY, "false");
            config = Config.autoConfigure(contextFlag);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw CliError.noConfig("cannot read the kubeconfig " + files + ": " + e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
        String context;
        if (contextFlag != null) {
            if (config.getContexts().stream().noneMatch(c -> contextFlag.equals(c.getName()))) {
                throw CliError.noConfig("context \"" + contextFlag + "\" does not exist in " + paths(files));
            }
            context = contextFlag;
        } else if (config.getCurrentContext() != null) {
            context = config.getCurrentContext().getName();
        } else {
            throw CliError.noConfig("no current context is set in " + paths(files) + " (use --context, or kubectl config use-context)");
        }
        String ns = namespaceFlag != null ? namespaceFlag
                : config.getNamespace() != null && !config.getNamespace().isEmpty() ? config.getNamespace() : "default";
        config.setNamespace(ns);
        // Fail fast, as kubectl does: no retries with back-off on a refused connection.
        config.setRequestRetryBackoffLimit(0);
        String server = config.getMasterUrl() == null ? null : config.getMasterUrl().replaceFirst("/$", "");
        return new Target(List.copyOf(files), context, ns, server, config);
    }

    static List<File> files(String kubeconfigFlag, Map<String, String> env, String home) {
        if (kubeconfigFlag != null && !kubeconfigFlag.isEmpty()) {
            File f = new File(kubeconfigFlag);
            if (!f.isFile()) {
                throw CliError.noConfig("the kubeconfig " + f.getPath() + " given with --kubeconfig does not exist");
            }
            return List.of(f);
        }
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isEmpty()) {
            List<File> named = new ArrayList<>();
            List<File> existing = new ArrayList<>();
            for (String p : list.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    File f = new File(p);
                    named.add(f);
                    if (f.isFile()) {
                        existing.add(f);
                    }
                }
            }
            if (existing.isEmpty()) {
                throw CliError.noConfig("no kubeconfig: KUBECONFIG names " + paths(named) + ", which does not exist");
            }
            return existing;
        }
        File f = new File(home, ".kube/config");
        if (!f.isFile()) {
            throw CliError.noConfig("no kubeconfig: " + f.getPath() + " does not exist (set KUBECONFIG or pass --kubeconfig)");
        }
        return List.of(f);
    }

    private static String paths(List<File> files) {
        return String.join(File.pathSeparator, files.stream().map(File::getPath).toList());
    }
}
