package dev.berth.plugin.json;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.plugin.api.PluginException;

/**
 * One request body of the plugin protocol, read strictly: a field of the wrong type, a malformed address or
 * malformed JSON is refused with HTTP 400, naming the method and the field.
 */
public final class PluginRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final JsonNode body;

    private PluginRequest(String method, JsonNode body) {
        this.method = method;
        this.body = body;
    }

    /**
     * Parses a body.
     *
     * @param method the protocol method, for messages (for example {@code RequestPool})
     * @param raw the body
     * @return the request
     * @throws PluginException (400) when the body is not a JSON object
     */
    public static PluginRequest parse(String method, byte[] raw) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (IOException e) {
            throw PluginException.badRequest("malformed JSON in " + method + ": " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw PluginException.badRequest(method + " expects a JSON object");
        }
        return new PluginRequest(method, node);
    }

    /**
     * Reads a string field that must be present.
     *
     * @param field the field
     * @return its value
     * @throws PluginException (400) when it is missing or not a string
     */
    public String requiredString(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw PluginException.badRequest(method + " needs the field " + field);
        }
        return string(field, value);
    }

    /**
     * Reads a string field that may be absent or null.
     *
     * @param field the field
     * @return its value, or the empty string
     * @throws PluginException (400) when it is not a string
     */
    public String optionalString(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? "" : string(field, value);
    }

    /**
     * Reads a boolean field that may be absent.
     *
     * @param field the field
     * @return its value, or {@code false}
     * @throws PluginException (400) when it is not a boolean
     */
    public boolean optionalBoolean(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw PluginException.badRequest(method + ": " + field + " must be true or false");
        }
        return value.booleanValue();
    }

    /**
     * Reads an object of strings that may be absent.
     *
     * @param field the field
     * @return its entries in order, empty when absent
     * @throws PluginException (400) when it is not an object of strings
     */
    public Map<String, String> options(String field) {
        JsonNode value = body.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw PluginException.badRequest(method + ": " + field + " must be an object of strings");
        }
        var fields = value.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().isTextual()) {
                throw PluginException.badRequest(method + ": " + field + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /**
     * Reads a CIDR prefix that may be absent or empty.
     *
     * @param field the field
     * @return the prefix, or {@code null}
     * @throws PluginException (400) when it is not a CIDR prefix
     */
    public IpPrefix optionalPrefix(String field) {
        String text = optionalString(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            IpPrefix prefix = IpPrefix.parse(text);
            if (!text.contains("/")) {
                throw new IllegalArgumentException("'" + text + "' has no prefix length");
            }
            return prefix;
        } catch (IllegalArgumentException e) {
            throw PluginException.badRequest(method + ": " + field + " is not a CIDR prefix: " + e.getMessage());
        }
    }

    /**
     * Reads an address, with or without a prefix length, that may be absent or empty.
     *
     * @param field the field
     * @return the address, or {@code null}
     * @throws PluginException (400) when it is not an address
     */
    public InetAddress optionalAddress(String field) {
        String text = optionalString(field);
        if (text.isEmpty()) {
            return null;
        }
        int slash = text.indexOf('/');
        try {
            return IpPrefix.parseAddress(slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw PluginException.badRequest(method + ": " + field + " is not an IP address: " + e.getMessage());
        }
    }

    /**
     * Reads a nested object that may be absent or null.
     *
     * @param field the field
     * @return the object as a request of its own (empty when absent)
     * @throws PluginException (400) when it is not an object
     */
    public PluginRequest object(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return new PluginRequest(method, JSON.createObjectNode());
        }
        if (!value.isObject()) {
            throw PluginException.badRequest(method + ": " + field + " must be an object");
        }
        return new PluginRequest(method, value);
    }

    /**
     * Reads an array of objects that may be absent or null.
     *
     * @param field the field
     * @return its elements as requests of their own
     * @throws PluginException (400) when it is not an array of objects
     */
    public List<PluginRequest> objects(String field) {
        JsonNode value = body.get(field);
        List<PluginRequest> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw PluginException.badRequest(method + ": " + field + " must be an array");
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw PluginException.badRequest(method + ": " + field + " must hold objects");
            }
            out.add(new PluginRequest(method, item));
        }
        return out;
    }

    /**
     * Reads a whole number field that may be absent.
     *
     * @param field the field
     * @param otherwise the value when absent
     * @return its value
     * @throws PluginException (400) when it is not a whole number
     */
    public long optionalLong(String field, long otherwise) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw PluginException.badRequest(method + ": " + field + " must be a whole number");
        }
        return value.longValue();
    }

    /**
     * Returns the names of the fields present.
     *
     * @return the field names in order
     */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Returns a field as plain text whatever its JSON type, for options Docker passes as strings, booleans
     * or numbers.
     *
     * @param field the field
     * @return the text, or {@code null} when absent
     */
    public String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * Renders a response body.
     *
     * @param value the fields, in order
     * @return the JSON text
     */
    public static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a plugin response", e);
        }
    }

    private String string(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw PluginException.badRequest(method + ": " + field + " must be a string");
        }
        return value.textValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
