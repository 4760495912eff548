package dev.berth.certs.rest;

import java.util.Optional;

import dev.berth.certs.api.CertificateSetSpec;

/**
 * What an enrolled client that is not an administrator may do with the REST API: manage the sets of its own
 * namespace ({@code <client id>.<anything>}), for names and lifetimes its enrollment policy allows, readable by
 * itself only. This is how a client on another host (the certificate volume driver) gets certificates for names
 * other than its own identity without being an administrator.
 */
public interface ClientSetPolicy {

    /** No identity has a namespace: the REST API is for administrators only. */
    ClientSetPolicy NONE = new ClientSetPolicy() {
        @Override
        public Optional<String> namespace(String identity) {
            return Optional.empty();
        }

        @Override
        public CertificateSetSpec admit(String identity, CertificateSetSpec spec) {
            throw new IllegalStateException("no client namespaces");
        }
    };

    /**
     * Returns the name prefix of the sets an identity may manage.
     *
     * @param identity the client identity (the common name of its certificate)
     * @return {@code <identity>.} when it is a registered enrollment client, empty otherwise
     */
    Optional<String> namespace(String identity);

    /**
     * Checks a set an enrolled client asks for and returns what it may get: the name in its namespace, the
     * names, addresses and lifetime within the server's and its own enrollment policy, the common name the set's
     * name or one of its DNS names (always the set's name for client and peer certificates, so that no set
     * carries another identity), and the client itself as the only reader.
     *
     * @param identity the client identity
     * @param spec what it asked for
     * @return the specification to create, with an explicit lifetime
     * @throws dev.berth.certs.api.CertificateManagerException {@code POLICY} or {@code INVALID}, with the reason
     */
    CertificateSetSpec admit(String identity, CertificateSetSpec spec);
}
