package io.tradingswarm.cli.commands;

import java.util.List;

import io.tradingswarm.cli.AllNamespaces;
import io.tradingswarm.cli.Releases;
import io.tradingswarm.cli.render.Render;
import io.tradingswarm.cli.view.ReleaseView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", aliases = "ls", description = {"List releases: kubectl get srel's columns, plus the last rollback's seconds.",
        "", "Example:", "  kubectl swarm list -A"})
public final class ListCommand extends ReleaseCommand {
    @Mixin
    AllNamespaces all;

    @Override
    int run(Releases releases) {
        String namespace = all.all() ? null : kube.namespace();
        List<ReleaseView> views = releases.list(namespace).stream().map(r -> ReleaseView.of(r, List.of())).toList();
        if (views.isEmpty()) {
            err().println(namespace == null ? "No resources found" : "No resources found in " + namespace + " namespace.");
            return 0;
        }
        out().print(Render.list(views, namespace == null, now()));
        return 0;
    }
}
