package io.tradingswarm.operator.planner;

/**
 * A one-shot action asked for with the tradingswarm.io/action annotation.
 *
 * @param requestId unique per request, so a request is handled once even if the operator restarts
 *        before it removes the annotation
 * @param by the field manager that wrote the annotation (the client that asked), or null
 */
public record Action(String name, String requestId, String by) {
    public static final String ANNOTATION = "tradingswarm.io/action";

    /** An action whose requester is not known. */
    public Action(String name, String requestId) {
        this(name, requestId, null);
    }
}
