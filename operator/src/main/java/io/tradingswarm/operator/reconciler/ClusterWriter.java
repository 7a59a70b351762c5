package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tradingswarm.operator.dependent.ClusterWrites;
import io.tradingswarm.operator.dependent.Write;

/** Executes a plan's writes in order, with the operator's field manager. */
final class ClusterWriter {
    static final PatchContext APPLY = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(ClusterWrites.FIELD_MANAGER).withForce(true).build();
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(ClusterWrites.FIELD_MANAGER).build();

    private final KubernetesClient client;
    private final String namespace;

    ClusterWriter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    private void createUnlessPresent(Write.Create create) {
        try {
            client.resource(create.object()).inNamespace(namespace).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /**
     * A pod that went away meanwhile needs no label. The patch goes to a stub of the pod: patched by
     * name, the client would read the whole pod first.
     */
    private void labelPod(Write.Label label) {
        try {
            client.resource(new PodBuilder().withNewMetadata().withName(label.pod()).withNamespace(namespace).endMetadata().build())
                    .patch(MERGE, "{\"metadata\":{\"labels\":{\"" + label.key() + "\":\"" + label.value() + "\"}}}");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** @return the objects as the API server answered the applies, to read our own writes before the informers do */
    List<HasMetadata> write(List<Write> writes) {
        List<HasMetadata> applied = new ArrayList<>();
        for (Write write : writes) {
            if (write instanceof Write.Apply apply) {
                applied.add(client.resource(apply.object()).inNamespace(namespace).patch(APPLY));
            } else if (write instanceof Write.Create create) {
                createUnlessPresent(create);
            } else if (write instanceof Write.Scale scale) {
                client.resource(new DeploymentBuilder().withNewMetadata().withName(scale.deployment()).withNamespace(namespace)
                        .endMetadata().build()).patch(MERGE, "{\"spec\":{\"replicas\":" + scale.replicas() + "}}");
            } else if (write instanceof Write.Label label) {
                labelPod(label);
            } else if (write instanceof Write.Delete delete) {
                client.resources(delete.kind()).inNamespace(namespace).withName(delete.name())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
        return applied;
    }
}
