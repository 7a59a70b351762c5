package io.tradingswarm.operator.outbound;

import java.net.InetAddress;
import java.util.Arrays;

/** A block of IP addresses in CIDR form ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a block of one. */
public record IpNetwork(InetAddress base, int prefixLength) {

    public IpNetwork {
        int bits = base.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(base.getHostAddress() + "/" + prefixLength + ": the prefix length must be 0-" + bits);
        }
        // A typo such as 10.0.0.1/8 would silently mean all of 10.0.0.0/8.
        if (!Arrays.equals(masked(base.getAddress(), prefixLength), base.getAddress())) {
            throw new IllegalArgumentException(base.getHostAddress() + "/" + prefixLength + " has bits set after its prefix");
        }
    }

    /** @throws IllegalArgumentException naming {@code cidr} when it is not an IP network */
    public static IpNetwork parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        InetAddress base = HostLiteral.address(parts[0]).orElseThrow(() -> notANetwork(cidr));
        int bits = base.getAddress().length * 8;
        try {
            return new IpNetwork(base, parts.length == 1 ? bits : Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw notANetwork(cidr);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == base.getAddress().length && Arrays.equals(masked(bytes, prefixLength), base.getAddress());
    }

    /** Whether every address of this network lies in {@code other}. */
    public boolean within(IpNetwork other) {
        return prefixLength >= other.prefixLength && other.contains(base);
    }

    @Override
    public String toString() {
        return base.getHostAddress() + "/" + prefixLength;
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    private static IllegalArgumentException notANetwork(String cidr) {
        return new IllegalArgumentException("'" + cidr.trim() + "' is not an IP network such as 10.0.0.0/8 or fd00::/8");
    }
}
