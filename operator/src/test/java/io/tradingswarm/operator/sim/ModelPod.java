package io.tradingswarm.operator.sim;

import java.util.Map;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * One pod of a model Deployment: built from the template it was created from, ready from a tick on
 * (or never), and terminating once its template is replaced.
 */
final class ModelPod {
    static final long NEVER = Long.MAX_VALUE;

    final PodTemplateSpec template;
    final Map<String, String> labels;
    private final long readyAt;
    private long goneAt = NEVER;

    ModelPod(PodTemplateSpec template, long readyAt) {
        this.template = template;
        this.labels = template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
                : Map.copyOf(template.getMetadata().getLabels());
        this.readyAt = readyAt;
    }

    /** Terminating pods leave the Service's endpoints at once, as kube-proxy does. */
    boolean ready(long tick) {
        return !terminating() && tick >= readyAt;
    }

    /** A pod that is not ready yet but will be: something a reconcile will be triggered by. */
    boolean becomesReadyLater(long tick) {
        return !terminating() && tick < readyAt && readyAt != NEVER;
    }

    boolean terminating() {
        return goneAt != NEVER;
    }

    void terminate(long at) {
        if (!terminating()) {
            goneAt = at;
        }
    }

    boolean gone(long tick) {
        return tick >= goneAt;
    }

    /** The release revision the pod's template carries. */
    String revision() {
        return template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                : template.getMetadata().getAnnotations().get(io.tradingswarm.operator.dependent.Labels.REVISION);
    }

    boolean selectedBy(Map<String, String> selector) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }
}
