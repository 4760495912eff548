package dev.berth.volumes.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.KeyAlgorithm;

/**
 * What the driver asks the certificate manager to create for a volume.
 *
 * @param name the set's name, in the driver's namespace
 * @param commonName the subject common name, empty for the set's name
 * @param dnsNames the DNS names
 * @param ipAddresses the IP addresses
 * @param ttl the lifetime
 * @param profile what the certificate is for
 * @param keyAlgorithm the key type
 */
record SetRequest(String name, String commonName, List<String> dnsNames, List<InetAddress> ipAddresses, Duration ttl,
        CertificateProfile profile, KeyAlgorithm keyAlgorithm) {

    static SetRequest of(String name, VolumeOptions o) {
        return new SetRequest(name, o.commonName(), o.dnsNames(), o.ipAddresses(), o.ttl(), o.profile(),
                o.keyAlgorithm());
    }
}
