package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.Action;

/**
 * The SwarmRelease as the API server keeps it (spec, generation, saved status, the pending action
 * request) and the people who edit it: new versions, reverts, invalid specs, bots added or removed,
 * pauses and one-shot actions.
 */
final class ReleaseAuthor {
    static final String NAME = "swarm";
    static final String GHOST_PROBE = "ghost";

    private final Random random;
    private final SpecFactory specs;
    private final Set<String> brokenImages;
    private SwarmReleaseSpec spec;
    private long generation = 1;
    private String savedStatus;
    /** The saved status parsed once per save; readers treat it as read-only, as they would an informer's copy. */
    private SwarmReleaseStatus parsedStatus;
    private Action pending;
    private int versions = 1;
    private int requests;
    private SwarmReleaseSpec stableSpec;

    ReleaseAuthor(Random random, SpecFactory specs, Set<String> brokenImages) {
        this.random = random;
        this.specs = specs;
        this.brokenImages = brokenImages;
        this.spec = specs.initial("v1");
    }

    /** The object a reconcile reads: spec, generation and the saved status (the Decider copies status before changing it). */
    SwarmRelease release() {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(ModelCluster.NAMESPACE).withUid("uid-1")
                .withGeneration(generation).build());
        r.setSpec(spec);
        r.setStatus(status());
        return r;
    }

    SwarmReleaseStatus status() {
        return parsedStatus;
    }

    /** Saves the status through JSON, as the status subresource does; returns the saved text. */
    String save(SwarmReleaseStatus status) {
        savedStatus = Serialization.asJson(status);
        parsedStatus = Serialization.unmarshal(savedStatus, SwarmReleaseStatus.class);
        SwarmReleaseStatus saved = parsedStatus;
        if (pending != null && saved.lastAction != null && pending.requestId().equals(saved.lastAction.requestId)) {
            pending = null;
        }
        if (saved.stableRevision != null && saved.stableRevision.equals(saved.revision)
                && saved.stableVersion.equals(spec.version)) {
            stableSpec = spec;
        }
        return savedStatus;
    }

    SwarmReleaseSpec spec() {
        return spec;
    }

    long generation() {
        return generation;
    }

    Action pendingAction() {
        return pending;
    }

    /** The spec routes through Gateway API or Istio. */
    boolean routed() {
        return spec.strategy.canary != null && spec.strategy.canary.trafficRouting != null;
    }

    boolean specInvalid() {
        return spec.backgroundProbes != null && spec.backgroundProbes.contains(GHOST_PROBE);
    }

    // ---- actions ----

    String ask(String action) {
        pending = new Action(action, action + "@" + (++requests));
        return "action " + pending.requestId();
    }

    String randomAction() {
        return ask(List.of("promote", "promote", "promote-full", "abort", "retry", "halt", "resume").get(random.nextInt(7)));
    }

    // ---- spec edits: each is a new object and a new generation ----

    String randomEdit() {
        int r = random.nextInt(100);
        if (specInvalid() && r < 50) {
            return fixSpec();
        }
        if (r < 42) {
            return newVersion();
        }
        if (r < 56) {
            return revertToStable();
        }
        if (r < 64) {
            return edit("invalid: backgroundProbes names a probe that does not exist", s -> {
                s.backgroundProbes = new ArrayList<>(s.backgroundProbes == null ? List.of() : s.backgroundProbes);
                s.backgroundProbes.add(GHOST_PROBE);
            });
        }
        if (r < 74) {
            return addBot();
        }
        if (r < 82 && spec.bots.size() > 1) {
            String gone = spec.bots.get(random.nextInt(spec.bots.size())).name;
            if (routed() && spec.bots.stream().noneMatch(b -> b.service != null && !b.name.equals(gone))) {
                return newVersion(); // a router needs a bot with a Service: the spec would be invalid
            }
            return edit("remove bot " + gone, s -> s.bots.removeIf(b -> b.name.equals(gone)));
        }
        if (r < 94) {
            return togglePaused();
        }
        Bot bot = spec.bots.get(random.nextInt(spec.bots.size()));
        int replicas = specs.replicas();
        return edit("resize " + bot.name + " to " + replicas, s -> s.bots.stream().filter(b -> b.name.equals(bot.name))
                .forEach(b -> b.replicas = replicas));
    }

    String newVersion() {
        String version = "v" + (++versions);
        boolean broken = random.nextInt(100) < 15;
        return edit("new version " + version + (broken ? " (broken: its pods never become ready)" : ""), s -> {
            s.version = version;
            List<Bot> bots = new ArrayList<>();
            for (Bot b : s.bots) {
                Bot next = SpecFactory.bot(b.name, b.replicas, version, b.service != null);
                // A new version sometimes reshards: shards added, dropped or reordered.
                next.shards = b.shards == null ? null : random.nextInt(100) < 20 ? specs.shards() : b.shards;
                if (broken) {
                    brokenImages.add(SpecFactory.image(b.name, version));
                }
                bots.add(next);
            }
            s.bots = bots;
        });
    }

    String revertToStable() {
        if (stableSpec == null) {
            return newVersion();
        }
        SwarmReleaseSpec stable = stableSpec;
        return edit("revert to the stable version " + stable.version, s -> {
            s.version = stable.version;
            s.bots = SpecFactory.copy(stable).bots;
        });
    }

    String fixSpec() {
        return edit("fix the invalid spec", s -> s.backgroundProbes.removeIf(GHOST_PROBE::equals));
    }

    String togglePaused() {
        return edit(Boolean.TRUE.equals(spec.paused) ? "unpause" : "pause", s -> s.paused = Boolean.TRUE.equals(s.paused) ? null : true);
    }

    private String addBot() {
        String name = SpecFactory.BOT_NAMES.stream().filter(n -> spec.bots.stream().noneMatch(b -> b.name.equals(n)))
                .findFirst().orElse(null);
        if (name == null) {
            return newVersion();
        }
        int replicas = specs.replicas();
        boolean service = specs.withService(name, !scalesWithoutRouter());
        return edit("add bot " + name + " (" + replicas + " replicas" + (service ? "" : ", no Service") + ")",
                s -> s.bots.add(SpecFactory.bot(name, replicas, s.version, service)));
    }

    /** A canary that sets its scale without a router: its bots take no requests, so none may gain a Service. */
    private boolean scalesWithoutRouter() {
        return spec.strategy.canary != null && spec.strategy.canary.trafficRouting == null
                && spec.strategy.canary.steps.stream().anyMatch(st -> st.setCanaryScale != null);
    }

    private String edit(String what, java.util.function.Consumer<SwarmReleaseSpec> change) {
        SwarmReleaseSpec next = SpecFactory.copy(spec);
        change.accept(next);
        spec = next;
        generation++;
        return "edit: " + what;
    }
}
