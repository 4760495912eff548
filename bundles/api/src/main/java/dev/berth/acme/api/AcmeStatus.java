package dev.berth.acme.api;

import java.util.List;
import java.util.Optional;

/**
 * What the ACME client knows about its CA and account.
 *
 * @param directoryUrl the configured directory URL
 * @param reachable whether the directory could be read just now
 * @param termsOfService the CA's terms of service URL, empty when it names none or was not reached
 * @param accountUrl the account's URL (the JWS "kid"), empty until the account was registered or found
 * @param accountKeyStorage where the account key is kept ("secret-store" or "memory")
 * @param http01Address the address and port the http-01 responder listens on while an issuance waits for its challenges
 * @param lastError the last failure, empty when there was none
 * @param challenge the challenge answered when the caller names none
 * @param dns01Zones the zones of Berth's DNS server (absolute names) whose names dns-01 can prove; empty when the DNS
 *     server is not running
 */
public record AcmeStatus(String directoryUrl, boolean reachable, Optional<String> termsOfService,
        Optional<String> accountUrl, String accountKeyStorage, String http01Address, Optional<String> lastError,
        AcmeChallenge challenge, List<String> dns01Zones) {

    /**
     * Copies the list.
     *
     * @param directoryUrl the directory URL
     * @param reachable whether the directory could be read
     * @param termsOfService the terms of service URL
     * @param accountUrl the account URL
     * @param accountKeyStorage where the account key is kept
     * @param http01Address the http-01 responder's address
     * @param lastError the last failure
     * @param challenge the default challenge
     * @param dns01Zones the zones dns-01 can prove names in
     */
    public AcmeStatus {
        dns01Zones = List.copyOf(dns01Zones);
    }

    /**
     * The status of a client that answers http-01 only (API 1.1).
     *
     * @param directoryUrl the directory URL
     * @param reachable whether the directory could be read
     * @param termsOfService the terms of service URL
     * @param accountUrl the account URL
     * @param accountKeyStorage where the account key is kept
     * @param http01Address the http-01 responder's address
     * @param lastError the last failure
     */
    public AcmeStatus(String directoryUrl, boolean reachable, Optional<String> termsOfService,
            Optional<String> accountUrl, String accountKeyStorage, String http01Address, Optional<String> lastError) {
        this(directoryUrl, reachable, termsOfService, accountUrl, accountKeyStorage, http01Address, lastError,
                AcmeChallenge.HTTP_01, List.of());
    }
}
