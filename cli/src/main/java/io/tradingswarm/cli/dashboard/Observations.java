package io.tradingswarm.cli.dashboard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * What the dashboard saw of one release while it ran, kept in memory only: each probe's measured
 * values over the current run (status carries only the last one), the weight over the run, and
 * the seconds of every rollback it saw (status carries only the last rollback). A new run (another
 * revision or start time) starts new series; each series keeps the newest {@value #CAPACITY} points.
 */
final class Observations {
    static final int CAPACITY = 720;

    /** One measurement: when (ISO-8601, as status has it), the value and the verdict. */
    record Point(String at, double value, String verdict) {
    }

    private String run;
    private final Map<String, ArrayDeque<Point>> probes = new LinkedHashMap<>();
    private final ArrayDeque<Point> weight = new ArrayDeque<>();
    private final Map<String, Double> rollbackSeconds = new LinkedHashMap<>();

    /** Records what this version of the release shows that is new; returns whether anything was added. */
    synchronized boolean record(SwarmRelease release, Instant now) {
        SwarmReleaseStatus status = release.getStatus();
        if (status == null) {
            return false;
        }
        String thisRun = status.revision + "@" + status.runStartedAt;
        if (!thisRun.equals(run)) {
            run = thisRun;
            probes.clear();
            weight.clear();
        }
        boolean added = false;
        for (ProbeStatus p : status.probes) {
            if (p.name == null || p.lastValue == null || p.lastMeasuredAt == null) {
                continue;
            }
            ArrayDeque<Point> series = probes.computeIfAbsent(p.name, k -> new ArrayDeque<>());
            if (series.isEmpty() || !series.peekLast().at().equals(p.lastMeasuredAt)) {
                add(series, new Point(p.lastMeasuredAt, p.lastValue, p.lastVerdict));
                added = true;
            }
        }
        if (status.weight != null && (weight.isEmpty() || weight.peekLast().value() != status.weight)) {
            add(weight, new Point(now.toString(), status.weight, status.phase == null ? null : status.phase.name()));
            added = true;
        }
        if (status.rollback != null && status.rollback.seconds != null && status.rollback.startedAt != null
                && !Objects.equals(rollbackSeconds.put(status.rollback.startedAt, status.rollback.seconds),
                        status.rollback.seconds)) {
            added = true;
        }
        return added;
    }

    synchronized Map<String, List<Point>> probeSeries() {
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        probes.forEach((name, series) -> copy.put(name, List.copyOf(series)));
        return copy;
    }

    synchronized List<Point> weightSeries() {
        return List.copyOf(weight);
    }

    /** The seconds of every rollback seen, keyed by the rollback's start. */
    synchronized Map<String, Double> rollbackSeconds() {
        return new LinkedHashMap<>(rollbackSeconds);
    }

    private static void add(ArrayDeque<Point> series, Point p) {
        if (series.size() == CAPACITY) {
            series.removeFirst();
        }
        series.addLast(p);
    }
}
