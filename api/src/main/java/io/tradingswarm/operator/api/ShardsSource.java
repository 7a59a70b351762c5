package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** Where a bot's shards come from when the spec does not list them inline (docs/trading-gate.md, "Shards from a ConfigMap"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShardsSource {
    @Required
    @JsonPropertyDescription("A key of a ConfigMap in the release's namespace, labelled tradingswarm.io/shards=\"true\": the shards separated by newlines or commas; blank entries and lines starting with # are ignored.")
    public ConfigMapKeyReference configMapKeyRef;
}
