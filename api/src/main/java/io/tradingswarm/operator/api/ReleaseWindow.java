package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** When traffic may shift forward; rollback always may. */
public class ReleaseWindow {
    @Required
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("An IANA time zone, e.g. Europe/London; daylight-saving changes are followed.")
    public String timeZone;

    @Required
    @Size(min = 1, max = 20)
    @JsonPropertyDescription("The allowed periods; forward progress waits outside all of them.")
    public List<AllowedPeriod> allow;
}
