package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.tradingswarm.operator.dependent.Labels;

/**
 * A Deployment as the API server and its controllers keep it: the spec last written, a generation
 * that counts spec changes, the pods built from the template, and a status that only the
 * controller step recomputes (so it lags the spec).
 */
final class ModelDeployment extends AppliedObject<Deployment> {
    private DeploymentSpec spec;
    private long generation;
    private final List<ModelPod> pods = new ArrayList<>();
    private long observedGeneration;
    private int statusReplicas;
    private int statusUpdated;
    private int statusReady;

    ModelDeployment(String name) {
        super(name);
    }

    /** Server-side apply: the spec is replaced, generation moves only if it changed, labels are merged. */
    void apply(Deployment desired) {
        if (!Objects.equals(spec, desired.getSpec())) {
            spec = desired.getSpec();
            generation++;
        }
        appliedByOperator(desired);
    }

    /** The operator's scale: only spec.replicas, with its field manager. */
    void scaledByOperator(int replicas) {
        scale(replicas);
        managedFields.writtenByOperator();
    }

    /** kubectl scale: another manager now owns spec.replicas. */
    void scaledByHand(int replicas, String manager) {
        scale(replicas);
        managedFields.writtenByHand(manager);
    }

    private void scale(int replicas) {
        if (!Objects.equals(spec.getReplicas(), replicas)) {
            spec = new io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder(spec).withReplicas(replicas).build();
            generation++;
        }
        changed();
    }

    int replicas() {
        return spec.getReplicas() == null ? 1 : spec.getReplicas();
    }

    PodTemplateSpec template() {
        return spec.getTemplate();
    }

    String revision() {
        var meta = template().getMetadata();
        return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(Labels.REVISION);
    }

    String bot() {
        return labels.get(Labels.BOT);
    }

    /**
     * The Deployment and ReplicaSet controllers: pods of an older template terminate, the current
     * template is scaled to spec.replicas (dropping un-ready pods first), then status is recomputed.
     */
    void reconcile(long tick, PodFactory factory) {
        pods.removeIf(p -> p.gone(tick));
        List<ModelPod> current = new ArrayList<>();
        for (ModelPod p : pods) {
            if (!p.template.equals(template())) {
                p.terminate(tick + factory.terminationTicks());
            } else if (!p.terminating()) {
                current.add(p);
            }
        }
        for (int i = current.size(); i < replicas(); i++) {
            ModelPod pod = factory.create(template(), tick);
            pods.add(pod);
            current.add(pod);
        }
        if (current.size() > replicas()) {
            current.sort(Comparator.comparing(p -> p.ready(tick)));
            pods.removeAll(current.subList(0, current.size() - replicas()));
        }
        int updated = (int) pods.stream().filter(p -> !p.terminating()).count();
        int ready = (int) pods.stream().filter(p -> p.ready(tick)).count();
        if (observedGeneration != generation || statusReplicas != pods.size() || statusUpdated != updated || statusReady != ready) {
            changed();
        }
        observedGeneration = generation;
        statusReplicas = pods.size();
        statusUpdated = updated;
        statusReady = ready;
    }

    /** Pods that will keep serving once the controller has caught up with the spec: ready, current template, within replicas. */
    int servingPods(long tick, Map<String, String> selector) {
        long ready = pods.stream().filter(p -> p.ready(tick) && p.template.equals(template()) && p.selectedBy(selector)).count();
        return (int) Math.min(ready, replicas());
    }

    /** Pods that work without a Service: ready, current template, within replicas. */
    int workingPods(long tick) {
        long ready = pods.stream().filter(p -> p.ready(tick) && p.template.equals(template())).count();
        return (int) Math.min(ready, replicas());
    }

    /** Ready pods of any template that a selector sends traffic to right now. */
    List<ModelPod> readyPods(long tick, Map<String, String> selector) {
        return pods.stream().filter(p -> p.ready(tick) && p.selectedBy(selector)).toList();
    }

    /** Whether a selector picks this Deployment's pods (by the labels its template gives them). */
    boolean selectedBy(Map<String, String> selector) {
        Map<String, String> labels = template().getMetadata() == null ? null : template().getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Something will change here without the operator: a pod becomes ready, or the controller has work. */
    boolean settling(long tick) {
        boolean lagging = observedGeneration < generation || statusReplicas != pods.size()
                || pods.stream().filter(p -> p.ready(tick)).count() != statusReady
                || pods.stream().filter(p -> !p.terminating()).count() != replicas();
        return lagging || pods.stream().anyMatch(p -> p.becomesReadyLater(tick) || p.terminating());
    }

    @Override
    Deployment build() {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(new HashMap<>(labels)).withGeneration(generation)
                .withManagedFields(managedFields.render()).endMetadata()
                .withSpec(spec)
                .withNewStatus().withObservedGeneration(observedGeneration).withReplicas(statusReplicas)
                .withUpdatedReplicas(statusUpdated).withReadyReplicas(statusReady).endStatus()
                .build();
    }
}
