package dev.berth.acme.api;

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
 */
public record AcmeStatus(String directoryUrl, boolean reachable, Optional<String> termsOfService,
        Optional<String> accountUrl, String accountKeyStorage, String http01Address, Optional<String> lastError) {
}
