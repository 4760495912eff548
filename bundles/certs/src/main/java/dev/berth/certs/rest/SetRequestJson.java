package dev.berth.certs.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.KeyAlgorithm;

/**
 * The body of {@code POST /api/v1/sets}.
 *
 * @param name the set's name
 * @param commonName the subject common name, optional
 * @param dnsNames DNS names
 * @param ipAddresses IP address literals
 * @param ttl ISO-8601 lifetime ({@code P30D}), optional
 * @param profile {@code server}, {@code client} or {@code peer}; default server
 * @param keyAlgorithm for example {@code ec-p256}, optional
 * @param readers client identities allowed to read it over WebDAV
 */
record SetRequestJson(String name, String commonName, List<String> dnsNames, List<String> ipAddresses, String ttl,
        String profile, String keyAlgorithm, List<String> readers) {

    CertificateSetSpec spec() {
        try {
            List<InetAddress> addresses = new ArrayList<>();
            for (String ip : ipAddresses == null ? List.<String>of() : ipAddresses) {
                if (!ip.matches("[0-9A-Fa-f:.]+")) {
                    throw new UnknownHostException("not an IP address literal: " + ip);
                }
                addresses.add(InetAddress.getByName(ip));
            }
            return new CertificateSetSpec(name, commonName, dnsNames == null ? List.of() : dnsNames, addresses,
                    ttl == null ? null : Duration.parse(ttl),
                    profile == null ? CertificateProfile.SERVER
                            : CertificateProfile.valueOf(profile.toUpperCase(Locale.ROOT)),
                    keyAlgorithm == null ? null : KeyAlgorithm.parse(keyAlgorithm),
                    readers == null ? Set.of() : Set.copyOf(readers));
        } catch (UnknownHostException | RuntimeException e) {
            if (e instanceof CertificateManagerException c) {
                throw c;
            }
            throw new CertificateManagerException(Reason.INVALID, "invalid set request: " + e.getMessage(), e);
        }
    }
}
