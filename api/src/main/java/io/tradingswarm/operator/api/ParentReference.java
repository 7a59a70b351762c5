package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Gateway API parent reference (usually a Gateway) of an operator-created HTTPRoute. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParentReference {
    @Size(max = 253)
    @JsonPropertyDescription("API group of the parent; default gateway.networking.k8s.io.")
    public String group;

    @Size(max = 63)
    @JsonPropertyDescription("Kind of the parent; default Gateway.")
    public String kind;

    @Size(max = 63)
    @JsonPropertyDescription("Namespace of the parent; default the release's.")
    public String namespace;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the parent.")
    public String name;

    @Size(max = 253)
    @JsonPropertyDescription("A listener of the parent.")
    public String sectionName;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("A port of the parent.")
    public Integer port;
}
