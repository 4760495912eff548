package dev.berth.certs.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a certificate set is to hold: the names its certificate is issued for and who may read it.
 *
 * @param name the set's name, also its directory in the WebDAV tree ({@code /certs/<name>/}): 1 to 63
 *     lower-case letters, digits, '.', '_' or '-'
 * @param commonName the subject common name; empty for the set's name
 * @param dnsNames the DNS subject alternative names
 * @param ipAddresses the IP address subject alternative names
 * @param ttl the certificate lifetime; {@code null} for the configured default
 * @param profile what the certificate is for
 * @param keyAlgorithm the key type; {@code null} for the configured default
 * @param readers the client identities (the common names of their client certificates) that may read the set
 *     over WebDAV, besides the administrators
 */
public record CertificateSetSpec(String name, String commonName, List<String> dnsNames,
        List<InetAddress> ipAddresses, Duration ttl, CertificateProfile profile, KeyAlgorithm keyAlgorithm,
        Set<String> readers) {

    /**
     * Validates the fields and copies the collections.
     *
     * @param name the set's name
     * @param commonName the subject common name, or empty
     * @param dnsNames the DNS names
     * @param ipAddresses the IP addresses
     * @param ttl the lifetime, or {@code null}
     * @param profile the profile
     * @param keyAlgorithm the key type, or {@code null}
     * @param readers the client identities that may read the set
     * @throws CertificateManagerException when the name is invalid or the TTL not positive
     */
    public CertificateSetSpec {
        Names.identifier("certificate set name", name);
        commonName = commonName == null || commonName.isBlank() ? name : commonName.trim();
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(profile, "profile");
        readers = Set.copyOf(readers);
        readers.forEach(r -> Names.identifier("client identity", r));
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new CertificateManagerException(CertificateManagerException.Reason.INVALID,
                    "the lifetime must be positive: " + ttl);
        }
    }

    /**
     * A server set for the given DNS names and addresses, with the defaults for everything else.
     *
     * @param name the set's name
     * @param dnsNames the DNS names
     * @param ipAddresses the IP addresses
     * @return the specification
     */
    public static CertificateSetSpec server(String name, List<String> dnsNames, List<InetAddress> ipAddresses) {
        return new CertificateSetSpec(name, "", dnsNames, ipAddresses, null, CertificateProfile.SERVER, null, Set.of());
    }

    /**
     * A client set whose certificate's common name is the identity it authenticates as.
     *
     * @param name the set's name
     * @param identity the common name, for example the database user
     * @return the specification
     */
    public static CertificateSetSpec client(String name, String identity) {
        return new CertificateSetSpec(name, identity, List.of(), List.of(), null, CertificateProfile.CLIENT, null,
                Set.of());
    }

    /**
     * Tells whether a set issued for this specification also satisfies {@code other}: same names, profile and
     * key type (the lifetime and the readers may differ).
     *
     * @param other the specification asked for
     * @return whether the same certificate serves both
     */
    public boolean sameSubject(CertificateSetSpec other) {
        return name.equals(other.name) && commonName.equals(other.commonName)
                && Set.copyOf(dnsNames).equals(Set.copyOf(other.dnsNames))
                && Set.copyOf(ipAddresses).equals(Set.copyOf(other.ipAddresses)) && profile == other.profile
                && (other.keyAlgorithm == null || other.keyAlgorithm == keyAlgorithm);
    }
}
