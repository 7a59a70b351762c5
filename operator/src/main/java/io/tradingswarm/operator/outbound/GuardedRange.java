package io.tradingswarm.operator.outbound;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An address range outbound requests stay out of unless told otherwise: what the operator's own pod,
 * node, cluster network or cloud provider answers on. Ranges that are {@code alwaysRefused} have no
 * single peer to talk to and never open.
 *
 * @param label how a refusal names the range
 */
record GuardedRange(String label, boolean alwaysRefused, IpNetwork network) {

    static final List<GuardedRange> ALL = Stream.of(
            ranges("unspecified", true, "0.0.0.0/8", "::/128"),
            ranges("multicast", true, "224.0.0.0/4", "ff00::/8"),
            ranges("broadcast", true, "255.255.255.255/32"),
            ranges("loopback", false, "127.0.0.0/8", "::1/128"),
            ranges("private", false, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
            ranges("shared/CGNAT", false, "100.64.0.0/10"),
            ranges("link-local", false, "169.254.0.0/16", "fe80::/10"),
            ranges("cloud metadata", false, "169.254.169.254/32", "fd00:ec2::254/128"))
            .flatMap(List::stream).toList();

    /** The narrowest range holding {@code address}: 169.254.169.254 is cloud metadata before it is link-local. */
    static Optional<GuardedRange> narrowestHolding(InetAddress address) {
        return ALL.stream().filter(range -> range.network.contains(address))
                .max(Comparator.comparingInt(range -> range.network.prefixLength()));
    }

    private static List<GuardedRange> ranges(String label, boolean alwaysRefused, String... cidrs) {
        return Stream.of(cidrs).map(cidr -> new GuardedRange(label, alwaysRefused, IpNetwork.parse(cidr))).toList();
    }
}
