package io.tradingswarm.operator.planner;

import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * One run: its revision and when it started. A revision can run twice (superseded, then named
 * again), and a measurement taken for the first run must not count for the second.
 */
public record RunId(String revision, String startedAt) {

    public static RunId of(SwarmReleaseStatus status) {
        return new RunId(status.revision, status.runStartedAt);
    }
}
