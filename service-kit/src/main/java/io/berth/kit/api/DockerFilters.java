package io.berth.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filters} query parameter: JSON in the Go client's form {@code {"label":{"a=b":true}}} or the legacy
 * list form {@code {"label":["a=b"]}} that docker-py sends. Values within a key are alternatives; all keys must match.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/api/types/filters/parse.go">moby filters.FromJSON</a>
 */
public final class DockerFilters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Set<String>> values;

    private DockerFilters(Map<String, Set<String>> values) {
        this.values = values;
    }

    public static DockerFilters none() {
        return new DockerFilters(Map.of());
    }

    /** Parses the query value; 400 with Docker's wording when it is not one of the two JSON forms. */
    public static DockerFilters parse(String query) {
        if (query == null || query.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(query);
        } catch (IOException e) {
            throw new InvalidParameterException("invalid filter: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParameterException("invalid filter: expected a JSON object");
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            Set<String> set = new LinkedHashSet<>();
            JsonNode node = field.getValue();
            if (node.isArray()) {
                node.forEach(value -> set.add(value.asText()));
            } else if (node.isObject()) {
                node.fieldNames().forEachRemaining(set::add);
            } else {
                throw new InvalidParameterException("invalid filter '" + field.getKey() + "': expected a list or a map");
            }
            values.put(field.getKey(), set);
        }
        return new DockerFilters(values);
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isEmpty();
    }

    public Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** Fails with Docker's message for a key the endpoint does not know. */
    public void allowOnly(Set<String> keys) {
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                throw new InvalidParameterException("invalid filter '" + key + "'");
            }
        }
    }

    /**
     * moby's {@code Args.Match}: true without values for the key, else when a value equals {@code source} or, read
     * as a regular expression, occurs in it ({@code name=app} matches {@code proj_app_default}). A value that is no
     * valid expression only matches exactly: Go skips the compile error.
     */
    public boolean match(String key, String source) {
        if (!has(key)) {
            return true;
        }
        for (String wanted : get(key)) {
            if (wanted.equals(source)) {
                return true;
            }
            try {
                if (Pattern.compile(wanted).matcher(source).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // Not an expression: only the exact comparison above counts.
            }
        }
        return false;
    }

    /** moby's {@code Args.ExactMatch}: true without values for the key, else when one value equals {@code source}. */
    public boolean exactMatch(String key, String source) {
        return !has(key) || get(key).contains(source);
    }

    /**
     * Label filters match when every one is satisfied: {@code key} needs the label, {@code key=value} its value.
     */
    public boolean matchesLabels(Map<String, String> labels) {
        return matchesLabels("label", labels);
    }

    /**
     * The same for the label filters under another key, such as prune's {@code label!} (moby's {@code MatchKVList}):
     * true when every one is satisfied, and when there is none.
     */
    public boolean matchesLabels(String key, Map<String, String> labels) {
        for (String wanted : get(key)) {
            int equals = wanted.indexOf('=');
            if (equals < 0) {
                if (!labels.containsKey(wanted)) {
                    return false;
                }
            } else if (!wanted.substring(equals + 1).equals(labels.get(wanted.substring(0, equals)))) {
                return false;
            }
        }
        return true;
    }
}
