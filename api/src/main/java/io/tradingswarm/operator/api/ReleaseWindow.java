package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** When traffic may shift forward: inside an allowed period and outside every denied one; rollback always may. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.allow) || has(self.deny)", message = "window sets allow, deny or both")
public class ReleaseWindow {
    @Required
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("An IANA time zone, e.g. Europe/London; daylight-saving changes are followed.")
    public String timeZone;

    @Size(min = 1, max = 20)
    @JsonPropertyDescription("The allowed periods; forward progress waits outside all of them. Without allow, every time is allowed"
            + " outside deny.")
    public List<AllowedPeriod> allow;

    @Size(min = 1, max = 50)
    @JsonPropertyDescription("Dated freezes (exchange holidays, rate decisions); forward progress waits inside any of them, even"
            + " where allow would permit.")
    public List<DeniedPeriod> deny;
}
