package io.tradingswarm.operator.planner;

import java.time.Instant;

import io.tradingswarm.operator.probe.Measurement;

/**
 * A measurement that landed since the last saved status.
 *
 * @param run the run it was taken for; results of another run (even of the same revision) are ignored
 * @param launchedAt when it was asked for; {@code at} is when it landed
 */
public record ProbeResult(String probe, RunId run, Measurement measurement, Instant launchedAt, Instant at) {
}
