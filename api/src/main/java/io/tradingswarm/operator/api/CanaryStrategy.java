package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A canary plan: an ordered list of steps, with replica-ratio traffic or a router. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.trafficRouting) || !self.steps.exists(s, has(s.setHeaderRoute))",
        message = "setHeaderRoute steps need trafficRouting")
public class CanaryStrategy {
    @Required
    @Size(min = 1, max = 50)
    @JsonPropertyDescription("The steps, run in order; after the last one the new version takes all traffic.")
    public List<CanaryStep> steps;

    @JsonPropertyDescription("Route exact weights through Gateway API or Istio; unset: the replica ratio of the two slots is the traffic split.")
    public TrafficRouting trafficRouting;
}
