package io.tradingswarm.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.tradingswarm.cli.commands.AbortCommand;
import io.tradingswarm.cli.commands.HaltCommand;
import io.tradingswarm.cli.commands.CompleteCommand;
import io.tradingswarm.cli.commands.CompletionCommand;
import io.tradingswarm.cli.commands.GetCommand;
import io.tradingswarm.cli.commands.HistoryCommand;
import io.tradingswarm.cli.commands.ListCommand;
import io.tradingswarm.cli.commands.PauseCommand;
import io.tradingswarm.cli.commands.PromoteCommand;
import io.tradingswarm.cli.commands.RetryCommand;
import io.tradingswarm.cli.commands.UndoCommand;
import io.tradingswarm.cli.dashboard.DashboardCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubectl swarm}: the entry point; each subcommand is one thing an SRE does with a release. */
@Command(name = "kubectl-swarm", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "kubectl-swarm 0.1.0",
        description = {"Watch and steer SwarmReleases (kubectl swarm ...).", "",
                "Uses your kubeconfig like kubectl: --kubeconfig, else $KUBECONFIG, else ~/.kube/config; --context, else the current context; -n, else the context's namespace.",
                ""},
        subcommands = {ListCommand.class, GetCommand.class, HistoryCommand.class, PromoteCommand.class, AbortCommand.class,
                RetryCommand.class, UndoCommand.class, PauseCommand.Pause.class, PauseCommand.Resume.class,
                HaltCommand.Halt.class, HaltCommand.ResumeTrading.class,
                DashboardCommand.class, CompletionCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error (no such release, no permission, no cluster, ...), 2 usage.%n"})
public final class KubectlSwarm implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: list, get, history, promote, abort, retry, undo, pause, resume, halt, resume-trading, dashboard or completion");
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals(Training.NAME)) {
            System.exit(Training.run(java.util.List.of(args).subList(1, args.length)));
        }
        Prefetch.start(args);
        CommandLine cmd = commandLine();
        cmd.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        int code = execute(cmd, args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(code);
    }

    /** Runs one command line; {@code __complete} (kubectl's plugin completion) is answered before picocli parses. */
    public static int execute(CommandLine cmd, String... args) {
        if (args.length > 0 && args[0].equals(CompleteCommand.NAME)) {
            return new CompleteCommand(cmd.getCommandSpec()).run(java.util.List.of(args).subList(1, args.length), cmd.getOut());
        }
        return cmd.execute(args);
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
            if (e instanceof CommandLine.ParameterException usage) {
                throw usage;
            }
            line.getErr().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return CliError.ERROR;
        });
        return cmd;
    }
}
