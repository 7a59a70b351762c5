package io.tradingswarm.cli.commands;

import java.time.Duration;
import java.util.Objects;

import io.tradingswarm.cli.CliError;
import io.tradingswarm.cli.Releases;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.LastAction;
import io.tradingswarm.operator.api.SwarmRelease;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * A one-shot action: sets the {@code tradingswarm.io/action} annotation (what
 * {@code kubectl annotate srel NAME tradingswarm.io/action=VALUE --overwrite} does) with a merge
 * patch, says so, then waits a bounded time for the operator's answer in {@code status.lastAction}.
 */
abstract class ActionCommand extends ReleaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The SwarmRelease.")
    String name;

    @Option(names = "--wait", defaultValue = "5s", paramLabel = "DURATION", converter = WaitConverter.class,
            description = "How long to wait for the operator's answer in status.lastAction, e.g. 10s; 0: do not wait (default: ${DEFAULT-VALUE}).")
    Duration wait;

    /** The annotation's value, e.g. {@code promote-full} or {@code undo:5d8f...}. */
    abstract String action();

    @Override
    int run(Releases releases) throws InterruptedException {
        Duration bound = wait;
        String namespace = kube.namespace();
        String action = action();
        SwarmRelease patched = releases.requestAction(namespace, name, action);
        String before = requestId(patched);
        if (bound.isZero()) {
            out().println("swarmrelease " + name + ": " + action + " requested (status.lastAction will show it)");
            return 0;
        }
        out().println("swarmrelease " + name + ": " + action + " requested");
        out().flush();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            SwarmRelease now = releases.get(namespace, name);
            LastAction last = now.getStatus() == null ? null : now.getStatus().lastAction;
            if (last != null && !Objects.equals(last.requestId, before) && action.equals(last.action)) {
                String says = last.message == null || last.message.isEmpty() ? "" : ": " + last.message;
                if ("Applied".equals(last.result)) {
                    out().println("swarmrelease " + name + ": " + action + " applied by the operator" + says);
                    return 0;
                }
                throw new CliError(CliError.Kind.OTHER, "the operator did not apply " + action + " (" + last.result + ")" + says);
            }
        }
        out().println("swarmrelease " + name + ": no answer from the operator within " + wait.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                + " (is it running? status.lastAction will show the result)");
        return 0;
    }

    private static String requestId(SwarmRelease r) {
        return r.getStatus() == null || r.getStatus().lastAction == null ? null : r.getStatus().lastAction.requestId;
    }

    /** 0, or a duration in the API's syntax (90s, 1m30s); a bad value is a usage error (exit 2). */
    static final class WaitConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            try {
                return Durations.parse(text, Duration.ZERO);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
