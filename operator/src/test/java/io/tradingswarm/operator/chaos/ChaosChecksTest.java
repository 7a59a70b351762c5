package io.tradingswarm.operator.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make chaos's judge, on audit logs written here: a clean history holds, each broken one is named. */
@Tag("unit")
class ChaosChecksTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private int second;

    @TempDir
    Path dir;

    @Test
    void aCanaryRunWalkedInOrderAndRolledBackCleanlyHolds() throws IOException {
        save("Progressing", 0, 25, "b");
        probe();
        save("Progressing", 2, 50, "b");
        save("RollingBack", 2, 0, "a");
        service("a");
        job("swarm-rb-page-1", 201);
        save("RolledBack", 2, 0, "a");

        checks().all().forEach(c -> assertEquals(List.of(), c.violations(), c.invariant()));
    }

    @Test
    void aStepThatRunsAgainIsNamed() throws IOException {
        save("Progressing", 2, 50, "b");
        save("Progressing", 0, 25, "b");
        save("RolledBack", 0, 0, "a");

        assertTrue(checks().stepsInOrderOnce().violations().get(0).contains("step went back from 3 to 1"));
    }

    @Test
    void aServiceWrittenOnTheFailedSlotAfterTheDecisionIsNamed() throws IOException {
        save("Progressing", 0, 25, "b");
        save("RollingBack", 0, 0, "a");
        service("b");
        save("RolledBack", 0, 0, "a");

        assertEquals(1, checks().noServiceOnAFailedSlot().violations().size());
    }

    @Test
    void aHookJobCreatedTwiceIsNamed() throws IOException {
        save("Pending", 0, 0, "a");
        job("swarm-pre-migrate-1", 201);
        job("swarm-pre-migrate-1", 201);
        save("RolledBack", 0, 0, "a");

        assertEquals(1, checks().hookJobsOnce().violations().size());
    }

    @Test
    void aRunThatNeverEndsIsNamed() throws IOException {
        save("Progressing", 0, 25, "b");

        assertEquals(1, checks().everyRunEnded().violations().size());
    }

    @Test
    void aRunWhoseFirstStepsTheApiServerRotatedAwayIsJudgedWhole() throws IOException {
        save("Progressing", 0, 25, "b");
        probe();
        Files.write(dir.resolve("audit-2026-12-01T08-00-01.500.log"), lines);
        lines.clear();
        save("Progressing", 2, 50, "b");
        paused();
        probe();
        probe(); // the 2 s pause
        save("Progressing", 4, 100, "b");
        save("Succeeded", 4, 100, "b");

        checks().all().forEach(c -> assertEquals(List.of(), c.violations(), c.invariant()));
    }

    @Test
    void aPauseCutShortIsNamedByTheStampTheOperatorSaved() throws IOException {
        save("Progressing", 0, 25, "b");
        probe();
        save("Progressing", 2, 50, "b");
        paused();
        save("Progressing", 4, 100, "b");
        save("Succeeded", 4, 100, "b");

        assertTrue(checks().stepsInOrderOnce().violations().get(0).contains("inside the 2s pause"));
    }

    @Test
    void aSaveLeftUnansweredByAKilledOperatorIsNotTakenAsStored() throws IOException {
        save("Progressing", 0, 25, "b");
        probe();
        statusPatch(504, "Progressing", "v2", "r2", T0, 2, 50, "b"); // never stored: the operator was killed first
        save("Progressing", 1, 25, "b"); // the next one goes on from what was stored
        save("RollingBack", 1, 0, "a");
        save("RolledBack", 1, 0, "a");

        checks().all().forEach(c -> assertEquals(List.of(), c.violations(), c.invariant()));
    }

    private ChaosChecks checks() throws IOException {
        Path log = dir.resolve("audit.log");
        Files.write(log, lines);
        return new ChaosChecks(AuditTrail.read(log), List.of(new VersionProbe.Request("v2", T0.plusMillis(1500))), List.of());
    }

    /** A status save of run v2 (revision r2, from stable r1 on slot a); {@code slot}: where its Service points. */
    private void save(String phase, int step, int weight, String stableSlot) {
        statusPatch(200, phase, "v2", "r2", T0, step, weight, stableSlot);
    }

    /** A status save answered {@code code}: 200 with the stored object, else the request alone. */
    private void statusPatch(int code, String phase, String version, String revision, Instant started, int step, int weight,
            String stableSlot) {
        String body = """
                {"status":{"phase":"%s","strategy":"canary","version":"%s","revision":"%s","stableRevision":"r1","stableSlot":"%s",
                "runStartedAt":"%s","currentStep":%d,"weight":%d}}""".formatted(phase, version, revision, stableSlot, started, step, weight);
        request("swarmreleases", "status", "patch", code, "swarm", code == 200 ? body : null, code == 200 ? null : body.replace("\n", ""));
    }

    /** {@code slot} "both": no slot in the selector. */
    private void service(String slot) {
        request("services", null, "patch", 200, Swarm.BOT, """
                {"spec":{"selector":{"tradingswarm.io/release":"swarm"%s}}}""".formatted(slot.equals("both") ? ""
                : ",\"tradingswarm.io/slot\":\"" + slot + "\""), null);
    }

    /** The run at its pause step, stamped now. */
    private void paused() {
        request("swarmreleases", "status", "patch", 200, "swarm", """
                {"status":{"phase":"Paused","strategy":"canary","version":"v2","revision":"r2","stableRevision":"r1","stableSlot":"b",
                "runStartedAt":"%s","currentStep":3,"weight":50,"stepStartedAt":"%s"}}""".formatted(T0, T0.plusSeconds(second + 1)), null);
    }

    private void job(String name, int code) {
        request("jobs", null, "create", code, name, null, "{\"metadata\":{\"labels\":{\"tradingswarm.io/hook\":\"preRollout.migrate\"}}}");
    }

    private void probe() {
        second++; // the probe's request falls in this second
    }

    private void request(String resource, String subresource, String verb, int code, String name, String response, String request) {
        second++;
        lines.add(("{\"stage\":\"ResponseComplete\",\"verb\":\"%s\",\"user\":{\"username\":\"%s\"},\"objectRef\":{\"resource\":\"%s\","
                + "%s\"namespace\":\"chaos-01\",\"name\":\"%s\"},\"responseStatus\":{\"code\":%d},\"stageTimestamp\":\"%s\"%s%s}")
                .formatted(verb, AuditTrail.OPERATOR, resource, subresource == null ? "" : "\"subresource\":\"" + subresource + "\",", name,
                        code, T0.plusSeconds(second), response == null ? "" : ",\"responseObject\":" + response.replace("\n", ""),
                        request == null ? "" : ",\"requestObject\":" + request));
    }
}
