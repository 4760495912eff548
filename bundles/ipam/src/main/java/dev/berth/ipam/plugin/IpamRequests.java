package dev.berth.ipam.plugin;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.plugin.api.PluginException;

/**
 * Reads the JSON bodies of the IPAM protocol strictly: a field of the wrong type, a malformed address or
 * malformed JSON is refused with HTTP 400, naming the field.
 */
final class IpamRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final JsonNode body;

    private IpamRequests(String method, JsonNode body) {
        this.method = method;
        this.body = body;
    }

    static IpamRequests parse(String method, byte[] raw) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (IOException e) {
            throw PluginException.badRequest("malformed JSON in " + method + ": " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw PluginException.badRequest(method + " expects a JSON object");
        }
        return new IpamRequests(method, node);
    }

    String requiredString(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw PluginException.badRequest(method + " needs the field " + field);
        }
        return string(field, value);
    }

    String optionalString(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? "" : string(field, value);
    }

    boolean optionalBoolean(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw PluginException.badRequest(method + ": " + field + " must be true or false");
        }
        return value.booleanValue();
    }

    Map<String, String> options(String field) {
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

    IpPrefix optionalPrefix(String field) {
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

    /** An address, accepted with or without a prefix length. */
    InetAddress optionalAddress(String field) {
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
