package dev.berth.certs.https;

/** What the listener without client certificates serves: enrollment, the CA certificate and the CRL. */
public interface PublicEndpoints {

    /**
     * Handles one sealed enrollment request.
     *
     * @param request the request body
     * @return the answer
     */
    Answer enroll(byte[] request);

    /**
     * Returns the root certificate.
     *
     * @return PEM text
     */
    String rootPem();

    /**
     * Returns the issuing CA's certificate.
     *
     * @return PEM text
     */
    String issuingPem();

    /**
     * Returns the current CRL.
     *
     * @return DER bytes
     */
    byte[] crl();
}
