package io.tradingswarm.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
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
    /** The shard of a controller run as one instance, which handles every release. */
    String UNSHARDED = "";

    String name();

    /** The API server user its requests come as (it runs with that ServiceAccount's token). */
    String user();

    /** The shards of its instances, in the order they start: {@link #UNSHARDED} alone unless it runs sharded. */
    List<String> shards();

    /** Starts its instances, one after the other, on the cluster of KUBECONFIG; returns them once each is ready. */
    List<Instance> start() throws IOException, InterruptedException;

    void stop() throws IOException, InterruptedException;

    /** The kind of its release objects. */
    ResourceDefinitionContext kind();

    /**
     * One release of the workload: one bot with {@code replicas} pods running {@code IMAGE:version},
     * labelled {@code POD_LABEL=name}, no probes; canary steps: 50% of the replicas, then 100%;
     * handled by the instance of {@code shard} (one of {@link #shards()}).
     */
    GenericKubernetesResource release(String namespace, String name, String version, int replicas, String shard);

    /** What the release's status says about the run to {@code version}. */
    Verdict verdict(GenericKubernetesResource release, String version);

    /** The pod template of a release at a version: labelled {@code POD_LABEL=name}, one container {@code IMAGE:version}. */
    static PodTemplateSpec template(String name, String version) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels(POD_LABEL, name).endMetadata()
                .withNewSpec().addNewContainer().withName("bot").withImage(IMAGE + ":" + version).endContainer().endSpec()
                .build();
    }

    /** One process of the controller: the instance that handles the releases of {@code shard}. */
    record Instance(String shard, long pid) {
    }

    /**
     * @param finished the status says the run to the version is over and it is stable
     * @param failed the status says the run failed (no later success will come by itself)
     * @param phase the controller's phase, for people
     * @param message the controller's message, for people
     */
    record Verdict(boolean finished, boolean failed, String phase, String message) {
    }

    /**
     * A controller run by a {@link Script} per instance (its workdir: target/bench-scale/NAME, or
     * target/bench-scale/NAME/SHARD when sharded) whose releases are namespaced objects of
     * {@code group/v1alpha1} with {@code status.phase} and {@code status.message}.
     */
    abstract class Scripted implements ScaleController {
        private final String name;
        private final String user;
        /** By shard, in the order the instances start. */
        private final Map<String, Script> scripts = new LinkedHashMap<>();
        private final ResourceDefinitionContext kind;

        /** One instance, for every release. */
        Scripted(String name, String user, String script, String workdirVariable, String group, String kind, String plural) {
            this(name, user, script, workdirVariable, Map.of(UNSHARDED, Map.of()), group, kind, plural);
        }

        /** @param environments by shard, in start order: the environment variables its instance is started with */
        Scripted(String name, String user, String script, String workdirVariable, Map<String, Map<String, String>> environments,
                String group, String kind, String plural) {
            this.name = name;
            this.user = user;
            Path workdir = Path.of("target", "bench-scale", name);
            environments.forEach((shard, environment) -> scripts.put(shard, new Script(script, workdirVariable,
                    shard.equals(UNSHARDED) ? workdir : workdir.resolve(shard), environment)));
            this.kind = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1alpha1").withKind(kind)
                    .withPlural(plural).withNamespaced(true).build();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public List<String> shards() {
            return List.copyOf(scripts.keySet());
        }

        @Override
        public List<Instance> start() throws IOException, InterruptedException {
            List<Instance> started = new ArrayList<>();
            for (Map.Entry<String, Script> s : scripts.entrySet()) {
                started.add(new Instance(s.getKey(), s.getValue().start()));
            }
            return started;
        }

        /** Every instance, even when stopping one fails. */
        @Override
        public void stop() throws IOException, InterruptedException {
            IllegalStateException failure = null;
            for (Script s : scripts.values()) {
                try {
                    s.stop();
                } catch (IllegalStateException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public ResourceDefinitionContext kind() {
            return kind;
        }

        @Override
        @SuppressWarnings("unchecked")
        public final Verdict verdict(GenericKubernetesResource release, String version) {
            Map<String, Object> status = (Map<String, Object>) release.getAdditionalProperties().get("status");
            if (status == null) {
                return new Verdict(false, false, "", "");
            }
            String phase = Objects.toString(status.get("phase"), "");
            return new Verdict(finished(release, status, phase, version), failed(release, status, phase, version), phase,
                    Objects.toString(status.get("message"), ""));
        }

        /** Its status (not null) says the run to the version is over and it is stable. */
        abstract boolean finished(GenericKubernetesResource release, Map<String, Object> status, String phase, String version);

        /** Its status (not null) says the run to the version failed. */
        abstract boolean failed(GenericKubernetesResource release, Map<String, Object> status, String phase, String version);
    }

    /**
     * A controller started and stopped by a script {@code SCRIPT start|stop} that keeps its pid in
     * {@code <workdir>/controller.pid} (the workdir given in the environment variable {@code workdirVariable}),
     * run with {@code environment} added to the bench's.
     */
    record Script(String path, String workdirVariable, Path workdir, Map<String, String> environment) {
        long start() throws IOException, InterruptedException {
            run("start");
            return Long.parseLong(Files.readString(workdir.resolve("controller.pid")).strip());
        }

        void stop() throws IOException, InterruptedException {
            run("stop");
        }

        private void run(String command) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(List.of(path, command)).inheritIO();
            builder.environment().putAll(environment);
            builder.environment().put(workdirVariable, workdir.toAbsolutePath().toString());
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(path + " " + command + " exited with " + exit);
            }
        }
    }
}
