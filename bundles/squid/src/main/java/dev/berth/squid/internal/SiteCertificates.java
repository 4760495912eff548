package dev.berth.squid.internal;

import java.util.List;

import dev.berth.certs.api.CertificateMaterial;

/** Where the reverse proxy's HTTPS certificate comes from: Berth's certificate manager, or a test CA. */
interface SiteCertificates {

    /** The certificate set of the reverse proxy's HTTPS port. */
    String SET = "squid-reverse";

    /**
     * Makes sure the set's certificate names exactly these hosts and returns it.
     *
     * @param hosts every published host name
     * @return the certificate, key and CA
     * @throws RuntimeException when it cannot be had, saying why
     */
    CertificateMaterial material(List<String> hosts);
}
