package io.tradingswarm.operator.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Installs the committed CRD and waits until it serves (right after creation it has no conditions yet). */
public final class Crd {
    public static final String FILE = "deploy/crds/swarmreleases.tradingswarm.io.yaml";

    private Crd() {
    }

    public static void install(KubernetesClient client) {
        install(client, load(FILE));
    }

    /** Any CRD, as {@link #install(KubernetesClient)} installs ours. */
    public static void install(KubernetesClient client, CustomResourceDefinition crd) {
        client.resource(crd).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                        .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                        60, TimeUnit.SECONDS);
    }

    public static CustomResourceDefinition load(String file) {
        try (InputStream in = new FileInputStream(file)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
