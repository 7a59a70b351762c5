package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** What a failing run does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackPolicy {
    @Default("true")
    @JsonPropertyDescription("Roll back automatically; false stops a failing run at Degraded for a human to decide.")
    public Boolean automatic;

    @Pattern(Durations.PATTERN)
    @Default("30s")
    @JsonPropertyDescription("How long the failed slot keeps its pods after traffic is restored.")
    public String scaleDownDelay;
}
