package io.berth.oci.spec;

import java.util.List;

/** The records' immutable copies of their lists; an absent list stays absent, so it is left out of the JSON. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
