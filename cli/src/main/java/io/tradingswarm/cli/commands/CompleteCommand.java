package io.tradingswarm.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tradingswarm.cli.CliError;
import io.tradingswarm.cli.KubeOptions;
import io.tradingswarm.cli.Releases;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Cobra's hidden {@code __complete} command, which kubectl's plugin completion calls (through
 * {@code kubectl_complete-swarm}): the words typed after {@code kubectl swarm}, the last one the
 * word being completed; prints one candidate per line, then {@code :<directive>}. Subcommands and
 * flags come from picocli's model; a release NAME from the cluster (namespace and context as typed).
 */
public final class CompleteCommand {
    /** Cobra's ShellCompDirectiveNoFileComp: never fall back to file names. */
    static final int NO_FILE_COMP = 4;
    static final Set<String> WITH_NAME = Set.of("get", "history", "promote", "abort", "retry", "undo", "pause", "resume", "halt", "resume-trading");
    static final Set<String> TAKES_VALUE = Set.of("-n", "--namespace", "--context", "--kubeconfig", "--wait", "--to-revision");

    /** The name kubectl_complete-swarm calls; handled before picocli parses anything (the words may be any flags). */
    public static final String NAME = "__complete";

    private final CommandSpec spec;

    public CompleteCommand(CommandSpec root) {
        this.spec = root;
    }

    /** Answers for {@code words} (after {@code __complete}) on {@code out}; always exit code 0. */
    public int run(List<String> words, java.io.PrintWriter out) {
        List<String> args = new ArrayList<>(words);
        if (args.isEmpty()) {
            args.add("");
        }
        String current = args.get(args.size() - 1);
        List<String> candidates = new ArrayList<>();
        for (String c : staticCandidates(args, current)) {
            if (current.startsWith("-") || !c.startsWith("-")) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(releaseNames(args, current));
        }
        candidates.stream().distinct().sorted().forEach(out::println);
        out.println(":" + NO_FILE_COMP);
        out.flush();
        return 0;
    }

    private List<String> staticCandidates(List<String> args, String current) {
        List<CharSequence> suffixes = new ArrayList<>();
        CommandSpec root = spec;
        AutoComplete.complete(root, args.toArray(String[]::new), args.size() - 1, current.length(), current.length(), suffixes);
        List<String> out = new ArrayList<>();
        for (CharSequence s : suffixes) {
            String word = current + s;
            if (!word.isBlank()) {
                out.add(word);
            }
        }
        return out;
    }

    /** Release names when the word is the NAME of a command that takes one and none is given yet. */
    private List<String> releaseNames(List<String> args, String current) {
        String command = null, kubeconfig = null, context = null, namespace = null;
        int positionals = 0;
        for (int i = 0; i < args.size() - 1; i++) {
            String w = args.get(i);
            String value = null;
            String flag = w;
            if (w.startsWith("--") && w.contains("=")) {
                flag = w.substring(0, w.indexOf('='));
                value = w.substring(w.indexOf('=') + 1);
            } else if (TAKES_VALUE.contains(w) && i + 1 < args.size() - 1) {
                value = args.get(++i);
            } else if (TAKES_VALUE.contains(w)) {
                return List.of();
            }
            switch (flag) {
                case "-n", "--namespace" -> namespace = value;
                case "--context" -> context = value;
                case "--kubeconfig" -> kubeconfig = value;
                default -> {
                    if (!w.startsWith("-") && value == null) {
                        if (command == null) {
                            command = w;
                        } else {
                            positionals++;
                        }
                    }
                }
            }
        }
        if (command == null || !WITH_NAME.contains(command) || positionals > 0 || current.startsWith("-")) {
            return List.of();
        }
        try (KubeOptions kube = KubeOptions.of(kubeconfig, context, namespace)) {
            kube.target().config().setRequestTimeout(3000);
            kube.target().config().setConnectionTimeout(2000);
            return new Releases(kube).list(kube.namespace()).stream().map(r -> r.getMetadata().getName())
                    .filter(n -> n.startsWith(current)).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
