package io.tradingswarm.cli.commands;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.tradingswarm.cli.KubeOptions;
import io.tradingswarm.cli.Releases;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the kubectl flags, the API calls, stdout, and closing the client. */
abstract class ReleaseCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static Instant now() {
        return Instant.now();
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run(new Releases(kube));
        } finally {
            out().flush();
            kube.close();
        }
    }

    abstract int run(Releases releases) throws Exception;
}
