package dev.berth.dns.api;

/** Where a record served by Berth comes from. */
public enum RecordOrigin {

    /** Made by the server for a zone it serves: SOA, NS and the name server's addresses. */
    ZONE,

    /** Made automatically from a published endpoint: A, AAAA and PTR. */
    AUTO,

    /** Defined by a container label ({@code berth.dns.*}). */
    LABEL,

    /** Added by an operator. */
    STATIC,

    /** Read from a DNS response, which does not tell where a record comes from. */
    RESPONSE
}
