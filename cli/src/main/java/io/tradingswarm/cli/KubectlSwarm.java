package io.tradingswarm.cli;

import io.tradingswarm.cli.dashboard.DashboardCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubectl swarm}: the entry point; each subcommand is one thing an SRE does with a release. */
@Command(name = "kubectl-swarm", mixinStandardHelpOptions = true, version = "kubectl-swarm 0.1.0",
        description = "Watch and steer SwarmReleases.", subcommands = DashboardCommand.class)
public final class KubectlSwarm {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with the plugin's exit codes: 0 ok, 1 error ({@link CliError}, printed as
     * {@code Error: ...}), 2 usage.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new KubectlSwarm());
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliError error) {
                line.getErr().println(error.line());
                return error.exitCode();
            }
            line.getErr().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return CliError.ERROR;
        });
        return cmd;
    }
}
