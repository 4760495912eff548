package dev.berth.haproxy.internal;

import java.util.List;

import dev.berth.certs.api.CertificateMaterial;

/** Where the proxy gets the certificate and key of a set: Berth's certificate manager, or a test CA. */
interface CertificateSource {

    /**
     * Makes sure the set exists for the host names and returns its material.
     *
     * @param set the certificate set's name
     * @param hosts the DNS names its certificate must carry
     * @return the certificate, chain and key, in memory
     * @throws RuntimeException when the set cannot be had, with a message saying why
     */
    CertificateMaterial material(String set, List<String> hosts);
}
