package dev.berth.volumes.internal;

import java.time.Instant;

/**
 * A certificate set as the certificate manager's REST API describes it (never its key).
 *
 * @param name the set's name
 * @param serial the current certificate's serial number, hexadecimal
 * @param notBefore the start of its validity
 * @param notAfter its expiry
 * @param status ACTIVE, REVOKED or EXPIRED
 */
record SetInfo(String name, String serial, Instant notBefore, Instant notAfter, String status) {
}
