package io.tradingswarm.operator.planner;

import java.util.List;
import java.util.Optional;

import io.tradingswarm.operator.api.Bot;

/**
 * A revision kept in the cluster (a ControllerRevision the release owns): the version and every
 * bot's pod template as they were, so a deleted slot can be restored and {@code undo} can go back.
 *
 * @param number increases with every revision stored, as a StatefulSet numbers its revisions
 */
public record StoredRevision(String revision, String version, List<Bot> bots, long number) {

    public Optional<Bot> bot(String name) {
        return bots.stream().filter(b -> b.name.equals(name)).findFirst();
    }
}
