package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;

/** Jobs run in order at three points of a run; each must succeed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hooks {
    @Size(max = 10)
    @JsonPropertyDescription("Before any traffic moves (backup, migrate); a failure stops the run.")
    public List<Hook> preRollout;

    @Size(max = 10)
    @JsonPropertyDescription("After the new version became stable (smoke tests); a failure is reported.")
    public List<Hook> postRollout;

    @Size(max = 10)
    @JsonPropertyDescription("After traffic was restored by a rollback (restore jobs); a failure is reported.")
    public List<Hook> onRollback;
}
