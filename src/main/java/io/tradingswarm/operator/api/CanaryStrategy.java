package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A canary plan: an ordered list of steps. */
public class CanaryStrategy {
    @Required
    @Size(min = 1, max = 50)
    @JsonPropertyDescription("The steps, run in order; after the last one the new version takes all traffic.")
    public List<CanaryStep> steps;
}
