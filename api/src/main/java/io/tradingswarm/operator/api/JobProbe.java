package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

/**
 * A Job (a smoke test) that must succeed. Its schema is left open: a second full pod schema would
 * push the CRD past the size a client-side {@code kubectl apply} can store.
 */
public class JobProbe {
    @Required
    @PreserveUnknownFields
    @SchemaFrom(type = Object.class)
    @JsonPropertyDescription("The JobSpec to run for each measurement (the API server validates it when the Job is created).")
    public JobSpec template;
}
