package io.tradingswarm.operator.reconciler;

import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;

/**
 * Leader election on a Lease, off unless {@code swarm.leader-election.enabled} (the Helm chart turns
 * it on): {@code make run} outside a pod has no namespace to put the Lease in. quarkus-operator-sdk
 * looks this bean up; null means no election.
 */
public class LeaderElection {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration configuration(
            @ConfigProperty(name = "swarm.leader-election.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "swarm.leader-election.lease-name", defaultValue = "swarm-operator") String leaseName,
            // Empty: the namespace of the pod's ServiceAccount, which is where the chart grants the Lease.
            @ConfigProperty(name = "swarm.leader-election.lease-namespace") Optional<String> leaseNamespace) {
        if (!enabled) {
            return null;
        }
        // JOSDK's own exit-on-stop-leading calls System.exit during a normal shutdown too, from the
        // shutdown hook, where it blocks until the kubelet kills the pod (measured: SIGTERM never ends).
        return new LeaderElectionConfiguration(leaseName, leaseNamespace.orElse(null),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null,
                new LeaderCallbacks(() -> { }, LeaderElection::exitUnlessShuttingDown, leader -> { }), false);
    }

    /** A lease lost while running means another replica may act: stop at once, the Deployment restarts us. */
    private static void exitUnlessShuttingDown() {
        if (!shuttingDown()) {
            LOG.error("lost the leader lease: exiting so that only the new leader acts");
            // Not on this thread: it holds the elector's lock, which the shutdown hook's stop() needs.
            new Thread(() -> System.exit(1), "lost-lease-exit").start();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
