package io.tradingswarm.cli.commands;

import io.tradingswarm.cli.Releases;
import io.tradingswarm.operator.api.SwarmRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pause} and {@code resume}: spec.paused, the declarative pause (what GitOps would set). */
public abstract class PauseCommand extends ReleaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The SwarmRelease.")
    String name;

    abstract boolean paused();

    @Override
    int run(Releases releases) {
        String namespace = kube.namespace();
        SwarmRelease before = releases.get(namespace, name);
        boolean was = before.getSpec() != null && Boolean.TRUE.equals(before.getSpec().paused);
        releases.setPaused(namespace, name, paused());
        String what = paused() ? "paused (spec.paused: true; no forward progress, a rollback still happens)"
                : "resumed (spec.paused: false)";
        out().println("swarmrelease " + name + " " + what + (was == paused() ? " (no change)" : ""));
        return 0;
    }

    @Command(name = "pause", description = {"Hold a release where it is: sets spec.paused to true (the step clock stops; a rollback still happens).",
            "", "Example:", "  kubectl swarm pause trading-swarm"})
    public static final class Pause extends PauseCommand {
        @Override
        boolean paused() {
            return true;
        }
    }

    @Command(name = "resume", description = {"Let a paused release go on: sets spec.paused to false.", "", "Example:",
            "  kubectl swarm resume trading-swarm"})
    public static final class Resume extends PauseCommand {
        @Override
        boolean paused() {
            return false;
        }
    }
}
