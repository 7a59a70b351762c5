package io.tradingswarm.operator.reconciler;

import java.util.Comparator;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Action;

/**
 * Reads and clears the tradingswarm.io/action annotation. A request is identified by its value and
 * the time the API server recorded for the write of that annotation (managedFields), so the same
 * request seen again after a restart is recognised as handled.
 */
final class ActionAnnotation {
    private ActionAnnotation() {
    }

    static Action read(SwarmRelease release) {
        var annotations = release.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Action.ANNOTATION);
        if (value == null) {
            return null;
        }
        String writtenAt = release.getMetadata().getManagedFields() == null ? "" : release.getMetadata().getManagedFields()
                .stream().filter(m -> m.getFieldsV1() != null
                        && Objects.toString(m.getFieldsV1().getAdditionalProperties()).contains("f:" + Action.ANNOTATION))
                .map(ManagedFieldsEntry::getTime).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse("");
        return new Action(value.trim(), value.trim() + "@" + writtenAt + "#" + release.getMetadata().getUid());
    }

    /** Removes the annotation if it still holds the handled value; a newer request stays for the next reconcile. */
    static void clear(KubernetesClient client, SwarmRelease release, Action handled) {
        String path = "/metadata/annotations/" + Action.ANNOTATION.replace("~", "~0").replace("/", "~1");
        String raw = release.getMetadata().getAnnotations().get(Action.ANNOTATION);
        String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":" + json(raw) + "},"
                + "{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
        try {
            client.resources(SwarmRelease.class).inNamespace(release.getMetadata().getNamespace())
                    .withName(release.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 422 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
