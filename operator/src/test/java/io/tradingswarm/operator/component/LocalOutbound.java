package io.tradingswarm.operator.component;

import io.tradingswarm.operator.outbound.AllowedNetworks;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.OutboundGuard;
import io.tradingswarm.operator.testing.FakeDns;

/** The operator's outbound client as a local run has it (public networks and loopback), with DNS faked. */
final class LocalOutbound {
    private LocalOutbound() {
    }

    static CheckedHttp resolvingWith(FakeDns dns) {
        return new CheckedHttp(new OutboundGuard(new AllowedNetworks(AllowedNetworks.DEFAULT), dns));
    }

    /** For tests that call 127.0.0.1 by address: any name lookup fails. */
    static CheckedHttp withoutNames() {
        return resolvingWith(new FakeDns());
    }
}
