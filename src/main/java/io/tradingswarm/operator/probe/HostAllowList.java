package io.tradingswarm.operator.probe;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts HTTP probes may call, so that a release spec cannot make the operator reach arbitrary
 * addresses. Patterns are comma-separated and case-insensitive: an exact host ({@code localhost}),
 * a suffix ({@code *.svc} matches {@code api.team.svc}, not {@code svc}), or {@value #SERVICE_NAMES}.
 */
public final class HostAllowList {

    /**
     * Matches a single DNS label such as {@code canary-api}, which only in-cluster resolution (the pod's
     * search domains) can turn into an address. {@code name.namespace} is deliberately not included: it
     * is indistinguishable from a public domain such as {@code example.com}; allow {@code *.namespace}.
     */
    public static final String SERVICE_NAMES = "service-names";

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
        if (host == null || host.isEmpty()) {
            return false;
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> matches(pattern, lowerHost));
    }

    /** The host of {@code url}, or null when it has none or is not a URL. */
    public static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException notAUrl) {
            return null;
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
