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
    final ManagedFields managedFields = new ManagedFields();

    ModelService(String name) {
        this.name = name;
    }

    void apply(Service desired) {
        if (desired.getMetadata().getLabels() != null) {
            labels.putAll(desired.getMetadata().getLabels());
        }
        spec = desired.getSpec();
        managedFields.writtenByOperator();
    }

    Map<String, String> selector() {
        return spec.getSelector() == null ? Map.of() : spec.getSelector();
    }

    Service render() {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(new HashMap<>(labels)).withManagedFields(managedFields.render()).endMetadata()
                .withSpec(spec).build();
    }
}
