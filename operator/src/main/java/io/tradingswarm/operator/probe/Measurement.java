package io.tradingswarm.operator.probe;

/**
 * One probe measurement. A provider error is not a failure and no data is not a success: the
 * planner decides what each means for the release.
 *
 * @param value the measured number, when there is one
 * @param message what happened, for status and events; never contains a secret
 */
public record Measurement(Verdict verdict, Double value, String message) {

    public enum Verdict {
        /** The value met the probe's condition. */
        Pass,
        /** The value broke the probe's condition. */
        Fail,
        /** The source answered with nothing to judge (empty result, NaN). */
        NoData,
        /** The source could not be asked or its answer not understood. */
        Error
    }

    public static Measurement pass(Double value, String message) {
        return new Measurement(Verdict.Pass, value, message);
    }

    public static Measurement fail(Double value, String message) {
        return new Measurement(Verdict.Fail, value, message);
    }

    public static Measurement noData(String message) {
        return new Measurement(Verdict.NoData, null, message);
    }

    public static Measurement error(String message) {
        return new Measurement(Verdict.Error, null, message);
    }
}
