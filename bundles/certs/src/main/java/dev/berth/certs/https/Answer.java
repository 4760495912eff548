package dev.berth.certs.https;

import java.nio.charset.StandardCharsets;

/**
 * An answer of the enrollment endpoint.
 *
 * @param status the HTTP status
 * @param body the body: a sealed message when the status is 200, a short text otherwise
 */
public record Answer(int status, byte[] body) {

    /**
     * A plain-text answer.
     *
     * @param status the status
     * @param text the text
     * @return the answer
     */
    public static Answer plain(int status, String text) {
        return new Answer(status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
