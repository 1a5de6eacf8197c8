package io.berth.worker.api;

import io.berth.kit.errors.InvalidParameterException;

/** The {@code run} query parameter: the number container-service gave a run, a positive whole number. */
final class RunParam {
    private RunParam() {
    }

    /** The run number, or null when the parameter is absent; 400 for anything but a positive whole number. */
    static Long parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long run = Long.parseLong(value.trim());
            if (run > 0) {
                return run;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("invalid value for run: " + value + " (a positive whole number)");
    }
}
