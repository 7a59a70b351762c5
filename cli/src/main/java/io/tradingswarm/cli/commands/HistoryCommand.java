package io.tradingswarm.cli.commands;

import io.tradingswarm.cli.Releases;
import io.tradingswarm.cli.render.Render;
import io.tradingswarm.cli.view.ReleaseView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = {"Every finished run of a release, newest first: result, duration and reason.",
        "The REVISION column is what undo --to-revision takes.", "", "Example:", "  kubectl swarm history trading-swarm"})
public final class HistoryCommand extends ReleaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The SwarmRelease.")
    String name;

    @Override
    int run(Releases releases) {
        ReleaseView v = ReleaseView.of(releases.get(kube.namespace(), name), java.util.List.of());
        if (v.history().isEmpty()) {
            err().println("swarmrelease " + name + " has no finished runs yet");
            return 0;
        }
        out().print(Render.history(v.history(), ""));
        return 0;
    }
}
