package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Requests carrying all these headers go to the new version, before and beside any weighted share. */
public class HeaderRouteStep {
    @Required
    @Size(min = 1, max = 8)
    @JsonPropertyDescription("Headers a request must all carry, with exactly these values.")
    public List<HeaderMatch> match;
}
