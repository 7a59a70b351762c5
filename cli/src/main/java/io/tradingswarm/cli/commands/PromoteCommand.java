package io.tradingswarm.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", description = {"Complete the current pause or analysis step and go on (--full: skip every remaining step and go to 100%%).", "", "Example:", "  kubectl swarm promote trading-swarm", "  kubectl swarm promote --full trading-swarm"})
public final class PromoteCommand extends ActionCommand {
    @Option(names = "--full", description = "Skip the remaining steps and analysis (never the background probes): promote-full.")
    boolean full;

    @Override
    String action() {
        return full ? "promote-full" : "promote";
    }
}
