package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tradingswarm.operator.probe.HostAllowList;

/** Which host names the allow-list lets probes call. */
@Tag("component")
class HostAllowListTest {

    @ParameterizedTest(name = "{0} allowed by default: {1}")
    @CsvSource({
        "localhost,                       true",
        "LocalHost,                       true",
        "127.0.0.1,                       true",
        "canary-api,                      true",
        "canary-api.team.svc,             true",
        "Canary-API.team.svc.cluster.local, true",
        "canary-api.team,                 false",
        "svc.example.org,                 false",
        "canary-api.team.svc.example.org, false",
        "localhost.example.org,           false",
        "127.0.0.2,                       false",
        "169.254.169.254,                 false",
        "-canary,                         false",
        "2130706433,                      false",
        "0x7f000001,                      false",
        "127.1,                           false",
        "'',                              false",
    })
    void theDefaultAllowsLoopbackAndInClusterServices(String host, boolean allowed) {
        assertEquals(allowed, new HostAllowList(HostAllowList.DEFAULT).allows(host));
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*.monitoring            | prometheus.monitoring    | true",
        "*.monitoring            | monitoring               | false",
        "*.monitoring            | prometheus.monitoringx   | false",
        "' metrics.internal , '  | METRICS.internal         | true",
        "metrics.internal        | canary-api               | false",
        "''                      | localhost                | false",
    })
    void patternsAreExactHostsOrSuffixes(String patterns, String host, boolean allowed) {
        assertEquals(allowed, new HostAllowList(patterns).allows(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "api.*.svc", "*svc"})
    void wildcardsOutsideALeadingLabelAreRejected(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new HostAllowList(pattern));
    }
}
