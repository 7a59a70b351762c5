package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ServicePort;

/** The subset of a ServiceSpec that a bot's Service takes from the release. */
public class BotService {
    @Required
    @Size(min = 1, max = 20)
    @JsonPropertyDescription("Ports of the bot's Service.")
    public List<ServicePort> ports;
}
