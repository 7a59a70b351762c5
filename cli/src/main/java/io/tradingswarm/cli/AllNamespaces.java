package io.tradingswarm.cli;

import picocli.CommandLine.Option;

/** {@code -A}/{@code --all-namespaces}, for the commands that list. */
public class AllNamespaces {
    @Option(names = {"-A", "--all-namespaces"}, description = "Across every namespace (ignores -n).")
    boolean all;

    public boolean all() {
        return all;
    }
}
