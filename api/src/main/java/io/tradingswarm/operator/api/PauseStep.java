package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** A pause step; without a duration it waits for the promote action. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PauseStep {
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long to wait, e.g. 10m; omit to wait for the promote action.")
    public String duration;
}
