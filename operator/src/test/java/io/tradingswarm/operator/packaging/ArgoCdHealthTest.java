package io.tradingswarm.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingswarm.operator.testing.Command;

/**
 * deploy/argocd/health.lua run by Debian's Lua 5.1 (hack/lua.sh; Argo CD's gopher-lua is Lua 5.1)
 * against sample SwarmRelease statuses, with {@code obj} set as Argo CD sets it.
 */
@Tag("packaging")
class ArgoCdHealthTest {
    static final Path SCRIPT = Path.of("deploy", "argocd", "health.lua");
    static final Path SNIPPET = Path.of("deploy", "argocd", "argocd-cm-health-patch.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "phase {0}, Stalled {1} -> {2}")
    @CsvSource({
        "Succeeded,   False,                    Healthy,     Succeeded: v2 is stable",
        "Pending,     False,                    Progressing, Pending: v2 is stable",
        "Progressing, False,                    Progressing, Progressing: v2 is stable",
        "Promoting,   False,                    Progressing, Promoting: v2 is stable",
        "RollingBack, ProgressDeadlineExceeded, Progressing, RollingBack (ProgressDeadlineExceeded): v2 is stable",
        "Paused,      False,                    Suspended,   Paused: v2 is stable",
        "RolledBack,  ProbeFailed,              Degraded,    RolledBack (ProbeFailed): v2 is stable",
        "RolledBack,  ProbeErrors,              Degraded,    RolledBack (ProbeErrors): v2 is stable",
        "Degraded,    ProgressDeadlineExceeded, Degraded,    Degraded (ProgressDeadlineExceeded): v2 is stable",
        "InvalidSpec, InvalidSpec,              Degraded,    InvalidSpec (InvalidSpec): v2 is stable",
    })
    void phasesMapToArgoCdHealth(String phase, String stalledReason, String health, String message) {
        String status = "{\"phase\":\"" + phase + "\",\"observedGeneration\":3,\"message\":\"v2 is stable\",\"conditions\":["
                + "{\"type\":\"Stalled\",\"status\":\"" + (stalledReason.equals("False") ? "False" : "True")
                + "\",\"reason\":\"" + (stalledReason.equals("False") ? phase : stalledReason) + "\"}]}";
        assertEquals(List.of(health, message), health(3, status));
    }

    @Test
    void aStatusOfAnOlderGenerationIsProgressing() {
        assertEquals(List.of("Progressing", "Waiting for the operator to observe generation 4"),
                health(4, "{\"phase\":\"Succeeded\",\"observedGeneration\":3}"));
    }

    @Test
    void noStatusYetIsProgressing() {
        assertEquals("Progressing", health(1, null).get(0));
    }

    @ParameterizedTest(name = "unknown phase with {0}=True -> {1}")
    @CsvSource({"Stalled, Degraded", "Paused, Suspended", "Ready, Healthy", "Reconciling, Progressing"})
    void anUnknownPhaseFallsBackOnTheConditions(String condition, String health) {
        assertEquals(health, health(1, "{\"phase\":\"Verifying\",\"observedGeneration\":1,\"conditions\":[{\"type\":\""
                + condition + "\",\"status\":\"True\",\"reason\":\"X\"}]}").get(0));
    }

    @Test
    void theArgoCdConfigSnippetCarriesTheSameScript() throws IOException {
        String snippet = Files.readString(SNIPPET);
        String key = "resource.customizations.health.tradingswarm.io_SwarmRelease: |\n";
        String embedded = snippet.substring(snippet.indexOf(key) + key.length()).lines()
                .map(l -> l.isEmpty() ? l : l.substring(4)).reduce("", (a, b) -> a + b + "\n");
        assertTrue(snippet.contains(key), snippet);
        assertEquals(Files.readString(SCRIPT), embedded);
    }

    /** Runs the script on a SwarmRelease with this generation and status (JSON, or null) and returns [status, message]. */
    static List<String> health(long generation, String statusJson) {
        try {
            Map<String, Object> obj = new java.util.LinkedHashMap<>();
            obj.put("metadata", Map.of("name", "swarm", "generation", generation));
            if (statusJson != null) {
                obj.put("status", JSON.readTree(statusJson));
            }
            String driver = "obj = " + lua(JSON.valueToTree(obj)) + "\n"
                    + "local hs = assert(loadfile('" + SCRIPT + "'))()\n"
                    + "io.write(hs.status, '\\n', hs.message or '')\n";
            Command.Result r = Command.run(driver, List.of("lua5.1", "-"));
            assertEquals(0, r.exitCode(), r.output());
            return List.of(r.output().split("\n", 2));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON value as a Lua table constructor, as Argo CD hands objects to health scripts. */
    static String lua(JsonNode node) {
        if (node.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var e = it.next();
                b.append("[").append(JSON.valueToTree(e.getKey()).toString()).append("]=").append(lua(e.getValue())).append(",");
            }
            return b.append("}").toString();
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder("{");
            node.forEach(n -> b.append(lua(n)).append(","));
            return b.append("}").toString();
        }
        return node.isNull() ? "nil" : node.toString();
    }
}
