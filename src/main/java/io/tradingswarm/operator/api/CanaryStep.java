package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** One canary step: exactly one of its fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.setWeight), has(self.pause), has(self.analysis)].filter(x, x).size() == 1",
        message = "each step sets exactly one of setWeight, pause, analysis")
public class CanaryStep {
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percent of each bot's replicas (and traffic) on the new slot.")
    public Integer setWeight;

    @JsonPropertyDescription("Wait: for a duration, or (with no duration) until the promote action.")
    public PauseStep pause;

    @JsonPropertyDescription("Run probes for a window at the current weight; a failure rolls back.")
    public AnalysisStep analysis;

    public static CanaryStep weight(int percent) {
        CanaryStep step = new CanaryStep();
        step.setWeight = percent;
        return step;
    }

    public static CanaryStep analysis(String duration, String... probes) {
        CanaryStep step = new CanaryStep();
        step.analysis = new AnalysisStep();
        step.analysis.duration = duration;
        step.analysis.probes = java.util.List.of(probes);
        return step;
    }

    public static CanaryStep pause(String duration) {
        CanaryStep step = new CanaryStep();
        step.pause = new PauseStep();
        step.pause.duration = duration;
        return step;
    }
}
