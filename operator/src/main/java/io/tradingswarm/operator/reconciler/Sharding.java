package io.tradingswarm.operator.reconciler;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.StartupEvent;

/**
 * Label-based sharding (docs/operations.md, "Sharding: more than one operator"). An instance handles
 * only the releases that match {@code swarm.shard.selector}: application.properties hands it to
 * quarkus-operator-sdk as the label selector of the SwarmRelease informer, so the API server sends
 * this instance nothing else. Owned objects of other instances' releases still reach its secondary
 * informers; JOSDK drops their events because the release is not in its primary cache.
 */
public class Sharding {
    /** The label a release carries to be handled by the instance of that shard. */
    public static final String LABEL = "tradingswarm.io/shard";
    /** The selector of the instance that handles the releases without the label. */
    public static final String UNLABELLED = "!" + LABEL;
    private static final Logger LOG = Logger.getLogger(Sharding.class);

    /** With {@code swarm.shard.name} set, every metric of this process carries {@code shard=<name>}. */
    @Produces
    @Singleton
    MeterFilter shardTag(@ConfigProperty(name = "swarm.shard.name") Optional<String> shard) {
        return shard.map(name -> MeterFilter.commonTags(Tags.of("shard", name))).orElseGet(() -> new MeterFilter() {
        });
    }

    void announce(@Observes StartupEvent start,
            @ConfigProperty(name = "swarm.shard.selector") Optional<String> selector,
            @ConfigProperty(name = "swarm.shard.name") Optional<String> shard) {
        LOG.infof("handles %s", selector.map(s -> "the releases matching " + s
                + shard.map(name -> " (shard " + name + ")").orElse("")).orElse("every release (no swarm.shard.selector)"));
    }
}
