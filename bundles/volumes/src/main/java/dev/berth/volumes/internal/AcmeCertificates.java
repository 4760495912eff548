package dev.berth.volumes.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.IssuedChain;
import dev.berth.acme.api.RevocationReason;
import dev.berth.certs.api.Pem;

/**
 * Certificates of {@code issuer=acme} volumes from Berth's ACME client: a fresh key generated in memory, the chain
 * the ACME CA returns for it, laid out as the five files of a volume. The latest files of each volume stay in this
 * process's memory (the key never in the store, never on disk) so that a volume mounted again gets them without a
 * new order; after a restart a mounted volume's files are in its tmpfs, and an unmounted one is issued again at its
 * next mount. The certificate of a volume that goes away is revoked, since nothing will use it again; the driver
 * keeps each volume's leaf certificate (public) in the store so that this works after a restart too.
 */
final class AcmeCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeCertificates.class);

    /** The {@code ca} column of a volume whose certificate comes from the ACME CA (a root fingerprint otherwise). */
    static final String CA = "acme";

    private final Supplier<AcmeIssuer> issuer;
    private final ConcurrentMap<String, SetFiles> latest = new ConcurrentHashMap<>();

    AcmeCertificates(Supplier<AcmeIssuer> issuer) {
        this.issuer = issuer;
    }

    /**
     * Orders a certificate for a volume's names with a new key and remembers its files.
     *
     * @param volume the volume
     * @param o its options: DNS names and key type
     * @return the files: the leaf, the chain as returned, the last certificate of the chain as {@code ca.pem}
     * @throws VolumeRequestException when the ACME client is not running or the CA refused or failed
     */
    SetFiles issue(String volume, VolumeOptions o) {
        AcmeIssuer acme = issuer.get();
        if (acme == null) {
            throw new VolumeRequestException("volume " + volume + ": the ACME client (berth-acme) is not running; "
                    + "issuer=acme needs it (issuer=berth gets the certificate from Berth's CA)");
        }
        KeyPair key = generate(o);
        IssuedChain chain;
        try {
            chain = acme.issue(o.dnsNames(), key);
        } catch (AcmeException e) {
            throw new VolumeRequestException("volume " + volume + ": the ACME CA gave no certificate for "
                    + o.dnsNames() + ": " + e.getMessage(), e);
        }
        if (!chain.leaf().getPublicKey().equals(key.getPublic())) {
            throw new VolumeRequestException("volume " + volume + ": the ACME CA returned a certificate for another "
                    + "key");
        }
        SetFiles files = files(chain.certificates(), Pem.privateKey(key.getPrivate()));
        latest.put(volume, files);
        return files;
    }

    /**
     * The files last issued for a volume in this process.
     *
     * @param volume the volume
     * @return its files, empty after a restart or before the first issuance
     */
    Optional<SetFiles> latest(String volume) {
        return Optional.ofNullable(latest.get(volume));
    }

    void forget(String volume) {
        latest.remove(volume);
    }

    /**
     * Revokes the certificate of a volume that is gone (or was never created), with the reason "cessation of
     * operation", and forgets its files: the certificate this process issued last, or else the one the store kept,
     * issued before a restart of Berth. The ACME account revokes either with its account key (RFC 8555 section
     * 7.6), so the certificate's own key, gone with the old process, is not needed. A refusal, an unreachable CA
     * or an unreadable stored certificate is logged, not thrown: the volume goes anyway.
     *
     * @param volume the volume
     * @param storedPem the leaf certificate the store kept for the volume (PEM), empty when none
     * @return whether a certificate was revoked
     */
    boolean retire(String volume, String storedPem) {
        SetFiles files = latest.remove(volume);
        X509Certificate leaf = files != null ? files.certificate() : stored(volume, storedPem);
        if (leaf == null) {
            return false;
        }
        AcmeIssuer acme = issuer.get();
        if (acme == null) {
            LOG.warn("Volume {}: the ACME client is not running, so certificate {} is not revoked; it expires {}",
                    volume, leaf.getSerialNumber().toString(16), leaf.getNotAfter().toInstant());
            return false;
        }
        try {
            acme.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);
            LOG.info("Volume {}: certificate {} revoked at the ACME CA", volume, leaf.getSerialNumber().toString(16));
            return true;
        } catch (AcmeException | IllegalStateException e) {
            LOG.warn("Volume {}: the ACME CA did not revoke certificate {}: {}", volume,
                    leaf.getSerialNumber().toString(16), e.getMessage());
            return false;
        }
    }

    private static X509Certificate stored(String volume, String pem) {
        if (pem == null || pem.isBlank()) {
            LOG.info("Volume {}: no certificate to revoke (none issued in this process, none kept in the store: the "
                    + "volume predates that; its certificate expires on its own)", volume);
            return null;
        }
        try {
            return Pem.parseCertificates(pem).get(0);
        } catch (CertificateException | RuntimeException e) {
            LOG.warn("Volume {}: the certificate kept in the store does not parse, so it is not revoked: {}", volume,
                    e.getMessage());
            return null;
        }
    }

    /**
     * Lays out an ACME chain: {@code chain.pem} and {@code fullchain.pem} are the chain as the CA returned it (leaf
     * first; ACME CAs send no root), {@code ca.pem} its last certificate when it has more than one (the top
     * issuer the CA sent), empty otherwise.
     */
    static SetFiles files(List<X509Certificate> chain, String keyPem) {
        String chainPem = Pem.certificates(chain);
        String caPem = chain.size() > 1 ? Pem.certificates(List.of(chain.get(chain.size() - 1))) : "";
        return new SetFiles(Pem.certificates(List.of(chain.get(0))), keyPem, chainPem, caPem, chainPem);
    }

    /**
     * Tells whether a certificate is due for renewal: once {@code fraction} of its own lifetime has passed.
     *
     * @param certificate the current certificate
     * @param fraction the share of the lifetime after which it is renewed
     * @param now the time
     * @return whether to order a new one
     */
    static boolean due(X509Certificate certificate, double fraction, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant to = certificate.getNotAfter().toInstant();
        long lifetime = to.toEpochMilli() - from.toEpochMilli();
        return !now.isBefore(from.plusMillis((long) (lifetime * fraction)));
    }

    private static KeyPair generate(VolumeOptions o) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(o.keyAlgorithm().jcaName());
            generator.initialize(o.keyAlgorithm().parameters());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + o.keyAlgorithm() + " key", e);
        }
    }
}
