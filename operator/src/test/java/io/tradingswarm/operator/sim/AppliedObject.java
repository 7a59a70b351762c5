package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What every object the operator applies has in the model: a name, labels merged by each apply,
 * who wrote its spec, and the copy the caches show, rebuilt only after a change (views share it;
 * nobody writes to it).
 */
abstract class AppliedObject<T extends HasMetadata> {
    final String name;
    final Map<String, String> labels = new HashMap<>();
    final ManagedFields managedFields = new ManagedFields();
    private T rendered;

    AppliedObject(String name) {
        this.name = name;
    }

    /** The metadata part of a server-side apply by the operator. */
    void appliedByOperator(HasMetadata desired) {
        if (desired.getMetadata().getLabels() != null) {
            labels.putAll(desired.getMetadata().getLabels());
        }
        managedFields.writtenByOperator();
        changed();
    }

    void changed() {
        rendered = null;
    }

    T render() {
        if (rendered == null) {
            rendered = build();
        }
        return rendered;
    }

    abstract T build();
}
