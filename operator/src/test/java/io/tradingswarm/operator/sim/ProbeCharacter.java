package io.tradingswarm.operator.sim;

import java.util.Random;

import io.tradingswarm.operator.probe.Measurement;

/** How a probe behaves against one version: mostly healthy, failing, silent, erroring, or never answering. */
enum ProbeCharacter {
    Healthy, Failing, Silent, Erroring, Vanishing;

    static ProbeCharacter draw(Random random) {
        int r = random.nextInt(100);
        return r < 55 ? Healthy : r < 67 ? Failing : r < 79 ? Silent : r < 90 ? Erroring : Vanishing;
    }

    /** One measurement, or null when it never lands. */
    Measurement measure(Random random) {
        int r = random.nextInt(100);
        return switch (this) {
            case Healthy -> r < 85 ? Measurement.pass(1.0, "ok") : r < 93 ? Measurement.error("timeout") : Measurement.noData("empty");
            case Failing -> r < 60 ? Measurement.fail(9.0, "too high") : Measurement.pass(1.0, "ok");
            case Silent -> Measurement.noData("empty result");
            case Erroring -> Measurement.error("connection refused");
            case Vanishing -> r < 90 ? null : Measurement.pass(1.0, "ok");
        };
    }
}
