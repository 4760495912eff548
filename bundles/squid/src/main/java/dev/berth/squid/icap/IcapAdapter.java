package dev.berth.squid.icap;

import java.util.Optional;

/** What the ICAP service asks about each message: pass it unchanged, or answer with a reply in its place. */
public interface IcapAdapter {

    /**
     * Inspects a request (REQMOD).
     *
     * @param client the HTTP client's address as Squid reports it, or empty
     * @param request the request's head
     * @param body the first bytes of its body (at most the body limit), empty when it has none
     * @param truncated whether the body was longer than what {@code body} holds
     * @return a reply to send instead of forwarding the request, or empty to pass it
     */
    Optional<HttpReply> request(String client, HttpHead request, byte[] body, boolean truncated);

    /**
     * Inspects a response (RESPMOD).
     *
     * @param client the HTTP client's address, or empty
     * @param request the request's head, when Squid sent it
     * @param response the response's head
     * @param body the first bytes of its body (at most the body limit)
     * @param truncated whether the body was longer
     * @return a reply to send instead of the response, or empty to pass it
     */
    Optional<HttpReply> response(String client, Optional<HttpHead> request, HttpHead response, byte[] body,
            boolean truncated);

    /** @return the service tag; a new tag tells Squid that earlier adaptations are stale */
    String istag();

    /** @return how many body bytes are inspected; the rest passes through unread */
    int bodyLimit();
}
