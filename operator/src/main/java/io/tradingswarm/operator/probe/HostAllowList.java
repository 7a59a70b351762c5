package io.tradingswarm.operator.probe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.tradingswarm.operator.outbound.HostLiteral;
import io.tradingswarm.operator.outbound.OutboundException;

/**
 * The host names probes (HTTP URLs and Prometheus addresses) may call, so that a release spec cannot
 * make the operator reach arbitrary hosts; the addresses they resolve to are checked separately
 * ({@link io.tradingswarm.operator.outbound.AllowedNetworks}). Patterns are comma-separated and
 * case-insensitive: an exact host ({@code localhost}), a suffix ({@code *.svc} matches
 * {@code api.team.svc}, not {@code svc}), or {@value #SERVICE_NAMES}. An IPv4 address written other
 * than a.b.c.d ({@code 2130706433}) is never allowed: it would pass for a Service name.
 */
public final class HostAllowList {

    /**
     * Matches a single DNS label such as {@code canary-api}, which only in-cluster resolution (the pod's
     * search domains) can turn into an address. {@code name.namespace} is deliberately not included: it
     * is indistinguishable from a public domain such as {@code example.com}; allow {@code *.namespace}.
     */
    public static final String SERVICE_NAMES = "service-names";

    public static final String SETTING = "swarm.probes.http.allowed-hosts";

    public static final String DEFAULT = "localhost,127.0.0.1,*.svc,*.svc.cluster.local," + SERVICE_NAMES;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final List<String> patterns;

    public HostAllowList(String commaSeparatedPatterns) {
        this.patterns = Arrays.stream(commaSeparatedPatterns.split(","))
                .map(pattern -> pattern.trim().toLowerCase(Locale.ROOT))
                .filter(pattern -> !pattern.isEmpty())
                .map(HostAllowList::wellFormed)
                .toList();
    }

    public boolean allows(String host) {
        if (host == null || host.isEmpty() || HostLiteral.isNonCanonicalIpv4(host)) {
            return false;
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> matches(pattern, lowerHost));
    }

    /** @throws OutboundException refused, naming the host and why */
    public void check(String host) throws OutboundException {
        HostLiteral.rejectNonCanonicalIpv4(host);
        if (!allows(host)) {
            throw OutboundException.refused(host + " is not on the operator's allow-list (" + SETTING + ")");
        }
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.equals(SERVICE_NAMES)) {
            return DNS_LABEL.matcher(host).matches();
        }
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static String wellFormed(String pattern) {
        boolean suffix = pattern.startsWith("*.") && pattern.length() > 2;
        if (pattern.lastIndexOf('*') > (suffix ? 0 : -1)) {
            throw new IllegalArgumentException("host pattern '" + pattern + "' is not a host, *.suffix or " + SERVICE_NAMES);
        }
        return pattern;
    }
}
