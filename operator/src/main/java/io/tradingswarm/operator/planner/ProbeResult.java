package io.tradingswarm.operator.planner;

import java.time.Instant;

import io.tradingswarm.operator.probe.Measurement;

/**
 * A measurement that landed since the last saved status.
 *
 * @param revision the run it was taken for; results of another run are ignored
 */
public record ProbeResult(String probe, String revision, Measurement measurement, Instant at) {
}
