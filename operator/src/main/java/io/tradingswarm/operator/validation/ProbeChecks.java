package io.tradingswarm.operator.validation;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.outbound.HostLiteral;
import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundUrl;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.Placeholders;

/**
 * What only the operator can check in probes: placeholders, and the host names of URLs and addresses
 * against its allow-list. Addresses are checked when a probe is measured: a name may not resolve yet.
 */
final class ProbeChecks {
    private ProbeChecks() {
    }

    static void validate(List<String> errors, SwarmReleaseSpec spec, Predicate<String> allowedHost) {
        drainProbe(errors, spec);
        if (spec.probes == null) {
            return;
        }
        String drainProbe = spec.trading == null ? null : spec.trading.drainProbe;
        for (int i = 0; i < spec.probes.size(); i++) {
            ProbeSpec p = spec.probes.get(i);
            String field = "spec.probes[" + i + "]";
            boolean drains = p.name.equals(drainProbe);
            if (p.prometheus != null) {
                placeholders(errors, field + ".prometheus.query", p.prometheus.query, drains);
                placeholders(errors, field + ".prometheus.address", p.prometheus.address, drains);
                if (p.prometheus.address != null) {
                    host(errors, field + ".prometheus.address", p.prometheus.address, allowedHost);
                }
            }
            if (p.http != null) {
                placeholders(errors, field + ".http.url", p.http.url, drains);
                host(errors, field + ".http.url", p.http.url, allowedHost);
            }
        }
    }

    private static void placeholders(List<String> errors, String field, String text, boolean drains) {
        for (String name : Placeholders.unknown(text)) {
            errors.add(field + ": unknown placeholder {{" + name + "}}; known: " + String.join(", ",
                    Placeholders.KNOWN.stream().sorted().toList()));
        }
        if (!drains && Placeholders.uses(text, Placeholders.DRAINING_VERSION)) {
            errors.add(field + ": {{" + Placeholders.DRAINING_VERSION + "}} is known only in spec.trading.drainProbe's probe");
        }
    }

    /**
     * The drain probe decides when a handover may go on, so it is a probe of its own: never a dry run,
     * and not one that an analysis or the background judges as well.
     */
    private static void drainProbe(List<String> errors, SwarmReleaseSpec spec) {
        String name = spec.trading == null ? null : spec.trading.drainProbe;
        if (name == null) {
            return;
        }
        String field = "spec.trading.drainProbe";
        ProbeSpec probe = spec.probes == null ? null : spec.probes.stream().filter(p -> name.equals(p.name)).findFirst().orElse(null);
        if (probe == null) {
            errors.add(field + ": no probe named '" + name + "' in spec.probes");
            return;
        }
        String timeout = spec.trading.drainTimeout;
        if (timeout != null && timeout.matches(Durations.PATTERN) && Durations.parse(timeout, null).isZero()) {
            errors.add("spec.trading.drainTimeout: must be longer than 0s with a drainProbe: it is the time the probe has to pass");
        }
        if (Boolean.TRUE.equals(probe.dryRun)) {
            errors.add(field + ": probe " + name + " is a dry run; a drain probe decides when the other slot may trade");
        }
        boolean analysed = spec.backgroundProbes != null && spec.backgroundProbes.contains(name)
                || spec.strategy != null && (spec.strategy.canary != null && spec.strategy.canary.steps != null
                        && spec.strategy.canary.steps.stream().anyMatch(s -> s.analysis != null && s.analysis.probes.contains(name))
                        || spec.strategy.blueGreen != null && Stream.of(spec.strategy.blueGreen.prePromotionAnalysis,
                                spec.strategy.blueGreen.postPromotionAnalysis).anyMatch(a -> a != null && a.probes.contains(name)));
        if (analysed) {
            errors.add(field + ": probe " + name + " is also an analysis or background probe; give the drain a probe of its own");
        }
    }

    /** Placeholders are checked with their braces dropped: {{bot}}-api stands for a Service name. */
    private static void host(List<String> errors, String field, String url, Predicate<String> allowedHost) {
        String host;
        try {
            host = OutboundUrl.parse(url.replace("{{", "").replace("}}", "")).host();
            HostLiteral.rejectNonCanonicalIpv4(host);
        } catch (OutboundException e) {
            errors.add(field + ": " + e.getMessage());
            return;
        }
        if (!allowedHost.test(host)) {
            errors.add(field + ": host " + host + " is not on the operator's allow-list (" + HostAllowList.SETTING + ")");
        }
    }
}
