package io.tradingswarm.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "retry", description = {"Start the rolled-back revision again from step 0.", "", "Example:", "  kubectl swarm retry trading-swarm"})
public final class RetryCommand extends ActionCommand {

    @Override
    String action() {
        return "retry";
    }
}
