package io.tradingswarm.cli.commands;

import picocli.CommandLine.Command;

/** The emergency stop and its end: the halt and resume actions. */
public final class HaltCommand {
    private HaltCommand() {
    }

    @Command(name = "halt", description = {"Emergency stop: every slot of the swarm stops trading at once (the halt action).",
            "Works in every phase, outside release windows and with an invalid spec; the run waits until resume-trading.", "",
            "Example:", "  kubectl swarm halt trading-swarm"})
    public static final class Halt extends ActionCommand {
        @Override
        String action() {
            return "halt";
        }
    }

    @Command(name = "resume-trading", description = {"End a halt: the slots get back the trading states the release would have (the resume action).",
            "Not the same as resume, which clears spec.paused.", "", "Example:", "  kubectl swarm resume-trading trading-swarm"})
    public static final class ResumeTrading extends ActionCommand {
        @Override
        String action() {
            return "resume";
        }
    }
}
