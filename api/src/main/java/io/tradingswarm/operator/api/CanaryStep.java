package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** One canary step: exactly one of its fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.setWeight), has(self.pause), has(self.analysis), has(self.setHeaderRoute), "
        + "has(self.setCanaryScale)].filter(x, x).size() == 1",
        message = "each step sets exactly one of setWeight, pause, analysis, setHeaderRoute, setCanaryScale")
public class CanaryStep {
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percent of each bot's replicas (and traffic) on the new slot.")
    public Integer setWeight;

    @JsonPropertyDescription("Wait: for a duration, or (with no duration) until the promote action.")
    public PauseStep pause;

    @JsonPropertyDescription("Run probes for a window at the current weight; a failure rolls back.")
    public AnalysisStep analysis;

    @JsonPropertyDescription("With trafficRouting: requests with these headers go to the new version until the run ends.")
    public HeaderRouteStep setHeaderRoute;

    @JsonPropertyDescription("With trafficRouting: the fewest new pods from this step on, e.g. to warm up before a weight.")
    public CanaryScaleStep setCanaryScale;

    public static CanaryStep weight(int percent) {
        CanaryStep step = new CanaryStep();
        step.setWeight = percent;
        return step;
    }

    public static CanaryStep headerRoute(HeaderMatch... match) {
        CanaryStep step = new CanaryStep();
        step.setHeaderRoute = new HeaderRouteStep();
        step.setHeaderRoute.match = java.util.List.of(match);
        return step;
    }

    public static CanaryStep canaryScale(int replicas) {
        CanaryStep step = new CanaryStep();
        step.setCanaryScale = new CanaryScaleStep();
        step.setCanaryScale.replicas = replicas;
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
