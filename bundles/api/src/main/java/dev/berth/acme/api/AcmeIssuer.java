package dev.berth.acme.api;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Obtains certificates from the configured ACME certificate authority, proving control of each name with the
 * http-01 challenge served by Berth's own responder or the dns-01 challenge answered by Berth's own DNS server.
 */
@ProviderType
public interface AcmeIssuer {

    /**
     * Orders, validates, finalizes and downloads a certificate for DNS names with the configured challenge; blocks
     * until the CA has issued it or the configured timeout has passed.
     *
     * @param dnsNames the names, the first one also the subject's common name; at least one
     * @param certificateKey the key pair the certificate is for (EC or RSA); its private key signs the CSR and
     *     never leaves this process
     * @return the chain the CA returned, leaf first
     * @throws AcmeException when the CA refuses a request (with its problem document), a challenge fails or the
     *     timeout passes
     */
    IssuedChain issue(List<String> dnsNames, KeyPair certificateKey);

    /**
     * Orders a certificate for a CSR made elsewhere.
     *
     * @param dnsNames the names the CSR asks for, which the order must match
     * @param csrDer the PKCS#10 certificate signing request, DER encoded
     * @return the chain the CA returned, leaf first
     * @throws AcmeException as for {@link #issue(List, KeyPair)}
     */
    IssuedChain issue(List<String> dnsNames, byte[] csrDer);

    /**
     * Issues a certificate as {@link #issue(List, KeyPair)} does, proving control with the given challenge. For
     * {@link AcmeChallenge#DNS_01} every name (a wildcard name {@code *.x} by its base name {@code x}) must be in a
     * zone Berth's DNS server serves; otherwise, or without the DNS server, the call is refused before any order
     * is placed. The {@code _acme-challenge} TXT records are removed again whatever the outcome.
     *
     * @param dnsNames the names, the first one also the subject's common name; at least one
     * @param certificateKey the key pair the certificate is for
     * @param challenge the challenge to answer
     * @return the chain the CA returned, leaf first
     * @throws AcmeException as for {@link #issue(List, KeyPair)}, and when the challenge cannot be used for the names
     * @throws UnsupportedOperationException when this issuer answers only its configured challenge
     * @since 1.2
     */
    default IssuedChain issue(List<String> dnsNames, KeyPair certificateKey, AcmeChallenge challenge) {
        throw new UnsupportedOperationException("this ACME issuer answers only its configured challenge");
    }

    /**
     * Orders a certificate for a CSR made elsewhere, proving control with the given challenge.
     *
     * @param dnsNames the names the CSR asks for, which the order must match
     * @param csrDer the PKCS#10 certificate signing request, DER encoded
     * @param challenge the challenge to answer
     * @return the chain the CA returned, leaf first
     * @throws AcmeException as for {@link #issue(List, KeyPair, AcmeChallenge)}
     * @throws UnsupportedOperationException when this issuer answers only its configured challenge
     * @since 1.2
     */
    default IssuedChain issue(List<String> dnsNames, byte[] csrDer, AcmeChallenge challenge) {
        throw new UnsupportedOperationException("this ACME issuer answers only its configured challenge");
    }

    /**
     * Revokes a certificate this client's account obtained (RFC 8555 section 7.6, signed with the account key).
     *
     * @param certificate the certificate, as the CA issued it
     * @param reason why
     * @throws AcmeException when the CA refuses, for example {@code alreadyRevoked} or {@code unauthorized}
     */
    void revoke(X509Certificate certificate, RevocationReason reason);

    /**
     * Reads the directory and, when the account exists already or can be created, its URL.
     *
     * @return what the client knows about the CA and its account
     */
    AcmeStatus status();
}
