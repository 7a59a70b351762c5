package io.tradingswarm.operator.reconciler;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;

/** CDI wiring for the operator process; tests build the same objects by hand. */
public class OperatorBeans {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReleaseMetrics metrics(MeterRegistry registry) {
        return new ReleaseMetrics(registry);
    }
}
