package io.tradingswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

@Tag("unit")
class KubeOptionsTest {
    @TempDir
    Path dir;

    Path kubeconfig(String file, String context, String server, String namespace) throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, """
                apiVersion: v1
                kind: Config
                current-context: %1$s
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: %1$s%2$s}
                clusters:
                - name: %1$s
                  cluster: {server: "%3$s"}
                users:
                - name: %1$s
                  user: {token: token-%1$s}
                """.formatted(context, namespace == null ? "" : ", namespace: " + namespace, server));
        return p;
    }

    @Test
    void theCurrentContextAndItsNamespaceAreUsedByDefault() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.kube"));
        Files.move(kubeconfig("config", "kind", "https://127.0.0.1:6443", "desk"), home.resolve("config"));
        var t = KubeOptions.resolve(null, null, null, Map.of(), dir.resolve("home").toString());
        assertEquals("kind", t.context());
        assertEquals("desk", t.namespace());
        assertEquals("https://127.0.0.1:6443", t.server());
        assertEquals("token-kind", t.config().getAutoOAuthToken());
    }

    @Test
    void aContextWithoutNamespaceMeansDefaultAndDashNWins() throws IOException {
        Path a = kubeconfig("a", "kind", "https://127.0.0.1:6443", null);
        assertEquals("default", KubeOptions.resolve(a.toString(), null, null, Map.of(), "/nowhere").namespace());
        assertEquals("ops", KubeOptions.resolve(a.toString(), null, "ops", Map.of(), "/nowhere").namespace());
    }

    @Test
    void kubeconfigIsAMergedPathListWhereTheFirstFileWins() throws IOException {
        Path a = kubeconfig("a", "alpha", "https://10.0.0.1:6443", "ns-a");
        Path b = kubeconfig("b", "beta", "https://10.0.0.2:6443", null);
        Map<String, String> env = Map.of("KUBECONFIG", a + ":" + dir.resolve("missing") + ":" + b);
        var t = KubeOptions.resolve(null, null, null, env, "/nowhere");
        assertEquals("alpha", t.context());
        assertEquals(List.of(a.toFile(), b.toFile()), t.files(), "missing files in the list are skipped, as kubectl does");
        var beta = KubeOptions.resolve(null, "beta", null, env, "/nowhere");
        assertEquals("https://10.0.0.2:6443", beta.server());
        assertEquals("default", beta.namespace());
    }

    @Test
    void theKubeconfigFlagWinsOverTheEnvironment() throws IOException {
        Path a = kubeconfig("a", "alpha", "https://10.0.0.1:6443", null);
        Path b = kubeconfig("b", "beta", "https://10.0.0.2:6443", null);
        var t = KubeOptions.resolve(b.toString(), null, null, Map.of("KUBECONFIG", a.toString()), "/nowhere");
        assertEquals("beta", t.context());
    }

    @Test
    void missingFilesAndContextsAreNamed() throws IOException {
        CliError none = assertThrows(CliError.class, () -> KubeOptions.resolve(null, null, null, Map.of(), dir.toString()));
        assertEquals("Error: no kubeconfig: " + dir + "/.kube/config does not exist (set KUBECONFIG or pass --kubeconfig)",
                none.line());
        assertEquals(CliError.Kind.NO_CONFIG, none.kind());
        CliError flag = assertThrows(CliError.class, () -> KubeOptions.resolve("/no/such", null, null, Map.of(), "/"));
        assertEquals("Error: the kubeconfig /no/such given with --kubeconfig does not exist", flag.line());
        CliError env = assertThrows(CliError.class,
                () -> KubeOptions.resolve(null, null, null, Map.of("KUBECONFIG", "/no/such"), "/"));
        assertEquals("Error: no kubeconfig: KUBECONFIG names /no/such, which does not exist", env.line());
        Path a = kubeconfig("a", "alpha", "https://10.0.0.1:6443", null);
        CliError ctx = assertThrows(CliError.class, () -> KubeOptions.resolve(a.toString(), "prod", null, Map.of(), "/"));
        assertEquals("Error: context \"prod\" does not exist in " + a, ctx.line());
    }

    @Test
    void clientFailuresReadLikeKubectl() {
        var patch = CliError.Operation.release("patch", "desk", "trading-swarm");
        assertEquals("Error: you cannot patch swarmreleases.tradingswarm.io in namespace \"desk\"",
                CliError.from(status(403), patch, "https://127.0.0.1:6443").line());
        assertEquals("Error: you cannot list swarmreleases.tradingswarm.io at the cluster scope",
                CliError.from(status(403), CliError.Operation.release("list", null, null), "https://x").line());
        assertEquals("Error: you cannot list deployments.apps in namespace \"desk\"",
                CliError.from(status(403), new CliError.Operation("list", "deployments.apps", "desk", null), "https://x").line());
        assertEquals("Error: swarmrelease \"trading-swarm\" not found in namespace \"desk\"",
                CliError.from(status(404), CliError.Operation.release("get", "desk", "trading-swarm"), "https://x").line());
        CliError refused = CliError.from(new KubernetesClientException("failed", new ConnectException("Connection refused")),
                CliError.Operation.release("get", "desk", "trading-swarm"), "https://127.0.0.1:1");
        assertEquals(CliError.Kind.NO_CLUSTER, refused.kind());
        assertTrue(refused.line().startsWith("Error: the connection to the server 127.0.0.1:1 was refused"), refused.line());
        assertEquals(1, refused.exitCode());
    }

    static KubernetesClientException status(int code) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("denied").build());
    }
}
