package dev.berth.acme.internal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.acme.api.AcmeException;

/** Turns ACME problem documents (RFC 7807 as RFC 8555 section 6.7 uses them) into exceptions. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * The exception for an error response.
     *
     * @param status the HTTP status
     * @param contentType the response's content type, possibly empty
     * @param body the response body
     * @return an exception with the problem's type and detail, or with the body's start when it is no problem
     */
    static AcmeException fromResponse(int status, String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode doc = JSON.readTree(text);
            if (doc != null && doc.hasNonNull("type")) {
                return fromDocument(doc, status);
            }
        } catch (java.io.IOException e) {
            // Not JSON: a proxy's or a broken server's page; report its start below.
        }
        String start = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new AcmeException("about:blank", "HTTP " + status + " " + contentType + ": " + start.strip(), status);
    }

    /**
     * The exception for a problem document, with the subproblems' identifiers and details in the detail.
     *
     * @param doc the parsed document
     * @param status the HTTP status, or 0 when the document came inside a challenge or order
     * @return the exception
     */
    static AcmeException fromDocument(JsonNode doc, int status) {
        StringBuilder detail = new StringBuilder(doc.path("detail").asText(""));
        for (JsonNode sub : doc.path("subproblems")) {
            detail.append(detail.length() == 0 ? "" : "; ")
                    .append(sub.path("identifier").path("value").asText("?")).append(": ")
                    .append(sub.path("type").asText("")).append(' ')
                    .append(sub.path("detail").asText(""));
        }
        int httpStatus = status != 0 ? status : doc.path("status").asInt(0);
        return new AcmeException(doc.path("type").asText("about:blank"), detail.toString(), httpStatus);
    }
}
