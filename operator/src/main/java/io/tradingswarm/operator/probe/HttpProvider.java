package io.tradingswarm.operator.probe;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.outbound.CheckedHttp;
import io.tradingswarm.operator.outbound.OutboundException;
import io.tradingswarm.operator.outbound.OutboundUrl;

/** Measures the status code of a GET to an allow-listed host; redirects are reported, not followed. */
public final class HttpProvider implements ProbeProvider<HttpProbe> {

    private static final String DEFAULT_EXPECTED_STATUS = "200-299";
    private static final Pattern STATUS_OR_RANGE = Pattern.compile("([1-5][0-9][0-9])(?:-([1-5][0-9][0-9]))?");

    private final HostAllowList allowList;
    private final CheckedHttp http;

    public HttpProvider(HostAllowList allowList, CheckedHttp http) {
        this.allowList = allowList;
        this.http = http;
    }

    @Override
    public Measurement measure(HttpProbe probe, ProbeTarget target, Duration timeout) {
        String expected = probe.expectStatus != null ? probe.expectStatus : DEFAULT_EXPECTED_STATUS;
        Matcher range = STATUS_OR_RANGE.matcher(expected);
        if (!range.matches()) {
            return Measurement.error("expectStatus " + expected + " is neither a status code nor a range such as 200-299");
        }
        OutboundUrl url;
        try {
            url = OutboundUrl.parse(probe.url);
        } catch (OutboundException e) {
            return Measurement.error("url: " + e.getMessage());
        }
        int status;
        try {
            allowList.check(url.host());
            status = http.send(CheckedHttp.Request.get(url, Map.of()), 0, timeout).status();
        } catch (OutboundException e) {
            return Measurement.error("GET " + url.origin() + ": " + e.getMessage());
        }
        int lowest = Integer.parseInt(range.group(1));
        int highest = range.group(2) != null ? Integer.parseInt(range.group(2)) : lowest;
        String message = "status " + status + ", expected " + expected;
        return status >= lowest && status <= highest
                ? Measurement.pass((double) status, message)
                : Measurement.fail((double) status, message);
    }
}
