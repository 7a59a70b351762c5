package io.tradingswarm.operator.probe;

import java.util.Map;

/**
 * What a measurement is about: the release, its run and the probe.
 *
 * @param secrets resolved credential values by purpose ("bearerToken", "username", "password"); never logged
 */
public record ProbeTarget(String namespace, String release, String revision, String probe, Map<String, String> secrets) {
}
