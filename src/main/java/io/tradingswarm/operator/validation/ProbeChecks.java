package io.tradingswarm.operator.validation;

import java.net.URI;
import java.util.List;
import java.util.function.Predicate;

import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.probe.Placeholders;

/** What only the operator can check in probes: placeholders, and hosts against its allow-list. */
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
            }
            if (p.http != null) {
                placeholders(errors, field + ".http.url", p.http.url);
                String host = host(p.http.url);
                if (host == null) {
                    errors.add(field + ".http.url: not a valid URL");
                } else if (!allowedHost.test(host)) {
                    errors.add(field + ".http.url: host " + host + " is not on the operator's allow-list "
                            + "(swarm.probes.http.allowed-hosts)");
                }
            }
        }
    }

    private static void placeholders(List<String> errors, String field, String text) {
        for (String name : Placeholders.unknown(text)) {
            errors.add(field + ": unknown placeholder {{" + name + "}}; known: " + String.join(", ",
                    Placeholders.KNOWN.stream().sorted().toList()));
        }
    }

    private static String host(String url) {
        try {
            return URI.create(url.replace("{{", "").replace("}}", "")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
