package dev.berth.certs.api;

import java.math.BigInteger;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Berth's certificate authority: a root and an issuing intermediate created at first start, whose keys are
 * encrypted at rest under the master key. It works without the database; while the store is present, every
 * issued-certificate record is also written there.
 */
@ProviderType
public interface CertificateAuthority {

    /**
     * Describes the CA.
     *
     * @return its certificates and counters
     */
    CaInfo info();

    /**
     * Lists every certificate the CA issued, from its local ledger.
     *
     * @return the records, oldest first
     */
    List<CertificateRecord> certificates();

    /**
     * Revokes a certificate: it enters the CRL, which is re-signed at once, and Berth's mutual-TLS listeners
     * refuse it from then on. Revoking a revoked certificate changes nothing.
     *
     * @param serial the serial number
     * @param reason why
     * @return the updated record
     * @throws CertificateManagerException ({@code NOT_FOUND}) when the CA never issued that serial
     */
    CertificateRecord revoke(BigInteger serial, RevocationReason reason);

    /**
     * Returns the current certificate revocation list, signed by the issuing CA.
     *
     * @return the CRL in DER
     */
    byte[] crl();
}
