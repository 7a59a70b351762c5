package io.tradingswarm.operator.apiserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tradingswarm.operator.testing.Command;

/** Runs kubectl as a user would, and returns what it printed. */
record Kubectl(Path binary, Path kubeconfig) {

    Command.Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", Path.of("target", "kube-cache").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return Command.run(stdin, command);
    }
}
