package io.tradingswarm.operator.planner;

/**
 * A one-shot action asked for with the tradingswarm.io/action annotation.
 *
 * @param requestId unique per request, so a request is handled once even if the operator restarts
 *        before it removes the annotation
 */
public record Action(String name, String requestId) {
    public static final String ANNOTATION = "tradingswarm.io/action";
}
