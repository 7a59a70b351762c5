package io.tradingswarm.cli.dashboard;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * What the pages are sent, as JSON: the list of releases, or one release as {@link ReleaseView}
 * (the same facts {@code kubectl swarm get} prints) plus what only the dashboard has, the observed
 * series and the DORA figures.
 */
final class Snapshots {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ReleaseFeed feed;
    private final Clock clock;

    Snapshots(ReleaseFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** {scope, releases: [{namespace, name, phase, step, weight, version, stableVersion, paused, rollback...}]} */
    ObjectNode list() {
        ObjectNode out = JSON.createObjectNode().put("scope", feed.scope());
        ArrayNode rows = out.putArray("releases");
        for (SwarmRelease r : feed.releases()) {
            ReleaseView v = ReleaseView.of(r, List.of());
            ObjectNode row = rows.addObject().put("namespace", v.namespace()).put("name", v.name()).put("phase", v.phase())
                    .put("step", v.step()).put("version", v.version()).put("stableVersion", v.stableVersion())
                    .put("paused", v.paused()).put("message", v.message());
            row.set("weight", JSON.valueToTree(v.weight()));
            row.set("rollbackSeconds", JSON.valueToTree(v.lastRollback() == null ? null : v.lastRollback().seconds()));
            row.put("rollbackReason", v.lastRollback() == null ? null : v.lastRollback().reason());
        }
        return out;
    }

    /** {found, namespace, name, release: ReleaseView, series: {weight, probes: {name: [...]}}, dora, note} */
    ObjectNode release(String namespace, String name) {
        ObjectNode out = JSON.createObjectNode().put("namespace", namespace).put("name", name);
        SwarmRelease r = feed.release(namespace, name);
        out.put("found", r != null);
        if (r == null) {
            return out;
        }
        out.set("release", JSON.valueToTree(ReleaseView.of(r, feed.slots(namespace, name))));
        Observations seen = feed.observations(namespace + "/" + name);
        ObjectNode series = out.putObject("series");
        series.set("weight", JSON.valueToTree(seen.weightSeries()));
        series.set("probes", JSON.valueToTree(seen.probeSeries()));
        SwarmReleaseStatus status = r.getStatus() == null ? new SwarmReleaseStatus() : r.getStatus();
        Map<String, String> annotations = r.getMetadata().getAnnotations();
        out.set("dora", JSON.valueToTree(Dora.of(status.history, seen.rollbackSeconds().values(),
                annotations == null ? null : annotations.get(Dora.COMMIT_TIME), clock.instant())));
        String unavailable = feed.deploymentsUnavailable();
        out.put("note", unavailable == null ? null
                : "Slot Deployments are not watched (" + unavailable + "): replica counts come from the release's status.");
        return out;
    }
}
