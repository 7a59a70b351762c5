package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An instant PromQL query whose single value must lie within [min, max]. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.min) || has(self.max)", message = "a prometheus probe sets min, max or both")
public class PrometheusProbe {
    @JsonPropertyDescription("Prometheus base URL, e.g. http://prometheus.monitoring:9090; default: the operator's swarm.probes.prometheus.address.")
    public String address;

    @Required
    @JsonPropertyDescription("PromQL returning a scalar or a single-sample vector; placeholders such as {{version}} are filled in.")
    public String query;

    public Double min;
    public Double max;

    @JsonPropertyDescription("Credentials for Prometheus, from a Secret in the release's namespace.")
    public PrometheusAuth auth;
}
