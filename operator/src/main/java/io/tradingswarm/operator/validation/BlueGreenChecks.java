package io.tradingswarm.operator.validation;

import java.util.List;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.BlueGreenStrategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** The blue-green checks CEL cannot make: analysis windows and the probes they name. */
final class BlueGreenChecks {
    private BlueGreenChecks() {
    }

    static void validate(List<String> errors, SwarmReleaseSpec spec) {
        BlueGreenStrategy bg = spec.strategy.blueGreen;
        SpecValidator.duration(errors, "spec.strategy.blueGreen.scaleDownDelay", bg.scaleDownDelay, true);
        analysis(errors, "spec.strategy.blueGreen.prePromotionAnalysis", bg.prePromotionAnalysis, spec);
        analysis(errors, "spec.strategy.blueGreen.postPromotionAnalysis", bg.postPromotionAnalysis, spec);
    }

    private static void analysis(List<String> errors, String field, AnalysisStep analysis, SwarmReleaseSpec spec) {
        if (analysis != null) {
            SpecValidator.duration(errors, field + ".duration", analysis.duration, false);
            SpecValidator.probeNames(errors, field + ".probes", analysis.probes, spec);
        }
    }
}
