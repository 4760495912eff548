package dev.berth.certs.https;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.berth.certs.api.CertificateMaterial;

/**
 * Presents the current certificate of the server's set at every handshake, so a renewal takes effect without
 * restarting the listener.
 */
final class LiveKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "berth";
    private final Supplier<CertificateMaterial> material;

    LiveKeyManager(Supplier<CertificateMaterial> material) {
        this.material = material;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String algorithm = material.get().privateKey().getAlgorithm();
        // Bouncy Castle names EC keys ECDSA; JSSE asks for EC
        return algorithm.equals(keyType) || "ECDSA".equals(algorithm) && "EC".equals(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? material.get().chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? material.get().privateKey() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
