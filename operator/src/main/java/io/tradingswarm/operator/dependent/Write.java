package io.tradingswarm.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One write to the cluster that a plan needs; built without a client, executed by the shell. */
public sealed interface Write {

    /** Server-side apply of the whole desired object with the operator's field manager. */
    record Apply(HasMetadata object) implements Write {
    }

    /** Creates an object that never changes once made (a stored revision); one that exists already is left alone. */
    record Create(HasMetadata object) implements Write {
    }

    /** Only the replica count of a slot Deployment whose pod template the operator cannot rebuild. */
    record Scale(String deployment, int replicas) implements Write {
    }

    /** Sets one label on a pod (the trading state, which people read with kubectl get pods -L). */
    record Label(String pod, String key, String value) implements Write {
    }

    /** Deletes an object the release owns (a retired bot's slots and Services). */
    record Delete(Class<? extends HasMetadata> kind, String name) implements Write {
    }
}
