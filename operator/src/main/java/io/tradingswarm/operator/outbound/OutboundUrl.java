package io.tradingswarm.operator.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An http(s) URL split into what one request needs. The host is taken from the authority as written
 * (after the last {@code @}), so that the host checked is the host connected to. Only {@link #origin()}
 * may appear in messages: userinfo, path and query may hold secrets.
 *
 * @param host a lower-case name or IP literal, IPv6 without brackets
 */
public record OutboundUrl(boolean https, String host, int port, String requestTarget) {
    private static final Pattern HOST = Pattern.compile("[a-z0-9._-]+|\\[[0-9a-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** @throws OutboundException when {@code url} is not an http(s) URL with a host */
    public static OutboundUrl parse(String url) throws OutboundException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw OutboundException.failed("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw OutboundException.failed("not an http(s) URL");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        int colon = hostAndPort.lastIndexOf(':');
        boolean hasPort = colon > hostAndPort.lastIndexOf(']');
        String host = hasPort ? hostAndPort.substring(0, colon) : hostAndPort;
        String port = hasPort ? hostAndPort.substring(colon + 1) : "";
        if (host.isEmpty()) {
            throw OutboundException.failed("URL has no host");
        }
        boolean validPort = port.isEmpty() || PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535;
        if (!HOST.matcher(host).matches() || !validPort) {
            throw OutboundException.failed("URL has a malformed host or port");
        }
        boolean https = scheme.equals("https");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new OutboundUrl(https, host.replace("[", "").replace("]", ""),
                port.isEmpty() ? (https ? 443 : 80) : Integer.parseInt(port),
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /** {@code scheme://host:port}: all of the URL that a message may show. */
    public String origin() {
        return (https ? "https" : "http") + "://" + bracketedHost() + ":" + port;
    }

    /** The Host header: the port only when it is not the scheme's default. */
    String hostHeader() {
        return port == (https ? 443 : 80) ? bracketedHost() : bracketedHost() + ":" + port;
    }

    private String bracketedHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
