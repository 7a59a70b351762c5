package io.tradingswarm.operator.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tradingswarm.operator.outbound.HostLiteral;
import io.tradingswarm.operator.outbound.OutboundGuard;

/**
 * Name resolution without the network: each name answers as scripted, one answer per lookup (the last
 * repeats), and every lookup is recorded. An unknown name does not resolve.
 */
public final class FakeDns implements OutboundGuard.Resolver {
    private final Map<String, Deque<InetAddress[]>> answers = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    /** The next lookup of {@code name} answers {@code addresses} (IP literals). */
    public FakeDns answering(String name, String... addresses) {
        InetAddress[] answer = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            answer[i] = HostLiteral.address(addresses[i]).orElseThrow();
        }
        answers.computeIfAbsent(name, n -> new ArrayDeque<>()).add(answer);
        return this;
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        Deque<InetAddress[]> scripted = answers.get(host);
        if (scripted == null) {
            throw new UnknownHostException(host);
        }
        return scripted.size() > 1 ? scripted.poll() : scripted.peek();
    }

    public List<String> lookups() {
        return List.copyOf(lookups);
    }
}
