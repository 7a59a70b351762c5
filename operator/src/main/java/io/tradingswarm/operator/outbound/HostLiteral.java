package io.tradingswarm.operator.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP addresses written as URL hosts. Only the canonical forms are addresses: a.b.c.d in decimal, and IPv6. */
public final class HostLiteral {
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private HostLiteral() {
    }

    /**
     * Whether resolvers would read {@code host} as an IPv4 address although it is not written a.b.c.d:
     * {@code 2130706433}, {@code 0x7f000001}, {@code 127.1}, {@code 0177.0.0.1}, {@code 127.0.0.1.}. As in the
     * WHATWG URL standard, a host whose last label is a number is an IPv4 address; such a host is refused
     * rather than interpreted, because libraries disagree on what it means (0177 is octal to some, decimal to
     * others) and a name allow-list would take it for a Service name.
     */
    public static boolean isNonCanonicalIpv4(String host) {
        if (host.contains(":")) {
            return false;
        }
        String withoutRoot = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String lastLabel = withoutRoot.substring(withoutRoot.lastIndexOf('.') + 1);
        return NUMBER.matcher(lastLabel).matches() && !isCanonicalIpv4(host);
    }

    /** @throws OutboundException refused when {@code host} {@linkplain #isNonCanonicalIpv4 is a non-canonical IPv4 address} */
    public static void rejectNonCanonicalIpv4(String host) throws OutboundException {
        if (isNonCanonicalIpv4(host)) {
            throw OutboundException.refused(host + " is an IPv4 address in a non-canonical form; write it as a.b.c.d");
        }
    }

    /**
     * The address {@code host} spells (IPv6 with or without brackets), or empty when it is a name. Never
     * asks DNS.
     *
     * @throws IllegalArgumentException for a malformed IPv6 literal
     */
    public static Optional<InetAddress> address(String host) {
        if (isCanonicalIpv4(host)) {
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return Optional.of(byAddress(bytes));
        }
        String unbracketed = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!unbracketed.contains(":")) {
            return Optional.empty();
        }
        try {
            // Brackets make the JDK parse an IPv6 literal or fail, instead of falling back to a DNS lookup.
            return Optional.of(InetAddress.getByName("[" + unbracketed + "]"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(host + " is not an IPv6 address");
        }
    }

    private static boolean isCanonicalIpv4(String host) {
        if (!DOTTED_QUAD.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
