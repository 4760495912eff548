package dev.berth.certs.api;

/** What a certificate is for: its key usage and extended key usage. */
public enum CertificateProfile {

    /** A TLS server (extended key usage serverAuth). */
    SERVER(true, false),
    /** A TLS client (extended key usage clientAuth). */
    CLIENT(false, true),
    /** Both ends of mutual TLS, for example a cluster peer (serverAuth and clientAuth). */
    PEER(true, true);

    private final boolean server;
    private final boolean client;

    CertificateProfile(boolean server, boolean client) {
        this.server = server;
        this.client = client;
    }

    /**
     * Tells whether the certificate authenticates a TLS server.
     *
     * @return whether serverAuth is in the extended key usage
     */
    public boolean server() {
        return server;
    }

    /**
     * Tells whether the certificate authenticates a TLS client.
     *
     * @return whether clientAuth is in the extended key usage
     */
    public boolean client() {
        return client;
    }
}
