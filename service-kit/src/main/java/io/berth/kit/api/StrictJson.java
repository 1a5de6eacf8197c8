package io.berth.kit.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a request body and binds it to wire records as strictly as Go's {@code encoding/json} does in dockerd: no
 * string for a bool, no number for a string, no fraction for an integer; names match case-insensitively, as Go
 * matches them. A failure is a 400 whose words name the field, in the form dockerd uses ({@code json: cannot
 * unmarshal number into Go struct field ContainerConfigWrapper.Cmd of type []string}) with Docker's names instead of
 * Go's ({@code json: cannot unmarshal number into Config.Cmd of type string}). Quarkus's own binding answers a wrong
 * type with an empty 400 outside dev and test mode (its {@code BuiltinMismatchedInputExceptionMapper}), which is why
 * bodies that need this are read as bytes.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Fields a record does not name are the field check's to judge (HonouredFields), not the binding's.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StrictJson() {
    }

    /** The body as a tree; {@code null} when it is empty. 400 {@code invalid JSON: ...} when it is not JSON. */
    public static JsonNode tree(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (JsonEOFException e) {
            throw new InvalidParameterException("invalid JSON: the body ends before the JSON does");
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidParameterException("invalid JSON: " + e.getMessage());
        }
    }

    /** Binds {@code node} (null for absent) to {@code type}; {@code name} is what the node is called in messages. */
    public static <T> T bind(JsonNode node, Class<T> type, String name) {
        try {
            return node == null ? null : JSON.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw new InvalidParameterException("json: cannot unmarshal " + given(e) + " into " + field(name, e)
                    + " of type " + wanted(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("invalid JSON in " + name + ": " + e.getOriginalMessage());
        }
    }

    /** The member {@code name} of an object, matched as Go matches field names: case-insensitively. */
    public static JsonNode member(JsonNode object, String name) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return null;
    }

    /** The field's name as the client wrote it: struct fields only, as Go names them (no map keys, no indexes). */
    private static String field(String name, JsonMappingException e) {
        StringBuilder path = new StringBuilder(name);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null && !(reference.getFrom() instanceof Map)) {
                path.append('.').append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /** Go's word for the JSON value that was given. */
    private static String given(MismatchedInputException e) {
        JsonToken token = e.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
        if (token == null) {
            return "value";
        }
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            default -> "value";
        };
    }

    /** The JSON type a record component takes. */
    private static String wanted(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "integer";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
