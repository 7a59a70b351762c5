package io.tradingswarm.operator.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One operator process as the chart runs it (hack/bench/swarm-operator.sh: its ServiceAccount, its
 * leader election, its JVM sizing), with a fixed identity: a killed replica started again under the
 * same identity takes its Lease straight back, as a restarted container in the same pod does.
 */
final class OperatorReplica {
    private static final Path SCRIPT = Path.of("hack", "bench", "swarm-operator.sh");
    final String identity;
    private final Path workdir;

    OperatorReplica(String identity, Path workdir) {
        this.identity = identity;
        this.workdir = workdir;
    }

    /** Starts it and returns once it reports ready. */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(workdir);
        Path log = workdir.resolve("start.log");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SWARM_BENCH_WORKDIR", workdir.toAbsolutePath().toString());
        pb.environment().put("HOSTNAME", identity);
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("operator " + identity + " did not start (exit " + rc + "): see " + log + " and "
                    + workdir.resolve("controller.log"));
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            return;
        }
        process.get().destroyForcibly();
        try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("operator " + identity + " survived SIGKILL for 10 s", e);
        }
    }

    /** TERM, then KILL after 20 s (the script's stop). */
    void stop() throws IOException, InterruptedException {
        if (process().isEmpty()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "stop").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workdir.resolve("start.log").toFile()));
        pb.environment().put("SWARM_BENCH_WORKDIR", workdir.toAbsolutePath().toString());
        pb.start().waitFor();
    }

    private Optional<ProcessHandle> process() {
        Path pid = workdir.resolve("controller.pid");
        try {
            return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
