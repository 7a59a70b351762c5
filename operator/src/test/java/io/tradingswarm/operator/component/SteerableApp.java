package io.tradingswarm.operator.component;

import java.util.Map;
import java.util.TreeMap;

/**
 * A scrape target exposing {@code http_requests_total{version,code}} for Prometheus. Every scrape adds
 * each version's configured traffic, so rates stay steady between scrapes and change when a test steers.
 */
public final class SteerableApp implements AutoCloseable {

    private record Traffic(long okPerScrape, long errorsPerScrape) {
    }

    private final Map<String, Traffic> traffic = new TreeMap<>();
    private final Map<String, long[]> totals = new TreeMap<>();
    private final StubServer server = StubServer.answering(exchange -> StubServer.reply(exchange, 200, scrape()));

    public SteerableApp() {
    }

    public synchronized void traffic(String version, long okPerScrape, long errorsPerScrape) {
        steer("version=\"" + version + "\"", okPerScrape, errorsPerScrape);
    }

    /** Traffic of one bot of one version, labelled {@code bot} as well. */
    public synchronized void traffic(String bot, String version, long okPerScrape, long errorsPerScrape) {
        steer("bot=\"" + bot + "\",version=\"" + version + "\"", okPerScrape, errorsPerScrape);
    }

    private void steer(String labels, long okPerScrape, long errorsPerScrape) {
        traffic.put(labels, new Traffic(okPerScrape, errorsPerScrape));
        totals.putIfAbsent(labels, new long[2]);
    }

    public String hostPort() {
        return server.hostPort();
    }

    private synchronized String scrape() {
        StringBuilder exposition = new StringBuilder("# TYPE http_requests_total counter\n");
        traffic.forEach((labels, perScrape) -> {
            long[] total = totals.get(labels);
            total[0] += perScrape.okPerScrape();
            total[1] += perScrape.errorsPerScrape();
            exposition.append(sample(labels, "200", total[0])).append(sample(labels, "500", total[1]));
        });
        return exposition.toString();
    }

    private static String sample(String labels, String code, long value) {
        return "http_requests_total{" + labels + ",code=\"" + code + "\"} " + value + "\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
