package io.tradingswarm.operator.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a host into the addresses a request may connect to: resolved once, and refused unless every
 * address is allowed, so that a name with one good and one bad address is refused too.
 */
public final class OutboundGuard {

    /** Name resolution; tests fake DNS with it. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AllowedNetworks networks;
    private final Resolver resolver;

    public OutboundGuard(AllowedNetworks networks, Resolver resolver) {
        this.networks = networks;
        this.resolver = resolver;
    }

    /** @throws OutboundException refused, or when the name does not resolve */
    public List<InetAddress> addressesOf(String host) throws OutboundException {
        HostLiteral.rejectNonCanonicalIpv4(host);
        Optional<InetAddress> literal;
        try {
            literal = HostLiteral.address(host);
        } catch (IllegalArgumentException e) {
            throw OutboundException.failed("URL has a malformed host or port");
        }
        List<InetAddress> addresses = literal.isPresent() ? List.of(literal.get()) : resolved(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = networks.refusal(address);
            if (refusal.isPresent()) {
                throw OutboundException.refused((literal.isPresent() ? "" : "resolves to ") + address.getHostAddress()
                        + " (" + refusal.get() + ")");
            }
        }
        return addresses;
    }

    private List<InetAddress> resolved(String host) throws OutboundException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        if (addresses == null || addresses.length == 0) {
            throw OutboundException.failed("cannot resolve " + host);
        }
        return List.of(addresses);
    }
}
