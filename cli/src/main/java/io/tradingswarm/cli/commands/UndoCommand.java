package io.tradingswarm.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "undo", description = {"Write the previous stable revision (or --to-revision) back into the spec; a normal run to it follows.", "kubectl swarm history NAME lists the revisions.", "", "Example:", "  kubectl swarm undo trading-swarm --to-revision 5d8f6c7b9"})
public final class UndoCommand extends ActionCommand {
    @Option(names = "--to-revision", paramLabel = "REVISION", description = "A kept revision (the REVISION column of history): undo:<revision>.")
    String revision;

    @Override
    String action() {
        return revision == null ? "undo" : "undo:" + revision;
    }
}
