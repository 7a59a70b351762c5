package io.tradingswarm.cli.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tradingswarm.operator.api.HistoryEntry;

/**
 * The DORA figures of one release, from its {@code status.history} (the last ten finished runs,
 * newest first), the rollback seconds known and the tradingswarm.io/commit-time annotation; the
 * same definitions as the operator's metrics (docs/metrics.md), over the history instead of a
 * Prometheus range. docs/dashboard.md explains each.
 *
 * @param runs finished runs in the history
 * @param windowDays from the oldest run's start to now, in days, at least 1 (so one fresh run reads
 *        as one a day, not thousands)
 * @param runsPerDay runs (any result) per day over that window
 * @param deploymentsPerDay Succeeded runs per day over that window: the deployment frequency
 * @param verdicts runs that reached a verdict: Succeeded, RolledBack or Degraded (Superseded and
 *        Cancelled runs were replaced or called off before one)
 * @param failures RolledBack or Degraded runs
 * @param changeFailureRate failures / verdicts, null without a verdict
 * @param restoreSamples how many rollback durations are known
 * @param meanTimeToRestoreSeconds their mean (failure detected to traffic restored), null without one
 * @param leadTimeSeconds commit time (annotation) to the newest run succeeding, when that run
 *        succeeded after the commit time; null otherwise
 * @param medianRunSeconds median start-to-finish time of the Succeeded runs, null without one
 */
record Dora(int runs, Double windowDays, Double runsPerDay, Double deploymentsPerDay, int verdicts, int failures,
        Double changeFailureRate, int restoreSamples, Double meanTimeToRestoreSeconds, Double leadTimeSeconds,
        Double medianRunSeconds) {
    static final String COMMIT_TIME = "tradingswarm.io/commit-time";

    static Dora of(List<HistoryEntry> history, Collection<Double> rollbackSeconds, String commitTime, Instant now) {
        int runs = history.size();
        Instant oldest = null;
        int verdicts = 0;
        int failures = 0;
        int succeeded = 0;
        List<Double> runTimes = new ArrayList<>();
        for (HistoryEntry h : history) {
            Instant started = instant(h.startedAt);
            if (started != null && (oldest == null || started.isBefore(oldest))) {
                oldest = started;
            }
            switch (h.result == null ? "" : h.result) {
                case "Succeeded" -> {
                    verdicts++;
                    succeeded++;
                    Instant finished = instant(h.finishedAt);
                    if (started != null && finished != null) {
                        runTimes.add(seconds(started, finished));
                    }
                }
                case "RolledBack", "Degraded" -> {
                    verdicts++;
                    failures++;
                }
                default -> {
                }
            }
        }
        Double windowDays = oldest == null ? null : Math.max(Duration.between(oldest, now).toMillis() / 86_400_000.0, 1.0);
        Double mttr = rollbackSeconds.isEmpty() ? null
                : rollbackSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Double leadTime = null;
        Instant commit = instant(commitTime);
        if (commit != null && !history.isEmpty() && "Succeeded".equals(history.get(0).result)) {
            Instant finished = instant(history.get(0).finishedAt);
            if (finished != null && !finished.isBefore(commit)) {
                leadTime = seconds(commit, finished);
            }
        }
        return new Dora(runs, windowDays, windowDays == null ? null : runs / windowDays,
                windowDays == null ? null : succeeded / windowDays, verdicts, failures,
                verdicts == 0 ? null : (double) failures / verdicts, rollbackSeconds.size(), mttr, leadTime, median(runTimes));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
