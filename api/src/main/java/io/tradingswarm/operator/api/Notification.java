package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Slack-compatible webhook told about some of a release's events. */
public class Notification {
    @Required
    public Webhook webhook;

    @Size(max = 8)
    @JsonPropertyDescription("Started, Paused, Promoted, RolledBack, Succeeded, Failed, Halted, HaltLifted; all of them when empty.")
    public List<@io.fabric8.generator.annotation.Pattern("^(Started|Paused|Promoted|RolledBack|Succeeded|Failed|Halted|HaltLifted)$") String> events;

    /** Where to POST: the URL is read from a Secret, so it never appears in the release. */
    public static class Webhook {
        @Required
        @JsonPropertyDescription("The Secret key holding the webhook URL.")
        public UrlFrom urlFrom;
    }

    /** A Secret key reference. */
    public static class UrlFrom {
        @Required
        public io.fabric8.kubernetes.api.model.SecretKeySelector secretKeyRef;
    }
}
