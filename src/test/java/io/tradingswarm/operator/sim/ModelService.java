package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/** A Service: its selector decides which ready pods get traffic. */
final class ModelService {
    final String name;
    private final Map<String, String> labels = new HashMap<>();
    private ServiceSpec spec;
    private final ManagedFields managedFields = new ManagedFields();
    private Service rendered;

    ModelService(String name) {
        this.name = name;
    }

    void apply(Service desired) {
        if (desired.getMetadata().getLabels() != null) {
            labels.putAll(desired.getMetadata().getLabels());
        }
        spec = desired.getSpec();
        managedFields.writtenByOperator();
        rendered = null;
    }

    Map<String, String> selector() {
        return spec.getSelector() == null ? Map.of() : spec.getSelector();
    }

    Service render() {
        if (rendered == null) {
            rendered = build();
        }
        return rendered;
    }

    private Service build() {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(new HashMap<>(labels)).withManagedFields(managedFields.render()).endMetadata()
                .withSpec(spec).build();
    }
}
