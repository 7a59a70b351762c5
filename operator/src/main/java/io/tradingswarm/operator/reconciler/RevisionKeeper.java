package io.tradingswarm.operator.reconciler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.dependent.RevisionRecords;
import io.tradingswarm.operator.dependent.SlotDeployment;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.StoredRevision;

/**
 * Keeps the release's revisions in the cluster: the target revision before any slot runs it, the
 * stable one (rebuilt from its live slots for releases made before the store existed), and at most
 * {@value #KEEP} in all, so a deleted slot can always be restored and {@code undo} has somewhere to go.
 */
final class RevisionKeeper {
    static final int KEEP = 10;

    private RevisionKeeper() {
    }

    /** The revisions kept once {@code writes} are done. */
    record Kept(Map<String, StoredRevision> revisions, List<Write> writes) {
    }

    static Kept keep(SwarmRelease release, Collection<ControllerRevision> owned, Collection<Deployment> slots) {
        Map<String, StoredRevision> stored = read(owned);
        List<Write> writes = new ArrayList<>();
        long next = stored.values().stream().mapToLong(StoredRevision::number).max().orElse(0) + 1;
        String target = Revision.of(release.getSpec());
        if (!stored.containsKey(target)) {
            StoredRevision record = new StoredRevision(target, release.getSpec().version, release.getSpec().bots, next++);
            writes.add(new Write.Create(RevisionRecords.desired(release, record)));
            stored.put(target, record);
        }
        String stable = release.getStatus() == null ? null : release.getStatus().stableRevision;
        if (stable != null && !stored.containsKey(stable)) {
            StoredRevision rebuilt = fromLiveSlots(release, stable, slots, next);
            if (rebuilt != null) {
                writes.add(new Write.Create(RevisionRecords.desired(release, rebuilt)));
                stored.put(stable, rebuilt);
            }
        }
        Set<String> inUse = new HashSet<>(Arrays.asList(target, stable));
        prune(release, stored, inUse, writes);
        return new Kept(stored, writes);
    }

    static Map<String, StoredRevision> read(Collection<ControllerRevision> owned) {
        Map<String, StoredRevision> stored = new HashMap<>();
        for (ControllerRevision record : owned) {
            StoredRevision r = RevisionRecords.read(record);
            if (r != null) {
                stored.put(r.revision(), r);
            }
        }
        return stored;
    }

    /** The stable revision as its slots run it: their pod templates without what the operator adds. */
    private static StoredRevision fromLiveSlots(SwarmRelease release, String revision, Collection<Deployment> slots,
            long number) {
        List<Bot> bots = new ArrayList<>();
        String version = null;
        for (Deployment d : slots) {
            if (!revision.equals(SlotDeployment.revisionOf(d))) {
                continue;
            }
            Bot bot = new Bot();
            bot.name = d.getMetadata().getLabels().get(Labels.BOT);
            Bot inSpec = release.getSpec().bots.stream().filter(b -> b.name.equals(bot.name)).findFirst().orElse(null);
            bot.replicas = inSpec != null ? inSpec.replicas : d.getSpec().getReplicas();
            bot.service = inSpec != null ? inSpec.service : null;
            bot.template = SlotDeployment.userTemplate(d.getSpec().getTemplate());
            version = d.getMetadata().getLabels().get(Labels.VERSION);
            bots.add(bot);
        }
        return bots.isEmpty() ? null : new StoredRevision(revision, version, bots, number);
    }

    private static void prune(SwarmRelease release, Map<String, StoredRevision> stored, Set<String> inUse,
            List<Write> writes) {
        List<StoredRevision> oldestFirst = stored.values().stream()
                .filter(r -> !inUse.contains(r.revision())).sorted(Comparator.comparingLong(StoredRevision::number)).toList();
        for (int i = 0; stored.size() > KEEP && i < oldestFirst.size(); i++) {
            String revision = oldestFirst.get(i).revision();
            writes.add(new Write.Delete(ControllerRevision.class, RevisionRecords.name(release.getMetadata().getName(), revision)));
            stored.remove(revision);
        }
    }
}
