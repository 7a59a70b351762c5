package io.tradingswarm.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "abort", description = {"Roll back now, traffic first.", "", "Example:", "  kubectl swarm abort trading-swarm"})
public final class AbortCommand extends ActionCommand {

    @Override
    String action() {
        return "abort";
    }
}
