package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.ValidationRule;

/** How traffic moves from the stable slot to the new one: exactly one strategy. */
@ValidationRule(value = "has(self.canary) != has(self.blueGreen)", message = "strategy sets exactly one of canary, blueGreen")
public class Strategy {
    @JsonPropertyDescription("Move traffic step by step.")
    public CanaryStrategy canary;

    @JsonPropertyDescription("Bring the new version up beside the old one and switch all traffic at once.")
    public BlueGreenStrategy blueGreen;
}
