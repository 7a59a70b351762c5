package io.tradingswarm.cli.e2e;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotStatus;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.CanaryStrategy;
import io.tradingswarm.operator.api.HistoryEntry;
import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.api.RollbackStatus;
import io.tradingswarm.operator.api.Strategy;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * Releases as the operator would leave them, written straight to the apiserver (status through the
 * status subresource, slot Deployments with the operator's labels): no operator needed to test
 * what the plugin shows and writes.
 */
public final class Fixtures {
    public static final String CRD = "deploy/crds/swarmreleases.tradingswarm.io.yaml";

    private Fixtures() {
    }

    /** Applies the committed CRD (server-side, forced) and waits until it serves. */
    public static void installCrd(KubernetesClient client) {
        try (InputStream in = new FileInputStream(CRD)) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.resource(crd).forceConflicts().serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream()
                            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CRD + " (run from the repository root)", e);
        }
    }

    /** A canary of two bots paused at step 2 of 6 (1.4.2 stable on slot a, 1.5.0 on b), with probes, a past rollback and history. */
    public static SwarmRelease pausedCanary(KubernetesClient client, String namespace, String name) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = "1.5.0";
        spec.bots = List.of(bot("market-maker", 4), bot("arbitrage", 2));
        spec.probes = List.of(probe("smoke"), probe("health"));
        spec.strategy = new Strategy();
        spec.strategy.canary = new CanaryStrategy();
        spec.strategy.canary.steps = List.of(CanaryStep.weight(25), CanaryStep.pause(null),
                CanaryStep.analysis("2m", "smoke", "health"), CanaryStep.weight(50), CanaryStep.pause("10m"),
                CanaryStep.weight(100));
        r.setSpec(spec);
        SwarmRelease created = client.resource(r).create();

        SwarmReleaseStatus s = new SwarmReleaseStatus();
        s.observedGeneration = created.getMetadata().getGeneration();
        s.phase = Phase.Paused;
        s.strategy = "canary";
        s.version = "1.5.0";
        s.stableVersion = "1.4.2";
        s.revision = "7c9e41b2";
        s.stableRevision = "5d8f6c7b";
        s.stableSlot = "a";
        s.currentStep = 1;
        s.totalSteps = 6;
        s.step = "2/6";
        s.weight = 25;
        s.message = "paused at step 2/6 until the promote action";
        s.bots = new ArrayList<>(List.of(new BotStatus("market-maker", 3, 1, 1, 3), new BotStatus("arbitrage", 2, 1, 1, 2)));
        s.probes = new ArrayList<>(List.of(probeStatus("smoke", "Passed", "Pass", 1.0, 3, 0, 0, "HTTP 200"),
                probeStatus("health", "Running", "Error", null, 5, 0, 1, "timeout after 10s")));
        RollbackStatus rb = new RollbackStatus();
        rb.reason = "ProbeFailed";
        rb.probe = "error-rate";
        rb.message = "error-rate 0.071 > 0.05 on market-maker";
        rb.startedAt = "2025-06-01T08:12:00Z";
        rb.completedAt = "2025-06-01T08:12:03.800Z";
        rb.seconds = 3.8;
        s.rollback = rb;
        s.history = new ArrayList<>(List.of(
                history("1.4.2", "5d8f6c7b", "Succeeded", "2025-06-01T09:00:00Z", "2025-06-01T09:42:10Z", "all 6 steps passed"),
                history("1.4.1", "1b2c3d4e", "RolledBack", "2025-06-01T08:00:00Z", "2025-06-01T08:12:04Z",
                        "ProbeFailed: error-rate 0.071 > 0.05 on market-maker"),
                history("1.4.0", "0a9b8c7d", "Succeeded", "2025-05-28T14:00:00Z", "2025-05-28T14:00:42.500Z", "promote-full")));
        created.setStatus(s);
        SwarmRelease withStatus = client.resource(created).updateStatus();

        slot(client, namespace, name, "market-maker", "a", "1.4.2", 3);
        slot(client, namespace, name, "market-maker", "b", "1.5.0", 1);
        slot(client, namespace, name, "arbitrage", "a", "1.4.2", 2);
        slot(client, namespace, name, "arbitrage", "b", "1.5.0", 1);
        for (String d : List.of("market-maker-a", "market-maker-b", "arbitrage-a", "arbitrage-b")) {
            client.apps().deployments().inNamespace(namespace).withName(d).waitUntilCondition(Fixtures::ready, 120,
                    TimeUnit.SECONDS);
        }
        return withStatus;
    }

    static boolean ready(Deployment d) {
        return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                && d.getStatus().getReadyReplicas().equals(d.getSpec().getReplicas());
    }

    /** A slot Deployment labelled as the operator labels it. */
    public static Deployment slot(KubernetesClient client, String namespace, String release, String bot, String slot,
            String version, int replicas) {
        Map<String, String> selector = Map.of(ReleaseView.RELEASE_LABEL, release, ReleaseView.BOT_LABEL, bot,
                ReleaseView.SLOT_LABEL, slot);
        Map<String, String> labels = new java.util.HashMap<>(selector);
        labels.put(ReleaseView.VERSION_LABEL, version);
        return client.resource(new DeploymentBuilder().withNewMetadata().withName(bot + "-" + slot).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .withMatchLabels(selector).endSelector().withTemplate(template(labels, bot)).endSpec().build()).create();
    }

    static PodTemplateSpec template(Map<String, String> labels, String bot) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .addNewContainer().withName("bot").withImage("trading/" + bot).endContainer().endSpec().build();
    }

    static Bot bot(String name, int replicas) {
        Bot b = new Bot();
        b.name = name;
        b.replicas = replicas;
        b.template = template(Map.of("app", name), name);
        return b;
    }

    static ProbeSpec probe(String name) {
        ProbeSpec p = new ProbeSpec();
        p.name = name;
        p.http = new HttpProbe();
        p.http.url = "http://{{bot}}.{{namespace}}.svc/" + name;
        return p;
    }

    static ProbeStatus probeStatus(String name, String phase, String verdict, Double value, int ok, int failed, int errors,
            String message) {
        ProbeStatus p = new ProbeStatus();
        p.name = name;
        p.phase = phase;
        p.lastVerdict = verdict;
        p.lastValue = value;
        p.successes = ok;
        p.failures = failed;
        p.errors = errors;
        p.message = message;
        return p;
    }

    static HistoryEntry history(String version, String revision, String result, String started, String finished, String reason) {
        HistoryEntry h = new HistoryEntry();
        h.version = version;
        h.revision = revision;
        h.result = result;
        h.startedAt = started;
        h.finishedAt = finished;
        h.reason = reason;
        return h;
    }
}
