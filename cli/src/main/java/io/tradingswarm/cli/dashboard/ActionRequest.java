package io.tradingswarm.cli.dashboard;

import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * An action a dashboard button asks for, patched as an SRE would: the one-shot ones set the
 * tradingswarm.io/action annotation (overwriting one not yet taken), pause and resume set
 * spec.paused. Provisional: to be replaced by the CLI's action commands' patch code once merged.
 */
record ActionRequest(String namespace, String release, String action) {
    static final String ANNOTATION = "tradingswarm.io/action";
    /** The buttons: the annotation values, then pause and resume. */
    static final List<String> ACTIONS = List.of("promote", "promote-full", "abort", "retry", "pause", "resume");

    ActionRequest {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "' (one of " + String.join(", ", ACTIONS) + ")");
        }
    }

    /** Patches the release; returns what it did, in the words the CLI prints. */
    String apply(KubernetesClient client) {
        String patch = switch (action) {
            case "pause" -> "{\"spec\":{\"paused\":true}}";
            case "resume" -> "{\"spec\":{\"paused\":false}}";
            default -> "{\"metadata\":{\"annotations\":{\"" + ANNOTATION + "\":\"" + action + "\"}}}";
        };
        client.resources(SwarmRelease.class).inNamespace(namespace).withName(release)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        return switch (action) {
            case "pause" -> "paused " + release + " (spec.paused=true)";
            case "resume" -> "resumed " + release + " (spec.paused=false)";
            default -> "asked " + release + " to " + action + " (" + ANNOTATION + "=" + action + ")";
        };
    }
}
