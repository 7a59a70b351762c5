package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/** A Service: its selector decides which ready pods get traffic. */
final class ModelService extends AppliedObject<Service> {
    private ServiceSpec spec;

    ModelService(String name) {
        super(name);
    }

    void apply(Service desired) {
        spec = desired.getSpec();
        appliedByOperator(desired);
    }

    Map<String, String> selector() {
        return spec.getSelector() == null ? Map.of() : spec.getSelector();
    }

    @Override
    Service build() {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(new HashMap<>(labels)).withManagedFields(managedFields.render()).endMetadata()
                .withSpec(spec).build();
    }
}
