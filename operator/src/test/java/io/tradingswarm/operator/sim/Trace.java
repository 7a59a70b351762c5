package io.tradingswarm.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.reconciler.Decision;

/** A readable record of one history: per tick the clock, what happened, the saved phase and the writes. Formatted only on failure. */
final class Trace {
    private record Line(long tick, Instant now, List<String> happenings, boolean stale, Decision decision) {
    }

    private final List<Line> lines = new ArrayList<>();
    private List<String> happenings = new ArrayList<>();

    void happened(String what) {
        happenings.add(what);
    }

    void decided(long tick, Instant now, boolean stale, Decision decision) {
        lines.add(new Line(tick, now, happenings, stale, decision));
        happenings = new ArrayList<>();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            out.append(String.format("t%-3d %s%s%n", l.tick, l.now, l.stale ? " [stale cache]" : ""));
            l.happenings.forEach(h -> out.append("       * ").append(h).append('\n'));
            if (l.decision != null) {
                out.append("       = ").append(describe(l.decision)).append('\n');
            }
        }
        happenings.forEach(h -> out.append("       * ").append(h).append('\n'));
        return out.toString();
    }

    private static String describe(Decision d) {
        SwarmReleaseStatus s = d.status();
        String writes = d.writes().stream().map(Trace::write).collect(Collectors.joining(", "));
        return s.phase + " v=" + s.version + " stable=" + s.stableVersion + "@" + s.stableSlot + " step=" + s.currentStep
                + " w=" + s.weight + (s.drain == null ? "" : " drain=" + s.drain.from + "@" + s.drain.startedAt) + " | " + s.message
                + (writes.isEmpty() ? "" : "\n         writes: " + writes)
                + (d.hookJobs().isEmpty() ? "" : "\n         jobs: " + d.hookJobs().stream().map(j -> j.name()).toList())
                + (d.probesDue().isEmpty() ? "" : "\n         probes due: " + d.probesDue())
                + (d.events().isEmpty() ? "" : "\n         events: " + d.events().stream().map(e -> e.reason().name()).toList())
                + d.wakeUpAfter().map(w -> "\n         wake up after " + format(w)).orElse("");
    }

    /** The trading gate in short: {@code {alpha-a=active[BTC,ETH], alpha-b=shadow[]}} (shards only where listed). */
    private static String gate(io.fabric8.kubernetes.api.model.ConfigMap c) {
        java.util.Map<String, String> slots = new java.util.TreeMap<>();
        c.getData().forEach((slot, file) -> {
            String state = file.lines().filter(l -> l.startsWith("state=")).findFirst().orElse("state=?").substring(6);
            String shards = file.lines().filter(l -> l.startsWith("shards=")).findFirst().map(l -> "[" + l.substring(7) + "]").orElse("");
            slots.put(slot, state + shards);
        });
        return slots.toString();
    }

    private static String write(Write w) {
        if (w instanceof Write.Apply a) {
            HasMetadata o = a.object();
            String detail = o instanceof Deployment d ? " replicas=" + d.getSpec().getReplicas() + " rev="
                    + d.getSpec().getTemplate().getMetadata().getAnnotations().get("tradingswarm.io/revision")
                    : o instanceof Service s ? " selector=" + s.getSpec().getSelector().get("tradingswarm.io/slot")
                    : o instanceof GenericKubernetesResource g ? " " + RouteRules.read(g.getKind(), g.getAdditionalProperties().get("spec")).describe()
                    : o instanceof io.fabric8.kubernetes.api.model.ConfigMap c ? " " + gate(c)
                    : "";
            return "apply " + o.getKind() + " " + o.getMetadata().getName() + detail;
        }
        if (w instanceof Write.Scale sc) {
            return "scale " + sc.deployment() + " to " + sc.replicas();
        }
        if (w instanceof Write.Create c) {
            return "create " + c.object().getKind() + " " + c.object().getMetadata().getName();
        }
        Write.Delete del = (Write.Delete) w;
        return "delete " + del.kind().getSimpleName() + " " + del.name();
    }

    private static String format(Duration d) {
        return d.toSeconds() + "s";
    }
}
