package io.tradingswarm.operator.validation;

import java.util.List;
import java.util.function.Predicate;

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
        if (spec.probes == null) {
            return;
        }
        for (int i = 0; i < spec.probes.size(); i++) {
            ProbeSpec p = spec.probes.get(i);
            String field = "spec.probes[" + i + "]";
            if (p.prometheus != null) {
                placeholders(errors, field + ".prometheus.query", p.prometheus.query);
                placeholders(errors, field + ".prometheus.address", p.prometheus.address);
                if (p.prometheus.address != null) {
                    host(errors, field + ".prometheus.address", p.prometheus.address, allowedHost);
                }
            }
            if (p.http != null) {
                placeholders(errors, field + ".http.url", p.http.url);
                host(errors, field + ".http.url", p.http.url, allowedHost);
            }
        }
    }

    private static void placeholders(List<String> errors, String field, String text) {
        for (String name : Placeholders.unknown(text)) {
            errors.add(field + ": unknown placeholder {{" + name + "}}; known: " + String.join(", ",
                    Placeholders.KNOWN.stream().sorted().toList()));
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
