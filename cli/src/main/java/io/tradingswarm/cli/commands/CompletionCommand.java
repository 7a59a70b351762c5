package io.tradingswarm.cli.commands;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {"Print a shell completion script.",
        "  bash:  source <(kubectl-swarm completion bash)      (for kubectl-swarm ...)",
        "  zsh:   source <(kubectl-swarm completion zsh)       (the same script, through bashcompinit)",
        "  kubectl-plugin: the kubectl_complete-swarm script that kubectl 1.26+ runs for kubectl swarm <TAB>;",
        "         make install-cli installs it next to kubectl-swarm, or:",
        "         kubectl-swarm completion kubectl-plugin > ~/.local/bin/kubectl_complete-swarm && chmod +x ~/.local/bin/kubectl_complete-swarm"})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells (and the kubectl plugin hook) a script exists for. */
    public enum Shell {
        bash, zsh, kubectl_plugin;

        static Shell parse(String text) {
            return Shell.valueOf(text.replace('-', '_'));
        }
    }

    @Parameters(index = "0", paramLabel = "SHELL", converter = ShellConverter.class, completionCandidates = Shells.class,
            description = "bash, zsh or kubectl-plugin.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        switch (shell) {
            case bash, zsh -> out.print(AutoComplete.bash("kubectl-swarm", spec.root().commandLine()));
            case kubectl_plugin -> out.print(kubectlPluginScript());
        }
        out.flush();
        return 0;
    }

    /** What kubectl (1.26+) runs to complete {@code kubectl swarm ...}: Cobra's {@code __complete} protocol. */
    public static String kubectlPluginScript() {
        return """
                #!/usr/bin/env sh
                # kubectl (1.26+) runs this for `kubectl swarm <TAB>`: Cobra's __complete protocol, answered by kubectl-swarm.
                exec kubectl-swarm __complete "$@"
                """;
    }

    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh", "kubectl-plugin").iterator();
        }
    }

    static final class ShellConverter implements picocli.CommandLine.ITypeConverter<Shell> {
        @Override
        public Shell convert(String value) {
            try {
                return Shell.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a shell: use bash, zsh or kubectl-plugin");
            }
        }
    }
}
