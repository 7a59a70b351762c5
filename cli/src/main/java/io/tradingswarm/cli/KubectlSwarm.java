package io.tradingswarm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubectl swarm}: the entry point; each subcommand is one thing an SRE does with a release. */
@Command(name = "kubectl-swarm", mixinStandardHelpOptions = true, version = "kubectl-swarm 0.1.0",
        description = "Watch and steer SwarmReleases.")
public final class KubectlSwarm {

    public static void main(String[] args) {
        System.exit(new CommandLine(new KubectlSwarm()).execute(args));
    }
}
