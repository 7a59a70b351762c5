package io.tradingswarm.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tradingswarm.operator.api.HistoryEntry;

@Tag("unit")
class DoraTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static HistoryEntry run(String result, String started, String finished) {
        HistoryEntry h = new HistoryEntry();
        h.result = result;
        h.startedAt = started;
        h.finishedAt = finished;
        return h;
    }

    @Test
    void figuresOverTheHistoryWindow() {
        // Newest first, as status.history is; the oldest run started four days before NOW.
        List<HistoryEntry> history = List.of(
                run("Succeeded", "2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"),
                run("Cancelled", "2026-03-09T10:00:00Z", "2026-03-09T10:01:00Z"),
                run("RolledBack", "2026-03-08T10:00:00Z", "2026-03-08T10:02:00Z"),
                run("Succeeded", "2026-03-07T12:00:00Z", "2026-03-07T12:20:00Z"),
                run("Superseded", "2026-03-06T12:00:00Z", "2026-03-06T12:05:00Z"));
        Dora d = Dora.of(history, List.of(12.0, 18.0), "2026-03-10T08:00:00+00:00", NOW);
        assertEquals(5, d.runs());
        assertEquals(4.0, d.windowDays());
        assertEquals(5 / 4.0, d.runsPerDay());
        assertEquals(2 / 4.0, d.deploymentsPerDay());
        assertEquals(3, d.verdicts(), "Superseded and Cancelled are no verdict");
        assertEquals(1, d.failures());
        assertEquals(1 / 3.0, d.changeFailureRate());
        assertEquals(2, d.restoreSamples());
        assertEquals(15.0, d.meanTimeToRestoreSeconds());
        assertEquals(2 * 3600 + 600.0, d.leadTimeSeconds(), "commit 08:00 to the newest run's success at 10:10");
        assertEquals((600 + 1200) / 2.0, d.medianRunSeconds());
    }

    @Test
    void aFreshReleaseCountsOverAtLeastOneDay() {
        Dora d = Dora.of(List.of(run("Succeeded", "2026-03-10T11:59:00Z", "2026-03-10T11:59:30Z")), List.of(), null, NOW);
        assertEquals(1.0, d.windowDays());
        assertEquals(1.0, d.deploymentsPerDay());
        assertEquals(0.0, d.changeFailureRate());
        assertNull(d.meanTimeToRestoreSeconds());
        assertNull(d.leadTimeSeconds(), "no commit-time annotation");
        assertEquals(30.0, d.medianRunSeconds());
    }

    @Test
    void noHistoryNoFigures() {
        Dora d = Dora.of(List.of(), List.of(), null, NOW);
        assertEquals(0, d.runs());
        assertNull(d.windowDays());
        assertNull(d.deploymentsPerDay());
        assertNull(d.changeFailureRate());
        assertNull(d.medianRunSeconds());
    }

    @Test
    void leadTimeOnlyWhenTheNewestRunSucceededAfterTheCommit() {
        List<HistoryEntry> rolledBack = List.of(run("RolledBack", "2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"));
        assertNull(Dora.of(rolledBack, List.of(), "2026-03-10T08:00:00Z", NOW).leadTimeSeconds());
        List<HistoryEntry> older = List.of(run("Succeeded", "2026-03-10T10:00:00Z", "2026-03-10T10:10:00Z"));
        assertNull(Dora.of(older, List.of(), "2026-03-10T11:00:00Z", NOW).leadTimeSeconds(), "a commit after the run");
        assertNull(Dora.of(older, List.of(), "yesterday", NOW).leadTimeSeconds(), "unparsable");
    }
}
