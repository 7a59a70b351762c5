package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.outbound.HostLiteral;

/** Which hosts are IP addresses, and which IPv4 spellings are refused rather than interpreted. */
@Tag("component")
class HostLiteralTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2130706433",     // one decimal number
        "0x7f000001",     // one hex number
        "0X7F000001",
        "017700000001",   // one octal number
        "127.1",          // short form
        "10.1",
        "127.0.1",
        "0177.0.0.1",     // octal part
        "0x7f.0.0.1",     // hex part
        "127.0.0.01",     // leading zero
        "127.0.0.1.",     // trailing root dot
        "256.0.0.1",      // a part above 255
        "1.2.3.4.5",
        "api.0x10",
    })
    void numericHostsNotWrittenAsADottedQuadAreNonCanonical(String host) {
        assertTrue(HostLiteral.isNonCanonicalIpv4(host));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "169.254.169.254", "canary-api", "api.v2", "1password.com", "::1",
        "::ffff:10.0.0.1"})
    void dottedQuadsNamesAndIpv6AreNot(String host) {
        assertFalse(HostLiteral.isNonCanonicalIpv4(host));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "name", value = {
        "127.0.0.1,              127.0.0.1",
        "255.255.255.255,        255.255.255.255",
        "::1,                    0:0:0:0:0:0:0:1",
        "[fd00:ec2::254],        fd00:ec2:0:0:0:0:0:254",
        "::ffff:169.254.169.254, 169.254.169.254",
        "canary-api.team.svc,    name",
        "localhost,              name",
    })
    void literalsAreAddressesWithoutAskingDns(String host, String address) {
        assertEquals(Optional.ofNullable(address), HostLiteral.address(host).map(InetAddress::getHostAddress));
    }
}
