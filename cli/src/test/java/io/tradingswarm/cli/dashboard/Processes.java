package io.tradingswarm.cli.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two programs the dashboard's e2e test runs as a user would: the packaged operator
 * (operator/target/quarkus-app, as PackagedOperatorE2ETest runs it) watching the test's namespace,
 * and {@code kubectl-swarm dashboard} itself (this JVM's classpath, its real main class).
 */
final class Processes {
    static final Path OPERATOR_JAR = Path.of("operator", "target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern URL = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/)");

    private Processes() {
    }

    /** A child process with its output in a log file, stopped on close. */
    static final class Child implements AutoCloseable {
        final String name;
        final Process process;
        final Path log;

        Child(String name, ProcessBuilder builder) throws IOException {
            this.name = name;
            this.log = Files.createTempFile(name, ".log");
            this.process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        String log() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        }
    }

    static Child operator(Path kubeconfig, String namespace) throws Exception {
        if (!Files.exists(OPERATOR_JAR)) {
            throw new IllegalStateException(OPERATOR_JAR + " is missing: build it with `make build` (make test does)");
        }
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(java(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.operator-sdk.controllers.swarmrelease.namespaces=" + namespace, "-jar", OPERATOR_JAR.toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        Child child = new Child("operator", pb);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitUntil(child, "the operator reports ready", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
        return child;
    }

    /** {@code kubectl-swarm dashboard --port 0 ...}; returns once it printed its URL. */
    static Child dashboard(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "io.tradingswarm.cli.KubectlSwarm", "dashboard", "--port", "0"));
        command.addAll(List.of(args));
        Child child = new Child("dashboard", new ProcessBuilder(command));
        awaitUntil(child, "the dashboard prints its URL", () -> url(child) != null);
        return child;
    }

    /** The URL the dashboard printed, or null. */
    static URI url(Child dashboard) {
        try {
            Matcher m = URL.matcher(Files.readString(dashboard.log));
            return m.find() ? URI.create(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitUntil(Child child, String what, Check check) throws Exception {
        Instant end = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(end)) {
            if (!child.process.isAlive()) {
                throw new IllegalStateException(child.name + " exited with " + child.process.exitValue() + " before "
                        + what + ":\n" + child.log());
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting until " + what + ":\n" + child.log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
