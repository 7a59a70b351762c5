package io.tradingswarm.operator.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The networks every address the operator connects to must lie in ({@value #SETTING}). A guarded range
 * (loopback, private, shared/CGNAT, link-local, cloud metadata) opens only to a listed network inside
 * it: {@code 0.0.0.0/0} means the public internet, and {@code 169.254.0.0/16} leaves 169.254.169.254
 * closed. Unspecified, multicast and broadcast addresses never open.
 */
public final class AllowedNetworks {
    public static final String SETTING = "swarm.outbound.allowed-networks";

    /** The public internet and loopback: what a local run ({@code make run}, tests) talks to. */
    public static final String DEFAULT = "0.0.0.0/0,::/0,127.0.0.0/8,::1/128";

    // IPv6 forms that carry an IPv4 address a host may end up reaching: IPv4-compatible and NAT64.
    private static final List<IpNetwork> IPV4_CARRIERS = List.of(IpNetwork.parse("::/96"), IpNetwork.parse("64:ff9b::/96"));

    private final List<IpNetwork> networks;

    /** @throws IllegalArgumentException naming an entry that is not a CIDR */
    public AllowedNetworks(String commaSeparatedCidrs) {
        this.networks = Arrays.stream(commaSeparatedCidrs.split(","))
                .filter(cidr -> !cidr.isBlank())
                .map(IpNetwork::parse)
                .toList();
    }

    /** Why {@code address} may not be connected to ("cloud metadata"), or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress checked = carriedIpv4(address).orElse(address);
        Optional<GuardedRange> guarded = GuardedRange.narrowestHolding(checked);
        if (guarded.isPresent()) {
            GuardedRange range = guarded.get();
            boolean opened = !range.alwaysRefused() && networks.stream()
                    .anyMatch(network -> network.contains(checked) && network.within(range.network()));
            return opened ? Optional.empty() : Optional.of(range.label());
        }
        return networks.stream().anyMatch(network -> network.contains(checked)) ? Optional.empty()
                : Optional.of("outside " + SETTING);
    }

    /** The IPv4 address in {@code ::a.b.c.d} or {@code 64:ff9b::a.b.c.d}; {@code ::} and {@code ::1} carry none. */
    private static Optional<InetAddress> carriedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16 || bytes[12] == 0 || IPV4_CARRIERS.stream().noneMatch(carrier -> carrier.contains(address))) {
            return Optional.empty();
        }
        return Optional.of(HostLiteral.byAddress(Arrays.copyOfRange(bytes, 12, 16)));
    }
}
