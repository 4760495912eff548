package dev.berth.certs.api;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an enrolling client asks for, and what it knows: the certificate manager's address and its pre-shared
 * key. Nothing else is needed; the CA certificate comes back with the signed certificate.
 *
 * @param server the enrollment endpoint's base address, for example {@code https://berth.example:8644/}
 * @param clientId the client's identity, registered with its pre-shared key; it becomes the certificate's
 *     common name
 * @param preSharedKey the pre-shared key (at least 32 bytes)
 * @param dnsNames the DNS names to ask for, within the client's policy
 * @param ipAddresses the IP addresses to ask for, within the client's policy
 * @param ttl the lifetime to ask for; {@code null} for the server's default
 * @param keyAlgorithm the key the client generates
 * @param timeout how long the round trip may take
 */
public record EnrollmentRequest(URI server, String clientId, byte[] preSharedKey, List<String> dnsNames,
        List<InetAddress> ipAddresses, Duration ttl, KeyAlgorithm keyAlgorithm, Duration timeout) {

    /**
     * Validates and copies.
     *
     * @param server the base address
     * @param clientId the identity
     * @param preSharedKey the key
     * @param dnsNames the DNS names
     * @param ipAddresses the IP addresses
     * @param ttl the lifetime, or {@code null}
     * @param keyAlgorithm the key type
     * @param timeout the round-trip timeout
     */
    public EnrollmentRequest {
        Objects.requireNonNull(server, "server");
        Names.identifier("client identity", clientId);
        if (preSharedKey == null || preSharedKey.length < 32) {
            throw new CertificateManagerException(CertificateManagerException.Reason.INVALID,
                    "the pre-shared key must be at least 32 bytes");
        }
        preSharedKey = preSharedKey.clone();
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A request with the default lifetime, an ECDSA P-256 key and a 30 s timeout.
     *
     * @param server the base address
     * @param clientId the identity
     * @param preSharedKey the key
     * @param dnsNames the DNS names
     * @param ipAddresses the IP addresses
     * @return the request
     */
    public static EnrollmentRequest of(URI server, String clientId, byte[] preSharedKey, List<String> dnsNames,
            List<InetAddress> ipAddresses) {
        return new EnrollmentRequest(server, clientId, preSharedKey, dnsNames, ipAddresses, null,
                KeyAlgorithm.EC_P256, Duration.ofSeconds(30));
    }

    @Override
    public byte[] preSharedKey() {
        return preSharedKey.clone();
    }

    @Override
    public String toString() {
        return "EnrollmentRequest[" + server + ", " + clientId + ", " + dnsNames + ", " + ipAddresses + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrollmentRequest r && server.equals(r.server) && clientId.equals(r.clientId)
                && java.security.MessageDigest.isEqual(preSharedKey, r.preSharedKey) && dnsNames.equals(r.dnsNames)
                && ipAddresses.equals(r.ipAddresses) && Objects.equals(ttl, r.ttl) && keyAlgorithm == r.keyAlgorithm
                && timeout.equals(r.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(server, clientId, dnsNames, ipAddresses);
    }
}
