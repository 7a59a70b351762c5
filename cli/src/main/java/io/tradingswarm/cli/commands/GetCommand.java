package io.tradingswarm.cli.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.tradingswarm.cli.CliError;
import io.tradingswarm.cli.Releases;
import io.tradingswarm.cli.Terminal;
import io.tradingswarm.cli.render.Render;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.SwarmRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {"Show a release as a tree: bots and their slots, the steps with the current one marked, "
        + "probes, the last rollback and history.",
        "With -w, redraw on every change of the release or its slot Deployments (Ctrl-C stops).", "", "Example:",
        "  kubectl swarm get trading-swarm -w"})
public final class GetCommand extends ReleaseCommand {
    /** ANSI: cursor home, erase to the end of the line, erase to the end of the screen. */
    static final String HOME = "\033[H", ERASE_LINE = "\033[K", ERASE_DOWN = "\033[J";

    @Parameters(index = "0", paramLabel = "NAME", description = "The SwarmRelease.")
    String name;

    @Option(names = {"-w", "--watch"}, description = "Redraw on every watch event of the release and its Deployments.")
    boolean watch;

    @Override
    int run(Releases releases) {
        String namespace = kube.namespace();
        if (!watch) {
            out().print(Render.tree(releases.view(namespace, name), now()));
            return 0;
        }
        try {
            return watch(releases, namespace);
        } catch (InterruptedException e) {
            return 0;
        }
    }

    /** One thing that happened: a release or Deployment event, or a watch that ended. */
    private record Event(Watcher.Action action, Object object, WatcherException closed) {
    }

    private int watch(Releases releases, String namespace) throws InterruptedException {
        boolean tty = Terminal.stdoutIsTerminal();
        PrintWriter out = out();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        String lastFrame = null;
        boolean first = true;
        if (tty) {
            out.print("\033[?25l");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.print("\033[?25h");
                out.flush();
            }));
        }
        while (!Thread.currentThread().isInterrupted()) {
            // (Re)start: read both, then watch from those resource versions; a watch that ends with an error starts over.
            SwarmRelease release = releases.get(namespace, name);
            var slotList = releases.call(new CliError.Operation("list", Releases.DEPLOYMENTS, namespace, null),
                    () -> kube.client().apps().deployments().inNamespace(namespace)
                            .withLabel(ReleaseView.RELEASE_LABEL, name).list());
            Map<String, Deployment> slots = new LinkedHashMap<>();
            slotList.getItems().forEach(d -> slots.put(d.getMetadata().getName(), d));
            List<Watch> watches = new ArrayList<>();
            try {
                watches.add(releases.call(CliError.Operation.release("watch", namespace, name),
                        () -> kube.client().resources(SwarmRelease.class).inNamespace(namespace).withName(name)
                                .watch(new ListOptionsBuilder().withResourceVersion(release.getMetadata().getResourceVersion()).build(),
                                        watcher(events))));
                watches.add(releases.call(new CliError.Operation("watch", Releases.DEPLOYMENTS, namespace, null),
                        () -> kube.client().apps().deployments().inNamespace(namespace).withLabel(ReleaseView.RELEASE_LABEL, name)
                                .watch(new ListOptionsBuilder().withResourceVersion(slotList.getMetadata().getResourceVersion()).build(),
                                        watcher(events))));
                SwarmRelease current = release;
                boolean restart = false;
                while (!restart && !Thread.currentThread().isInterrupted()) {
                    String frame = Render.tree(ReleaseView.of(current, List.copyOf(slots.values())), now());
                    if (tty) {
                        out.print(HOME + frame.replace("\n", ERASE_LINE + "\n") + ERASE_DOWN);
                        out.flush();
                    } else if (!frame.equals(lastFrame)) {
                        out.print((first ? "" : "\n") + frame);
                        out.flush();
                        first = false;
                    }
                    lastFrame = frame;
                    // Wait for an event (in a terminal, redraw every second anyway so ages move), then take the whole burst.
                    Event e = tty ? events.poll(1, TimeUnit.SECONDS) : events.take();
                    List<Event> burst = new ArrayList<>();
                    if (e != null) {
                        burst.add(e);
                        events.drainTo(burst);
                    }
                    for (Event ev : burst) {
                        if (ev.closed() != null) {
                            restart = true;
                            Thread.sleep(500);
                        } else if (ev.object() instanceof SwarmRelease r) {
                            if (ev.action() == Watcher.Action.DELETED) {
                                out.println((tty ? "" : "\n") + "swarmrelease " + name + " was deleted");
                                return 0;
                            }
                            current = r;
                        } else if (ev.object() instanceof Deployment d) {
                            if (ev.action() == Watcher.Action.DELETED) {
                                slots.remove(d.getMetadata().getName());
                            } else {
                                slots.put(d.getMetadata().getName(), d);
                            }
                        }
                    }
                }
            } finally {
                watches.forEach(Watch::close);
            }
        }
        return 0;
    }

    private static <T> Watcher<T> watcher(BlockingQueue<Event> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (action != Action.BOOKMARK && action != Action.ERROR) {
                    events.add(new Event(action, resource, null));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add(new Event(null, null, cause));
            }
        };
    }
}
