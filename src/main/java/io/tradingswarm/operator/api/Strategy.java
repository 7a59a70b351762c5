package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** How traffic moves from the stable slot to the new one. */
public class Strategy {
    @Required
    @JsonPropertyDescription("Move traffic step by step.")
    public CanaryStrategy canary;
}
