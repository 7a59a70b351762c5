package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tradingswarm.operator.outbound.AllowedNetworks;
import io.tradingswarm.operator.outbound.HostLiteral;
import io.tradingswarm.operator.outbound.IpNetwork;

/** CIDR matching and which addresses the allowed networks open, by default and when configured. */
@Tag("component")
class AllowedNetworksTest {

    static InetAddress ip(String literal) {
        return HostLiteral.address(literal).orElseThrow();
    }

    /** The Helm chart's default (outbound.allowedNetworks). */
    static AllowedNetworks chartDefault() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/helm/swarm-operator/values.yaml").toFile());
        return new AllowedNetworks(values.path("outbound").path("allowedNetworks").asText());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8,        10.255.1.2,      true",
        "10.0.0.0/8,        11.0.0.1,        false",
        "172.16.0.0/12,     172.31.255.255,  true",
        "172.16.0.0/12,     172.32.0.0,      false",
        "192.0.2.7,         192.0.2.7,       true",
        "192.0.2.7,         192.0.2.8,       false",
        "0.0.0.0/0,         203.0.113.7,     true",
        "0.0.0.0/0,         2001:db8::1,     false",
        "fd00::/8,          fd12:3456::1,    true",
        "fd00::/8,          fe80::1,         false",
        "fe80::/10,         febf::1,         true",
        "fe80::/10,         fec0::1,         false",
        "::/0,              10.0.0.1,        false",
        "2001:db8::/32,     2001:db8:ffff::, true",
    })
    void aNetworkContainsTheAddressesUnderItsPrefix(String cidr, String address, boolean contained) {
        assertEquals(contained, IpNetwork.parse(cidr).contains(ip(address)));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "fd00::1/8", "10.0.0/8", "0x0a000000/8", "example.com/8", "10.0.0.0/x", ""})
    void malformedNetworksAreRejected(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse(cidr));
    }

    @Test
    void aMalformedSettingNamesTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AllowedNetworks("10.0.0.0/8, nonsense"));
        assertEquals("'nonsense' is not an IP network such as 10.0.0.0/8 or fd00::/8", e.getMessage());
    }

    @ParameterizedTest(name = "{0} refused by default: {1}")
    @CsvSource(nullValues = "allowed", value = {
        "169.254.169.254,      cloud metadata",
        "fd00:ec2::254,        cloud metadata",
        "169.254.1.1,          link-local",
        "fe80::1,              link-local",
        "10.96.0.1,            private",
        "172.16.0.1,           private",
        "192.168.1.1,          private",
        "fd12:3456::1,         private",
        "100.64.0.1,           shared/CGNAT",
        "0.0.0.0,              unspecified",
        "::,                   unspecified",
        "224.0.0.1,            multicast",
        "ff02::1,              multicast",
        "255.255.255.255,      broadcast",
        "::a9fe:a9fe,          cloud metadata",
        "64:ff9b::a9fe:a9fe,   cloud metadata",
        "::ffff:10.0.0.1,      private",
        "127.0.0.1,            allowed",
        "127.8.8.8,            allowed",
        "::1,                  allowed",
        "203.0.113.7,          allowed",
        "2001:db8::1,          allowed",
    })
    void theDefaultOpensThePublicInternetAndLoopbackOnly(String address, String refusal) {
        assertEquals(Optional.ofNullable(refusal), new AllowedNetworks(AllowedNetworks.DEFAULT).refusal(ip(address)));
    }

    @ParameterizedTest(name = "{0} opens {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "allowed", value = {
        "10.0.0.0/8                 | 10.1.2.3         | allowed",
        "10.0.0.0/8                 | 172.16.0.1       | private",
        "10.1.0.0/16                | 10.1.2.3         | allowed",
        "169.254.0.0/16             | 169.254.1.1      | allowed",
        "169.254.0.0/16             | 169.254.169.254  | cloud metadata",
        "169.254.169.254/32         | 169.254.169.254  | allowed",
        "fc00::/7                   | fd12::1          | allowed",
        "fc00::/7                   | fd00:ec2::254    | cloud metadata",
        "0.0.0.0/0,::/0             | 10.1.2.3         | private",
        "0.0.0.0/0,::/0             | 127.0.0.1        | loopback",
        "0.0.0.0/0,::/0             | ::1              | loopback",
        "0.0.0.0/0                  | 100.64.0.1       | shared/CGNAT",
        "224.0.0.0/4                | 224.0.0.1        | multicast",
        "0.0.0.0/8                  | 0.0.0.0          | unspecified",
        "10.0.0.0/8                 | 203.0.113.7      | outside swarm.outbound.allowed-networks",
        "''                         | 203.0.113.7      | outside swarm.outbound.allowed-networks",
    })
    void aGuardedRangeOpensOnlyToANetworkInsideIt(String networks, String address, String refusal) {
        assertEquals(Optional.ofNullable(refusal), new AllowedNetworks(networks).refusal(ip(address)));
    }

    @ParameterizedTest(name = "{0} allowed by the chart: {1}")
    @CsvSource(nullValues = "allowed", value = {
        "10.96.0.10,       allowed",
        "fd12::1,          allowed",
        "100.64.3.4,       allowed",
        "203.0.113.7,      allowed",
        "169.254.169.254,  cloud metadata",
        "fd00:ec2::254,    cloud metadata",
        "169.254.1.1,      link-local",
        "127.0.0.1,        loopback",
    })
    void theChartDefaultAddsInClusterAddressesAndKeepsMetadataClosed(String address, String refusal) throws IOException {
        assertEquals(Optional.ofNullable(refusal), chartDefault().refusal(ip(address)));
    }
}
