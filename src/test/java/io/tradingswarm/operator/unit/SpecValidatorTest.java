package io.tradingswarm.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.RollbackPolicy;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.validation.SpecValidator;

@Tag("unit")
class SpecValidatorTest {

    static SwarmReleaseSpec valid() {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = "v1";
        Bot bot = new Bot();
        bot.name = "maker";
        bot.replicas = 2;
        bot.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("m").withImage("m")
                .endContainer().endSpec().build();
        spec.bots = List.of(bot);
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(50), CanaryStep.pause("1m"));
        return spec;
    }

    @Test
    void aValidSpecHasNoErrors() {
        assertEquals(List.of(), SpecValidator.validate(valid(), host -> true));
    }

    @Test
    void reservedLabelsOnATemplateAreNamedWithTheirField() {
        SwarmReleaseSpec spec = valid();
        spec.bots.get(0).template.setMetadata(new ObjectMetaBuilder()
                .withLabels(Map.of("tradingswarm.io/slot", "b", "team", "mm")).build());
        assertEquals(List.of("spec.bots[0].template.metadata.labels: tradingswarm.io/slot uses the prefix "
                + "tradingswarm.io/, which the operator reserves"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void zeroLengthPausesAndDeadlinesAreRejected() {
        SwarmReleaseSpec spec = valid();
        spec.progressDeadline = "0s";
        spec.strategy.canary.steps = List.of(CanaryStep.pause("0m"));
        assertEquals(List.of("spec.progressDeadline: must be longer than 0s",
                "spec.strategy.canary.steps[0].pause.duration: must be longer than 0s"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void specsThatSlippedPastAnOlderSchemaAreStillCaught() {
        SwarmReleaseSpec spec = valid();
        CanaryStep both = CanaryStep.weight(10);
        both.pause = CanaryStep.pause("1m").pause;
        spec.strategy.canary.steps = List.of(both);
        spec.rollback = new RollbackPolicy();
        spec.rollback.scaleDownDelay = "-1s";
        assertEquals(List.of("spec.rollback.scaleDownDelay: not a duration: '-1s' (use e.g. 30s, 10m, 1h30m)",
                "spec.strategy.canary.steps[0]: set exactly one of setWeight, pause, analysis"), SpecValidator.validate(spec, host -> true));
    }
}
