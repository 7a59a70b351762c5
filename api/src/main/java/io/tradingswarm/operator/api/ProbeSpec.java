package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A named measurement that gates a release: exactly one provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.prometheus), has(self.http), has(self.job)].filter(x, x).size() == 1",
        message = "each probe sets exactly one of prometheus, http, job")
public class ProbeSpec {
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Referenced by analysis steps and backgroundProbes.")
    public String name;

    @Pattern(Durations.PATTERN)
    @Default("30s")
    @JsonPropertyDescription("How often to measure.")
    public String interval;

    @Pattern(Durations.PATTERN)
    @Default("10s")
    @JsonPropertyDescription("How long one measurement may take; longer counts as an error.")
    public String timeout;

    @Min(0)
    @Max(1000)
    @Default("0")
    @JsonPropertyDescription("Failed measurements tolerated; one more fails the probe.")
    public Integer failureLimit;

    @Min(0)
    @Max(1000)
    @Default("4")
    @JsonPropertyDescription("Provider errors (unreachable, unparsable) tolerated in a row; one more fails the probe.")
    public Integer consecutiveErrorLimit;

    @Pattern("^(Inconclusive|Fail|Pass)$")
    @Default("Inconclusive")
    @JsonPropertyDescription("What an empty result means: Inconclusive pauses the release, Fail counts a failure, Pass a success.")
    public String onNoData;

    @JsonPropertyDescription("Measured and shown, never decides.")
    public Boolean dryRun;

    public PrometheusProbe prometheus;
    public HttpProbe http;
    public JobProbe job;
}
