package io.berth.image.build.dockerfile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name=value} flags of one instruction: each instruction declares the flags it takes, then
 * {@link #parse()} checks what was written against them, with the builder's words for every mistake.
 *
 * @see <a href="https://github.com/moby/buildkit/blob/v0.8.3/frontend/dockerfile/instructions/bflag.go">bflag.go</a>
 */
final class BuildFlags {
    private final List<String> written;
    private final Map<String, Boolean> declared = new LinkedHashMap<>(); // name -> is boolean
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    BuildFlags(List<String> written) {
        this.written = written;
    }

    BuildFlags string(String name) {
        declared.put(name, false);
        return this;
    }

    BuildFlags bool(String name) {
        declared.put(name, true);
        return this;
    }

    BuildFlags parse() {
        for (String arg : written) {
            if (!arg.startsWith("--")) {
                throw new SyntaxException("Arg should start with -- : " + arg);
            }
            if (arg.equals("--")) {
                return this;
            }
            String name = arg.substring(2);
            String value = "";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Boolean bool = declared.get(name);
            if (bool == null) {
                throw new SyntaxException("Unknown flag: " + name);
            }
            if (!used.add(name)) {
                throw new SyntaxException("Duplicate flag specified: " + name);
            }
            if (bool) {
                if (eq >= 0 && value.isEmpty()) {
                    throw new SyntaxException("Missing a value on flag: " + name);
                }
                String lower = value.toLowerCase(java.util.Locale.ROOT);
                if (lower.isEmpty()) {
                    values.put(name, "true");
                } else if (lower.equals("true") || lower.equals("false")) {
                    values.put(name, lower);
                } else {
                    throw new SyntaxException("Expecting boolean value for flag " + name + ", not: " + value);
                }
            } else {
                if (eq < 0) {
                    throw new SyntaxException("Missing a value on flag: " + name);
                }
                values.put(name, value);
            }
        }
        return this;
    }

    String value(String name) {
        return values.getOrDefault(name, "");
    }

    boolean isTrue(String name) {
        return "true".equals(values.get(name));
    }

    /** The flags written, in the order written. */
    List<String> used() {
        return List.copyOf(used);
    }
}
