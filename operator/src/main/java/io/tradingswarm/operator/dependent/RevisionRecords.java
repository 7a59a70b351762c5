package io.tradingswarm.operator.dependent;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.StoredRevision;

/**
 * Revisions kept as ControllerRevisions the release owns, the way StatefulSets keep theirs: named
 * {@code <release>-<revision>}, labelled with the release, the data holding the version and bots.
 */
public final class RevisionRecords {
    /** Label with the revision hash, so the store can be read without parsing names. */
    public static final String REVISION_LABEL = "tradingswarm.io/revision";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private RevisionRecords() {
    }

    /** The data a ControllerRevision holds. */
    public record Data(String version, List<Bot> bots) {
    }

    public static String name(String release, String revision) {
        String suffix = "-" + revision;
        return release.substring(0, Math.min(release.length(), 253 - suffix.length())) + suffix;
    }

    /** The record of the release's target revision, as its spec names it. */
    public static ControllerRevision desired(SwarmRelease release, String revision, long number) {
        return desired(release, new StoredRevision(revision, release.getSpec().version, release.getSpec().bots, number));
    }

    public static ControllerRevision desired(SwarmRelease release, StoredRevision stored) {
        Map<String, String> labels = Labels.release(release.getMetadata().getName());
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        labels.put(REVISION_LABEL, stored.revision());
        return new ControllerRevisionBuilder().withNewMetadata()
                .withName(name(release.getMetadata().getName(), stored.revision()))
                .withNamespace(release.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(Owner.of(release)).endMetadata()
                .withRevision(stored.number())
                .withData(JSON.convertValue(new Data(stored.version(), List.copyOf(stored.bots())), Object.class))
                .build();
    }

    /** The stored revision, or null for a ControllerRevision that is not one of ours. */
    public static StoredRevision read(ControllerRevision record) {
        Map<String, String> labels = record.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(REVISION_LABEL);
        if (revision == null || record.getData() == null) {
            return null;
        }
        Data data = JSON.convertValue(record.getData(), Data.class);
        return new StoredRevision(revision, data.version(), data.bots(), record.getRevision());
    }
}
