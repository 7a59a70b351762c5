package io.tradingswarm.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.cli.KubectlSwarm;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.SwarmRelease;
import picocli.CommandLine;

/**
 * Every command against the local cluster's real apiserver, run in this JVM exactly as the
 * launcher runs it (same entry point, same exit codes): its output (golden files under
 * cli/src/test/resources/golden, AGE and the namespace masked; -Dgolden.update=true rewrites
 * them), its writes, its errors. Each test has a fresh namespace; no operator is needed: status is
 * written through the status subresource, and the action tests play the operator's part.
 */
@Tag("e2e")
class CliE2ETest {
    static final Path KUBECONFIG = Path.of(System.getenv().getOrDefault("KUBECONFIG", ".cache/cluster/kubeconfig"));
    static final Path GOLDEN = Path.of("cli/src/test/resources/golden");
    static final String NAME = "trading-swarm";

    KubernetesClient client;
    String namespace;
    final List<Path> tempFiles = new ArrayList<>();

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void installCrd() {
        try (KubernetesClient admin = admin()) {
            Fixtures.installCrd(admin);
        }
    }

    static KubernetesClient admin() {
        if (!Files.isReadable(KUBECONFIG)) {
            throw new IllegalStateException(KUBECONFIG + " not found: start the local cluster with `make cluster-up` "
                    + "(or run the suite with `make e2e`)");
        }
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(KUBECONFIG))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void freshNamespace() {
        client = admin();
        namespace = "cli-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        client.namespaces().withName(namespace).delete();
        client.close();
        for (Path p : tempFiles) {
            Files.deleteIfExists(p);
        }
    }

    // ---- list ----

    @Test
    void listShowsKubectlsColumnsPlusRollback() throws IOException {
        Fixtures.pausedCanary(client, namespace, NAME);
        Result r = swarmIn("list");
        assertEquals(0, r.code(), r::toString);
        golden("list.txt", maskAge(r.out()));
        List<String> header = List.of(r.out().lines().findFirst().orElseThrow().trim().split("\\s+"));
        List<String> crdColumns = new ArrayList<>(List.of("NAME"));
        crdColumns.addAll(printerColumns());
        List<String> expected = new ArrayList<>(crdColumns);
        expected.add(expected.indexOf("AGE"), "ROLLBACK");
        assertEquals(expected, header, "kubectl get srel's columns (the CRD's additionalPrinterColumns), plus ROLLBACK");
    }

    @Test
    void listAllNamespacesAddsTheNamespaceColumn() {
        Fixtures.pausedCanary(client, namespace, NAME);
        Result r = swarm("list", "-A", "--kubeconfig", KUBECONFIG.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("NAMESPACE "), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(namespace + " ") && l.contains(NAME) && l.contains("Paused")
                && l.contains("3.8s")), r::toString);
    }

    @Test
    void listOfAnEmptyNamespaceSaysSo() {
        Result r = swarmIn("list");
        assertEquals(new Result(0, "", "No resources found in " + namespace + " namespace.\n"), r);
    }

    // ---- get ----

    @Test
    void getDrawsTheTree() throws IOException {
        Fixtures.pausedCanary(client, namespace, NAME);
        Result r = swarmIn("get", NAME);
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        golden("get.txt", maskAge(r.out()));
    }

    @Test
    void getWatchPrintsAFrameOnEveryChangeOfTheReleaseOrItsDeployments() throws Exception {
        Fixtures.pausedCanary(client, namespace, NAME);
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread watcher = new Thread(() -> code.set(execute(out, new StringWriter(), "get", NAME, "-w", "-n", namespace,
                "--kubeconfig", KUBECONFIG.toString())));
        watcher.start();
        try {
            await("the first frame", () -> out.toString().contains("HISTORY"));
            assertTrue(!out.toString().contains("\033["), "no terminal control codes when stdout is not a terminal");

            SwarmRelease r = client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
            r.getStatus().phase = io.tradingswarm.operator.api.Phase.Progressing;
            r.getStatus().currentStep = 2;
            r.getStatus().step = "3/6";
            r.getStatus().message = "analysis: 1m of 2m";
            client.resource(r).updateStatus();
            await("a frame at step 3", () -> out.toString().contains("▶ 3. analysis 2m: smoke, health"));

            client.apps().deployments().inNamespace(namespace).withName("market-maker-b").scale(2);
            await("a frame with market-maker-b at 2 replicas", () -> out.toString().lines()
                    .anyMatch(l -> l.contains("market-maker-b") && l.matches(".*\\s[0-2]/2\\s.*")));
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        String[] frames = out.toString().split("\n\n(?=Name: )");
        assertTrue(frames.length >= 3, "one frame per change, separated by a blank line:\n" + out);
        assertTrue(frames[0].contains("▶ 2. pause until promote"), frames[0]);
        assertEquals(0, code.get(), "Ctrl-C (here: an interrupt) ends the watch quietly");
    }

    // ---- history ----

    @Test
    void historyListsEveryRunWithResultDurationAndReason() throws IOException {
        Fixtures.pausedCanary(client, namespace, NAME);
        Result r = swarmIn("history", NAME);
        assertEquals(0, r.code(), r::toString);
        golden("history.txt", r.out());
    }

    // ---- actions ----

    @Test
    void actionsSetTheAnnotationAndSaySo() {
        Fixtures.pausedCanary(client, namespace, NAME);
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("promote"), "promote");
        cases.put(List.of("promote", "--full"), "promote-full");
        cases.put(List.of("abort"), "abort");
        cases.put(List.of("retry"), "retry");
        cases.put(List.of("undo"), "undo");
        cases.put(List.of("undo", "--to-revision", "5d8f6c7b"), "undo:5d8f6c7b");
        cases.forEach((args, value) -> {
            List<String> line = new ArrayList<>(List.of(args.get(0), NAME, "--wait=0"));
            line.addAll(args.subList(1, args.size()));
            Result r = swarmIn(line.toArray(String[]::new));
            assertEquals(new Result(0, "swarmrelease " + NAME + ": " + value + " requested (status.lastAction will show it)\n", ""), r);
            assertEquals(value, annotations().get(ReleaseView.ACTION_ANNOTATION), "after " + args);
        });
    }

    @Test
    void anActionWaitsForTheOperatorsAnswer() throws Exception {
        Fixtures.pausedCanary(client, namespace, NAME);
        Thread operator = fakeOperator("Applied", "promote applied");
        try {
            Result r = swarmIn("promote", NAME, "--wait=20s");
            assertEquals(new Result(0, "swarmrelease " + NAME + ": promote requested\nswarmrelease " + NAME
                    + ": promote applied by the operator: promote applied\n", ""), r);
        } finally {
            operator.interrupt();
            operator.join();
        }
    }

    @Test
    void anIgnoredActionIsAnError() throws Exception {
        Fixtures.pausedCanary(client, namespace, NAME);
        Thread operator = fakeOperator("Ignored", "retry makes no sense in phase Paused");
        try {
            Result r = swarmIn("retry", NAME, "--wait=20s");
            assertEquals(new Result(1, "swarmrelease " + NAME + ": retry requested\n",
                    "Error: the operator did not apply retry (Ignored): retry makes no sense in phase Paused\n"), r);
        } finally {
            operator.interrupt();
            operator.join();
        }
    }

    @Test
    void withoutAnOperatorTheWaitIsBounded() {
        Fixtures.pausedCanary(client, namespace, NAME);
        long t0 = System.nanoTime();
        Result r = swarmIn("abort", NAME, "--wait=1s");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().endsWith("swarmrelease " + NAME + ": no answer from the operator within 1s (is it running? "
                + "status.lastAction will show the result)\n"), r::toString);
        assertTrue(ms < 5000, "waited " + ms + " ms");
    }

    @Test
    void pauseAndResumeSetSpecPausedAsKubectlSwarm() {
        Fixtures.pausedCanary(client, namespace, NAME);
        assertEquals(new Result(0, "swarmrelease " + NAME + " paused (spec.paused: true; no forward progress, a rollback still happens)\n", ""),
                swarmIn("pause", NAME));
        SwarmRelease r = client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
        assertEquals(Boolean.TRUE, r.getSpec().paused);
        assertTrue(r.getMetadata().getManagedFields().stream().anyMatch(f -> "kubectl-swarm".equals(f.getManager())),
                "the field manager says who paused it");
        assertTrue(swarmIn("pause", NAME).out().endsWith("(no change)\n"));
        assertEquals(new Result(0, "swarmrelease " + NAME + " resumed (spec.paused: false)\n", ""), swarmIn("resume", NAME));
        assertEquals(Boolean.FALSE, client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get().getSpec().paused);
    }

    // ---- errors and exit codes ----

    @Test
    void aMissingReleaseIsNamedWithItsNamespace() {
        String expected = "Error: swarmrelease \"nope\" not found in namespace \"" + namespace + "\"\n";
        for (String[] args : List.of(new String[] {"get", "nope"}, new String[] {"get", "nope", "-w"},
                new String[] {"history", "nope"}, new String[] {"promote", "nope"}, new String[] {"undo", "nope"},
                new String[] {"pause", "nope"}, new String[] {"resume", "nope"})) {
            assertEquals(new Result(1, "", expected), swarmIn(args), String.join(" ", args));
        }
    }

    @Test
    void withoutPermissionTheVerbAndResourceAreNamed() throws IOException {
        Fixtures.pausedCanary(client, namespace, NAME);
        Path reader = readOnlyKubeconfig();
        String[] base = {"-n", namespace, "--kubeconfig", reader.toString()};
        Result get = swarm(concat(new String[] {"get", NAME}, base));
        assertEquals(0, get.code(), "get and list are allowed: " + get);
        String patch = "Error: you cannot patch swarmreleases.tradingswarm.io in namespace \"" + namespace + "\"\n";
        assertEquals(new Result(1, "", patch), swarm(concat(new String[] {"promote", NAME, "--wait=0"}, base)));
        assertEquals(new Result(1, "", patch), swarm(concat(new String[] {"pause", NAME}, base)));
        assertEquals(new Result(1, "", "Error: you cannot list swarmreleases.tradingswarm.io at the cluster scope\n"),
                swarm("list", "-A", "--kubeconfig", reader.toString()));
        assertEquals(new Result(1, "", "Error: you cannot get swarmreleases.tradingswarm.io in namespace \"default\"\n"),
                swarm("get", NAME, "-n", "default", "--kubeconfig", reader.toString()));
    }

    @Test
    void withoutAClusterTheServerOrFileIsNamed() throws IOException {
        Path nowhere = kubeconfig("""
                apiVersion: v1
                kind: Config
                current-context: gone
                contexts: [{name: gone, context: {cluster: gone, user: gone}}]
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: gone, user: {token: t}}]
                """);
        long t0 = System.nanoTime();
        Result r = swarm("get", NAME, "--kubeconfig", nowhere.toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals("Error: the connection to the server 127.0.0.1:1 was refused - is the cluster running, and is "
                + "https://127.0.0.1:1 the right address?\n", r.err());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "fails fast, no retries");
        assertEquals(new Result(1, "", "Error: the kubeconfig /no/such/kubeconfig given with --kubeconfig does not exist\n"),
                swarm("list", "--kubeconfig", "/no/such/kubeconfig"));
        assertEquals(new Result(1, "", "Error: context \"prod\" does not exist in " + nowhere + "\n"),
                swarm("list", "--kubeconfig", nowhere.toString(), "--context", "prod"));
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, swarm().code());
        assertEquals(2, swarm("frobnicate").code());
        Result missing = swarm("get");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("Missing required parameter: 'NAME'"), missing::toString);
        Result badWait = swarm("promote", NAME, "--wait=soon");
        assertEquals(2, badWait.code());
        assertTrue(badWait.err().contains("Invalid value for option '--wait'"), badWait::toString);
        assertEquals(2, swarm("completion", "fish").code());
        assertEquals(0, swarm("--help").code());
    }

    @Test
    void theRealMainExitsWithTheseCodes() throws Exception {
        Fixtures.pausedCanary(client, namespace, NAME);
        // A fresh JVM through main(): the prefetch threads, System.exit and the UTF-8 stdout are what a user gets.
        Result ok = process("get", NAME, "-n", namespace, "--kubeconfig", KUBECONFIG.toString());
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(maskAge(swarmIn("get", NAME).out()), maskAge(ok.out()));
        assertEquals(new Result(1, "", "Error: swarmrelease \"nope\" not found in namespace \"" + namespace + "\"\n"),
                process("get", "nope", "-n", namespace, "--kubeconfig", KUBECONFIG.toString()));
        assertEquals(new Result(1, "", "Error: context \"prod\" does not exist in " + KUBECONFIG + "\n"),
                process("get", NAME, "--context", "prod", "--kubeconfig", KUBECONFIG.toString()));
        assertEquals(2, process("get").code());
    }

    static Result process(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KubectlSwarm.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl-swarm " + String.join(" ", args) + " did not exit within 60s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    // ---- completion ----

    @Test
    void completionScriptsAndKubectlPluginCompletion() {
        Fixtures.pausedCanary(client, namespace, NAME);
        Result bash = swarm("completion", "bash");
        assertEquals(0, bash.code());
        assertTrue(bash.out().contains("complete -F _complete_kubectl-swarm") && bash.out().contains("promote"), bash::toString);
        assertEquals(bash.out(), swarm("completion", "zsh").out(), "one script serves both, through bashcompinit in zsh");
        assertTrue(swarm("completion", "kubectl-plugin").out().contains("exec kubectl-swarm __complete \"$@\""));
        // What kubectl_complete-swarm is asked by kubectl 1.26+ (Cobra's protocol: candidates, then :directive).
        assertEquals(new Result(0, "promote\n:4\n", ""), swarm("__complete", "prom"));
        assertEquals(new Result(0, NAME + "\n:4\n", ""),
                swarm("__complete", "get", "-n", namespace, "--kubeconfig", KUBECONFIG.toString(), "tr"));
        assertEquals(new Result(0, "--full\n--namespace\n", ""), new Result(0,
                String.join("\n", swarm("__complete", "promote", "--").out().lines().filter(l -> l.equals("--full") || l.equals("--namespace")).toList()) + "\n", ""));
    }

    // ---- helpers ----

    Result swarmIn(String... args) {
        return swarm(concat(args, new String[] {"-n", namespace, "--kubeconfig", KUBECONFIG.toString()}));
    }

    static Result swarm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = execute(out, err, args);
        return new Result(code, out.toString(), err.toString());
    }

    static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = KubectlSwarm.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return KubectlSwarm.execute(cmd, args);
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    Map<String, String> annotations() {
        return client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get().getMetadata().getAnnotations();
    }

    /** Plays the operator: takes the action annotation and answers in status.lastAction, as the operator does. */
    Thread fakeOperator(String result, String message) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    SwarmRelease r = client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
                    String action = r.getMetadata().getAnnotations() == null ? null
                            : r.getMetadata().getAnnotations().get(ReleaseView.ACTION_ANNOTATION);
                    if (action != null) {
                        client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\":{\"annotations\":{\"tradingswarm.io/action\":null}}}");
                        io.tradingswarm.operator.api.LastAction done = new io.tradingswarm.operator.api.LastAction();
                        done.action = action;
                        done.result = result;
                        done.message = message;
                        done.requestId = action + "@" + UUID.randomUUID();
                        done.handledAt = Instant.now().toString();
                        SwarmRelease fresh = client.resources(SwarmRelease.class).inNamespace(namespace).withName(NAME).get();
                        fresh.getStatus().lastAction = done;
                        client.resource(fresh).updateStatus();
                        return;
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    /** A kubeconfig for a ServiceAccount that may get, list and watch releases and Deployments here, nothing else. */
    Path readOnlyKubeconfig() throws IOException {
        client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("reader").endMetadata().build()).create();
        client.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("reader").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("tradingswarm.io").withResources("swarmreleases")
                        .withVerbs("get", "list", "watch").build(),
                        new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments")
                                .withVerbs("get", "list", "watch").build())
                .build()).create();
        client.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("reader").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
                .addNewSubject().withKind("ServiceAccount").withName("reader").withNamespace(namespace).endSubject()
                .build()).create();
        String token = client.serviceAccounts().inNamespace(namespace).withName("reader")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config admin = client.getConfiguration();
        String ca = admin.getCaCertFile() != null ? "certificate-authority: \"" + admin.getCaCertFile() + "\""
                : admin.getCaCertData() != null ? "certificate-authority-data: \"" + admin.getCaCertData() + "\""
                : "insecure-skip-tls-verify: true";
        return kubeconfig("""
                apiVersion: v1
                kind: Config
                current-context: reader
                contexts: [{name: reader, context: {cluster: local, user: reader, namespace: %s}}]
                clusters: [{name: local, cluster: {server: "%s", %s}}]
                users: [{name: reader, user: {token: "%s"}}]
                """.formatted(namespace, admin.getMasterUrl().replaceFirst("/$", ""), ca, token));
    }

    Path kubeconfig(String yaml) throws IOException {
        Path p = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(p, yaml);
        tempFiles.add(p);
        return p;
    }

    /** The CRD's printer column names, in order. */
    static List<String> printerColumns() throws IOException {
        try (var in = Files.newInputStream(Path.of(Fixtures.CRD))) {
            var crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in,
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
            return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
                    .map(c -> c.getName()).toList();
        }
    }

    /** The namespace and every AGE value are different on each run. */
    String maskAge(String text) {
        return text.replace(namespace, "NAMESPACE")
                .replaceAll("(?m)^(Age:\\s+)\\S+$", "$1<age>")
                .replaceAll("(?m)^(" + NAME + "\\s.*\\s)(\\d+[smhdy])+$", "$1<age>");
    }

    static void golden(String file, String actual) throws IOException {
        Path path = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update") || !Files.exists(path)) {
            Files.createDirectories(path.getParent());
            Files.writeString(path, actual);
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError(path + " did not exist: written, check it and commit it");
            }
            return;
        }
        assertEquals(Files.readString(path), actual, "differs from " + path + " (-Dgolden.update=true rewrites it)");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("timed out after 30s waiting for " + what);
    }

    static <T> T notNull(T t) {
        assertNotNull(t);
        return t;
    }
}
