package io.tradingswarm.operator.unit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.DrainStatus;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingSettings;
import io.tradingswarm.operator.probe.Measurement;
import io.tradingswarm.operator.probe.Measurement.Verdict;
import io.tradingswarm.operator.probe.Measurer;
import io.tradingswarm.operator.probe.ProbeProvider;

/** {{bot}} and {{drainingVersion}}: one query per value, the worst verdict counts, and the message says whose it is. */
@Tag("unit")
class MeasurerFanOutTest {
    private final List<String> asked = new ArrayList<>();
    /** Open orders: only version v2 of bot arb still has some. */
    private final ProbeProvider<PrometheusProbe> prometheus = (probe, target, timeout) -> {
        asked.add(probe.query);
        return probe.query.equals("open_orders{bot=\"arb\",version=\"v2\"}") ? Measurement.fail(3.0, "3 > 0")
                : Measurement.pass(0.0, "0 <= 0");
    };

    private static SwarmRelease draining(List<String> versions) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("swarm").withNamespace("ns").build());
        r.setSpec(new SwarmReleaseSpec());
        r.getSpec().version = "v2";
        for (String name : List.of("maker", "arb")) {
            Bot bot = new Bot();
            bot.name = name;
            r.getSpec().bots = new ArrayList<>(r.getSpec().bots == null ? List.of() : r.getSpec().bots);
            r.getSpec().bots.add(bot);
        }
        r.getSpec().trading = new TradingSettings();
        r.getSpec().trading.drainProbe = "orders";
        r.setStatus(new SwarmReleaseStatus());
        r.getStatus().stableSlot = "a";
        r.getStatus().stableVersion = "v1";
        r.getStatus().drain = new DrainStatus();
        r.getStatus().drain.versions = versions;
        return r;
    }

    private static ProbeSpec orders(String query) {
        ProbeSpec p = new ProbeSpec();
        p.name = "orders";
        p.prometheus = new PrometheusProbe();
        p.prometheus.query = query;
        p.prometheus.max = 0.0;
        return p;
    }

    @Test
    void aDrainOfBothVersionsAsksForEachBotAndVersionAndTheWorstCounts() {
        Measurement m = new Measurer(null, prometheus, null).measure(draining(List.of("v1", "v2")),
                orders("open_orders{bot=\"{{bot}}\",version=\"{{drainingVersion}}\"}"), 0);
        assertEquals(List.of("open_orders{bot=\"maker\",version=\"v1\"}", "open_orders{bot=\"maker\",version=\"v2\"}",
                "open_orders{bot=\"arb\",version=\"v1\"}", "open_orders{bot=\"arb\",version=\"v2\"}"), asked);
        assertEquals(Verdict.Fail, m.verdict());
        assertEquals("bot arb: version v2: 3 > 0", m.message());
    }

    @Test
    void aProbeWithoutThePlaceholdersIsAskedOnce() {
        Measurement m = new Measurer(null, prometheus, null).measure(draining(List.of("v1", "v2")), orders("sum(open_orders)"), 0);
        assertEquals(List.of("sum(open_orders)"), asked);
        assertEquals("0 <= 0", m.message());
    }
}
