package io.tradingswarm.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (kubectl, helm, lua, promtool) as a user would and returns what it printed. */
public final class Command {
    /** The exit code and the output (stdout and stderr together). */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Command() {
    }

    public static Result run(String stdin, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path of a binary of the local cluster build (hack/cluster/bin-path.sh), e.g. helm. */
    public static String clusterBinary(String name) {
        Result r = run(null, List.of(Path.of("hack", "cluster", "bin-path.sh").toString(), name));
        if (!r.ok()) {
            throw new IllegalStateException(name + " is not built: run hack/cluster/build.sh " + name + " (" + r.output() + ")");
        }
        return r.output().strip();
    }
}
