package io.tradingswarm.operator.dependent;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.tradingswarm.operator.api.SwarmRelease;

/** The controller owner reference that makes deleting a release delete what it created. */
public final class Owner {
    private Owner() {
    }

    public static OwnerReference of(SwarmRelease release) {
        return new OwnerReferenceBuilder().withApiVersion(release.getApiVersion()).withKind(release.getKind())
                .withName(release.getMetadata().getName()).withUid(release.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
