package io.tradingswarm.cli;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
            Prefetch p = Prefetch.forFlags(kubeconfig, context);
            target = p == null ? resolve(kubeconfig, context, namespace, System.getenv(), System.getProperty("user.home"))
                    : withNamespace(Prefetch.join(p.target), namespace);
        }
        return target;
    }

    /** The namespace commands act in. */
    public String namespace() {
        return target().namespace();
    }

    /**
     * The client, built on first use. It reads objects <em>without pod templates</em>: a
     * {@code PodTemplateSpec} or {@code JobSpec} anywhere in a response (a bot's template, a
     * Deployment's, a hook's or a job probe's) is skipped and left null. The plugin never shows
     * them, and building Jackson's deserializers for the whole pod model is the largest single cost
     * of a cold {@code get} (about a third of a second). Do not write back an object read with it.
     */
    public KubernetesClient client() {
        if (client == null) {
            Prefetch p = Prefetch.forFlags(kubeconfig, context);
            client = p != null ? Prefetch.join(p.client) : new KubernetesClientBuilder().withConfig(target().config())
                    .withKubernetesSerialization(Prefetch.serialization()).build();
        }
        return client;
    }

    static KubernetesSerialization withoutTemplates() {
        SimpleModule skip = new SimpleModule("kubectl-swarm-without-templates");
        skip.addDeserializer(PodTemplateSpec.class, new Skip<>());
        skip.addDeserializer(JobSpec.class, new Skip<>());
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(skip);
        return new KubernetesSerialization(mapper, true);
    }

    /** Reads past a value, leaving the field null. */
    static final class Skip<T> extends JsonDeserializer<T> {
        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            p.skipChildren();
            return null;
        }
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
        // Fail fast, as kubectl does: no retries with back-off on a refused connection.
        config.setRequestRetryBackoffLimit(0);
        String server = config.getMasterUrl() == null ? null : config.getMasterUrl().replaceFirst("/$", "");
        return withNamespace(new Target(List.copyOf(files), context, config.getNamespace(), server, config), namespaceFlag);
    }

    /** {@code -n} over the context's namespace over {@code default}. */
    static Target withNamespace(Target t, String namespaceFlag) {
        String fromContext = t.config().getCurrentContext() == null || t.config().getCurrentContext().getContext() == null
                ? null : t.config().getCurrentContext().getContext().getNamespace();
        String ns = namespaceFlag != null ? namespaceFlag : fromContext != null && !fromContext.isEmpty() ? fromContext : "default";
        return new Target(t.files(), t.context(), ns, t.server(), t.config());
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
