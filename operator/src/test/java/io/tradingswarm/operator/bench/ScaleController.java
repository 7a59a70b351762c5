package io.tradingswarm.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A controller under {@link ScaleBench}: how it runs, what one release of the bench's workload is
 * for it, and what its status says about a release. Whatever the controller, a release is done only
 * at the same finish line, checked on the pods by the bench itself.
 */
interface ScaleController {
    /** The pod label every release's pods carry (from the pod template): the release's name. */
    String POD_LABEL = "scale-bench/release";
    /** The image of a release's pods at a version: {@code IMAGE + ":" + version}. */
    String IMAGE = "trading/bot";

    String name();

    /** The API server user its requests come as (it runs with that ServiceAccount's token). */
    String user();

    /** Starts it, on the cluster of KUBECONFIG; returns its pid once it is ready. */
    long start() throws IOException, InterruptedException;

    void stop() throws IOException, InterruptedException;

    /** The kind of its release objects. */
    ResourceDefinitionContext kind();

    /**
     * One release of the workload: one bot with {@code replicas} pods running {@code IMAGE:version},
     * labelled {@code POD_LABEL=name}, no probes; canary steps: 50% of the replicas, then 100%.
     */
    GenericKubernetesResource release(String namespace, String name, String version, int replicas);

    /** What the release's status says about the run to {@code version}. */
    Verdict verdict(GenericKubernetesResource release, String version);

    /**
     * @param finished the status says the run to the version is over and it is stable
     * @param failed the status says the run failed (no later success will come by itself)
     * @param phase the controller's phase, for people
     * @param message the controller's message, for people
     */
    record Verdict(boolean finished, boolean failed, String phase, String message) {
    }

    /**
     * A controller started and stopped by a script {@code SCRIPT start|stop} that keeps its pid in
     * {@code <workdir>/controller.pid} (the workdir given in the environment variable {@code workdirVariable}).
     */
    record Script(String path, String workdirVariable, Path workdir) {
        long start() throws IOException, InterruptedException {
            run("start");
            return Long.parseLong(Files.readString(workdir.resolve("controller.pid")).strip());
        }

        void stop() throws IOException, InterruptedException {
            run("stop");
        }

        private void run(String command) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(List.of(path, command)).inheritIO();
            builder.environment().put(workdirVariable, workdir.toAbsolutePath().toString());
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(path + " " + command + " exited with " + exit);
            }
        }
    }
}
