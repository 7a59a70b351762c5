package io.tradingswarm.cli.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.cli.AllNamespaces;
import io.tradingswarm.cli.CliError;
import io.tradingswarm.cli.KubeOptions;
import io.tradingswarm.cli.Releases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubectl swarm dashboard}: the web UI, on 127.0.0.1, with the user's own credentials. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve a live dashboard of the releases on http://127.0.0.1:PORT/ until Ctrl-C.",
                "It listens on loopback only and acts with your kubeconfig's credentials: it can do what you can, "
                        + "nothing more. See docs/dashboard.md."})
public final class DashboardCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Mixin
    AllNamespaces allNamespaces;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3100",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliError(CliError.Kind.INVALID, "--port must be between 0 and 65535", CliError.USAGE, null);
        }
        String namespace = allNamespaces.all() ? null : kube.namespace();
        ReleaseFeed feed = new ReleaseFeed(kube.client(), namespace, Clock.systemUTC());
        try {
            feed.start();
        } catch (KubernetesClientException e) {
            feed.close();
            throw kube.error(e, new CliError.Operation("watch", CliError.RESOURCE, namespace, null));
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(new Releases(kube), feed, port);
        } catch (BindException e) {
            feed.close();
            throw new CliError(CliError.Kind.OTHER, "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                    + " (choose another port with --port)");
        } catch (IOException e) {
            feed.close();
            throw new CliError(CliError.Kind.OTHER, "cannot start the dashboard: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            feed.close();
            kube.close();
            stopped.countDown();
        }, "dashboard-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Dashboard: " + server.uri());
        out.println("Showing SwarmReleases in " + feed.scope() + ", " + kube.target().describe()
                + "; listening on 127.0.0.1 only. Ctrl-C stops it.");
        if (feed.deploymentsUnavailable() != null) {
            out.println("Note: slot Deployments are not watched (" + feed.deploymentsUnavailable()
                    + "); replica counts come from each release's status.");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
