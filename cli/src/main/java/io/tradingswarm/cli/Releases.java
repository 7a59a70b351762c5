package io.tradingswarm.cli;

import java.util.List;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.cli.CliError.Operation;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * The API calls of the plugin, each one request (no informers, no caches: a command reads what it
 * shows and exits), each failure turned into a {@link CliError} that names the verb and resource.
 */
public final class Releases {
    /** The field manager of every write, so {@code managedFields} says who paused a release. */
    public static final String FIELD_MANAGER = "kubectl-swarm";
    public static final String DEPLOYMENTS = "deployments.apps";

    private final KubeOptions kube;

    public Releases(KubeOptions kube) {
        this.kube = kube;
    }

    public KubeOptions kube() {
        return kube;
    }

    /** The release, or a not-found error naming it and the namespace. */
    public SwarmRelease get(String namespace, String name) {
        SwarmRelease r = call(Operation.release("get", namespace, name),
                () -> kube.client().resources(SwarmRelease.class).inNamespace(namespace).withName(name).get());
        if (r == null) {
            throw CliError.notFound(name, namespace);
        }
        return r;
    }

    /** The slot Deployments of a release (label {@code tradingswarm.io/release=<name>}). */
    public List<Deployment> slots(String namespace, String name) {
        return call(new Operation("list", DEPLOYMENTS, namespace, null),
                () -> kube.client().apps().deployments().inNamespace(namespace)
                        .withLabel(ReleaseView.RELEASE_LABEL, name).list().getItems());
    }

    public ReleaseView view(String namespace, String name) {
        SwarmRelease release = get(namespace, name);
        return ReleaseView.of(release, slots(namespace, name));
    }

    /** The releases of one namespace, or of all of them when {@code namespace} is null; by namespace, then name. */
    public List<SwarmRelease> list(String namespace) {
        List<SwarmRelease> items = call(Operation.release("list", namespace, null), () -> namespace == null
                ? kube.client().resources(SwarmRelease.class).inAnyNamespace().list().getItems()
                : kube.client().resources(SwarmRelease.class).inNamespace(namespace).list().getItems());
        return items.stream().sorted(java.util.Comparator
                .comparing((SwarmRelease r) -> r.getMetadata().getNamespace())
                .thenComparing(r -> r.getMetadata().getName())).toList();
    }

    /** A JSON merge patch of the release, as field manager {@value #FIELD_MANAGER}. */
    public SwarmRelease mergePatch(String namespace, String name, String patch) {
        PatchContext context = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(FIELD_MANAGER).build();
        return call(Operation.release("patch", namespace, name),
                () -> kube.client().resources(SwarmRelease.class).inNamespace(namespace).withName(name).patch(context, patch));
    }

    /**
     * Asks the operator for a one-shot action (promote, promote-full, abort, retry, undo[:REV]): sets
     * the tradingswarm.io/action annotation, as {@code kubectl annotate --overwrite} does. The
     * action commands and the dashboard's buttons both send it this way.
     */
    public SwarmRelease requestAction(String namespace, String name, String action) {
        return mergePatch(namespace, name,
                "{\"metadata\":{\"annotations\":{" + json(ReleaseView.ACTION_ANNOTATION) + ":" + json(action) + "}}}");
    }

    /** Sets spec.paused, the declarative pause (pause and resume, from the commands and the dashboard). */
    public SwarmRelease setPaused(String namespace, String name, boolean paused) {
        return mergePatch(namespace, name, "{\"spec\":{\"paused\":" + paused + "}}");
    }

    /** Runs one API call, translating its failure. */
    public <T> T call(Operation op, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw kube.error(e, op);
        }
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
