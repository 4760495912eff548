package dev.berth.squid.icap;

import java.util.List;

/**
 * An HTTP response the ICAP service puts in place of the adapted message (a block page).
 *
 * @param head the status line and header fields
 * @param body the body
 */
public record HttpReply(HttpHead head, byte[] body) {

    /**
     * Builds a response.
     *
     * @param status the status code
     * @param reason the reason phrase
     * @param fields the header fields, each {name, value}; Content-Length is added
     * @param body the body
     * @return the response
     */
    public static HttpReply of(int status, String reason, List<String[]> fields, byte[] body) {
        List<String[]> all = new java.util.ArrayList<>(fields);
        all.add(new String[] {"Content-Length", Integer.toString(body.length)});
        return new HttpReply(new HttpHead("HTTP/1.1 " + status + " " + reason, all, 0), body.clone());
    }
}
