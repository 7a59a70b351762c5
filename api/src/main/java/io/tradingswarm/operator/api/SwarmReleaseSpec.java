package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What to release: the bots, their target version and how to get there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.strategy.canary) || has(self.strategy.canary.trafficRouting)"
        + " || !self.strategy.canary.steps.exists(s, has(s.setCanaryScale)) || self.bots.all(b, !has(b.service))",
        message = "setCanaryScale steps need trafficRouting, or bots without a service (their pods take no requests to split)")
public class SwarmReleaseSpec {

    @Required
    @Pattern("^[A-Za-z0-9._-]{1,63}$")
    @JsonPropertyDescription("The target version, 1-63 characters of [A-Za-z0-9._-]; stamped on pods as app.kubernetes.io/version.")
    public String version;

    @Required
    @Size(min = 1, max = 20)
    @ValidationRule(value = "self.all(b, self.filter(c, c.name == b.name).size() == 1)",
            message = "bots[].name must be unique")
    @JsonPropertyDescription("The workloads released together, in lockstep.")
    public List<Bot> bots;

    @Required
    @JsonPropertyDescription("How traffic moves to the new version.")
    public Strategy strategy;

    @Pattern(Durations.PATTERN)
    @Default("10m")
    @JsonPropertyDescription("How long the new slot may take to become ready at each step before the run rolls back.")
    public String progressDeadline;

    @JsonPropertyDescription("What happens when a run fails.")
    public RollbackPolicy rollback;

    @Size(max = 20)
    @ValidationRule(value = "self.all(p, self.filter(q, q.name == p.name).size() == 1)", message = "probes[].name must be unique")
    @JsonPropertyDescription("Named probes, used by analysis steps and backgroundProbes.")
    public List<ProbeSpec> probes;

    @Size(max = 20)
    @JsonPropertyDescription("Probes measured for the whole canary run; a failure rolls back.")
    public List<@Size(max = 63) String> backgroundProbes;

    @JsonPropertyDescription("Jobs run before any traffic moves, after success and after a rollback.")
    public Hooks hooks;

    @JsonPropertyDescription("When traffic may shift forward; rollback always may.")
    public ReleaseWindow window;

    @Size(max = 10)
    @JsonPropertyDescription("Webhooks told about the release's events.")
    public List<Notification> notifications;

    @JsonPropertyDescription("How the trading gate hands a bot's book between slots.")
    public TradingSettings trading;

    @JsonPropertyDescription("Declarative pause: no forward progress while true; rollback still happens.")
    public Boolean paused;
}
