package dev.berth.certs.api;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The certificate authority as operators see it.
 *
 * @param root the self-signed root certificate: the trust anchor clients keep
 * @param issuing the intermediate that signs every leaf certificate and the CRL
 * @param keyAlgorithm the CA's key type
 * @param issued how many certificates the ledger holds
 * @param revoked how many of them are revoked
 * @param crlNumber the number of the current CRL
 * @param crlNextUpdate when the current CRL expires (it is re-signed well before)
 * @param storeAttached whether issued-certificate records are also written to the database now
 */
public record CaInfo(X509Certificate root, X509Certificate issuing, KeyAlgorithm keyAlgorithm, int issued,
        int revoked, long crlNumber, Instant crlNextUpdate, boolean storeAttached) {
}
