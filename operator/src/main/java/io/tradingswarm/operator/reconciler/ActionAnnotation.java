package io.tradingswarm.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.Halt;

/**
 * The tradingswarm.io/action annotation. On first sight the operator swaps it, in one atomic patch,
 * for tradingswarm.io/action-request holding the value and a unique id; status records the id of
 * the last handled request, so a restart at any point never handles a request twice.
 */
final class ActionAnnotation {
    static final String REQUEST = "tradingswarm.io/action-request";
    /** Who asked: the field manager of the action annotation, kept beside the request until it is handled. */
    static final String BY = "tradingswarm.io/action-by";


    private ActionAnnotation() {
    }

    /** The pending request, taking over a fresh annotation first; updates {@code release}'s metadata. */
    static Action take(KubernetesClient client, SwarmRelease release) {
        Map<String, String> annotations = release.getMetadata().getAnnotations();
        if (annotations == null) {
            return null;
        }
        String asked = annotations.get(Action.ANNOTATION);
        if (asked != null) {
            String request = asked.trim() + "@" + UUID.randomUUID();
            String by = requester(release);
            String patch = "[" + test(Action.ANNOTATION, asked) + ",{\"op\":\"remove\",\"path\":\"" + path(Action.ANNOTATION)
                    + "\"},{\"op\":\"add\",\"path\":\"" + path(REQUEST) + "\",\"value\":" + json(request) + "}"
                    + ",{\"op\":\"add\",\"path\":\"" + path(BY) + "\",\"value\":" + json(by) + "}]";
            SwarmRelease patched = patch(client, release, patch);
            if (patched == null) {
                return null;
            }
            release.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
            release.getMetadata().setAnnotations(patched.getMetadata().getAnnotations());
        }
        Map<String, String> now = release.getMetadata().getAnnotations();
        String request = now.get(REQUEST);
        return request == null ? null : new Action(request.substring(0, request.lastIndexOf('@')), request, now.get(BY));
    }

    /** The field manager that last wrote the action annotation, as the API server recorded it. */
    private static String requester(SwarmRelease release) {
        List<ManagedFieldsEntry> entries = release.getMetadata().getManagedFields();
        return entries == null ? Halt.UNKNOWN_CLIENT : entries.stream().filter(ActionAnnotation::wroteAction).reduce((a, b) -> b)
                .map(ManagedFieldsEntry::getManager).orElse(Halt.UNKNOWN_CLIENT);
    }

    @SuppressWarnings("unchecked")
    private static boolean wroteAction(ManagedFieldsEntry entry) {
        Object metadata = entry.getFieldsV1() == null ? null : entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
        Object annotations = metadata instanceof Map<?, ?> m ? m.get("f:annotations") : null;
        return annotations instanceof Map<?, ?> a && a.containsKey("f:" + Action.ANNOTATION);
    }

    /** Removes the handled request unless a newer one replaced it. */
    static void clear(KubernetesClient client, SwarmRelease release, Action handled) {
        boolean by = release.getMetadata().getAnnotations() != null && release.getMetadata().getAnnotations().containsKey(BY);
        patch(client, release, "[" + test(REQUEST, handled.requestId()) + ",{\"op\":\"remove\",\"path\":\"" + path(REQUEST) + "\"}"
                + (by ? ",{\"op\":\"remove\",\"path\":\"" + path(BY) + "\"}" : "") + "]");
    }

    private static SwarmRelease patch(KubernetesClient client, SwarmRelease release, String jsonPatch) {
        try {
            return client.resources(SwarmRelease.class).inNamespace(release.getMetadata().getNamespace())
                    .withName(release.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), jsonPatch);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 || e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String test(String key, String value) {
        return "{\"op\":\"test\",\"path\":\"" + path(key) + "\",\"value\":" + json(value) + "}";
    }

    private static String path(String key) {
        return "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
