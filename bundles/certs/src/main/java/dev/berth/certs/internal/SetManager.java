package dev.berth.certs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener.Change;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.api.RevocationReason;

/** Creates, renews, revokes and deletes certificate sets; keys are generated here and sealed with the set. */
final class SetManager {

    private static final Logger LOG = LoggerFactory.getLogger(SetManager.class);

    /** Lifetimes and key type applied when a specification leaves them open, and when renewal is due. */
    record Defaults(KeyAlgorithm keyAlgorithm, Duration ttl, Duration maxTtl, double renewFraction) {
    }

    private final SetStore sets;
    private final Issuance issuance;
    private final Defaults defaults;
    private final BiConsumer<CertificateSet, Change> listeners;

    SetManager(SetStore sets, Issuance issuance, Defaults defaults, BiConsumer<CertificateSet, Change> listeners) {
        this.sets = sets;
        this.issuance = issuance;
        this.defaults = defaults;
        this.listeners = listeners;
    }

    synchronized CertificateSet create(CertificateSetSpec spec) {
        if (sets.get(spec.name()).isPresent()) {
            throw new CertificateManagerException(Reason.CONFLICT, "a certificate set named '" + spec.name()
                    + "' exists");
        }
        return issue(resolve(spec), Change.CREATED);
    }

    synchronized CertificateSet ensure(CertificateSetSpec wanted) {
        CertificateSetSpec spec = resolve(wanted);
        Optional<StoredSet> existing = sets.get(spec.name());
        if (existing.isEmpty()) {
            return issue(spec, Change.CREATED);
        }
        StoredSet current = existing.get();
        CertificateSetSpec asked = wanted.keyAlgorithm() == null ? new CertificateSetSpec(spec.name(),
                spec.commonName(), spec.dnsNames(), spec.ipAddresses(), spec.ttl(), spec.profile(), null,
                spec.readers()) : spec;
        if (!current.spec().sameSubject(asked)) {
            Set<String> readers = spec.readers().isEmpty() ? current.spec().readers() : spec.readers();
            CertificateSet replaced = issue(withReaders(spec, readers), Change.RENEWED);
            revokeQuietly(current, RevocationReason.SUPERSEDED);
            LOG.info("Re-issued certificate set {} for its new names", spec.name());
            return replaced;
        }
        CertificateSet view = current.view(defaults.renewFraction());
        if (view.status() != CertificateStatus.ACTIVE || !Instant.now().isBefore(view.renewAfter())) {
            return issue(current.spec(), Change.RENEWED);
        }
        return view;
    }

    Optional<CertificateSet> find(String name) {
        return sets.get(name).map(s -> s.view(defaults.renewFraction()));
    }

    List<CertificateSet> list() {
        return sets.all().stream().map(s -> s.view(defaults.renewFraction())).toList();
    }

    synchronized CertificateSet renew(String name) {
        return issue(stored(name).spec(), Change.RENEWED);
    }

    synchronized CertificateSet revoke(String name, RevocationReason reason) {
        StoredSet set = stored(name);
        try {
            issuance.revoke(set.certificate().getSerialNumber(), reason);
            StoredSet revoked = new StoredSet(set.spec(), set.key(), set.certificate(), CertificateStatus.REVOKED);
            sets.put(revoked);
            CertificateSet view = revoked.view(defaults.renewFraction());
            listeners.accept(view, Change.REVOKED);
            return view;
        } catch (IOException e) {
            throw Issuance.unchecked("revoke set " + name, e);
        }
    }

    synchronized void delete(String name) {
        StoredSet set = stored(name);
        revokeQuietly(set, RevocationReason.CESSATION_OF_OPERATION);
        try {
            sets.remove(name);
        } catch (IOException e) {
            throw Issuance.unchecked("delete set " + name, e);
        }
        LOG.info("Deleted certificate set {}", name);
        listeners.accept(set.view(defaults.renewFraction()), Change.DELETED);
    }

    synchronized CertificateSet setReaders(String name, Set<String> readers) {
        StoredSet set = stored(name);
        StoredSet updated = new StoredSet(withReaders(set.spec(), readers), set.key(), set.certificate(), set.status());
        try {
            sets.put(updated);
        } catch (IOException e) {
            throw Issuance.unchecked("update set " + name, e);
        }
        return updated.view(defaults.renewFraction());
    }

    CertificateMaterial material(String name) {
        StoredSet set = stored(name);
        return new CertificateMaterial(set.key(), set.certificate(), List.of(issuance.ca().issuing()),
                issuance.ca().root());
    }

    /** Renews every active set whose renewal time has come; returns their names. */
    List<String> renewDue(Instant now) {
        List<String> renewed = new ArrayList<>();
        for (StoredSet set : sets.all()) {
            if (set.status() == CertificateStatus.ACTIVE && !now.isBefore(set.renewAfter(defaults.renewFraction()))) {
                synchronized (this) {
                    // deleted or renewed by someone else meanwhile?
                    Optional<StoredSet> still = sets.get(set.spec().name());
                    if (still.isPresent() && still.get().certificate().equals(set.certificate())) {
                        issue(set.spec(), Change.RENEWED);
                        renewed.add(set.spec().name());
                    }
                }
            }
        }
        return renewed;
    }

    private CertificateSet issue(CertificateSetSpec spec, Change change) {
        Duration ttl = spec.ttl() == null ? defaults.ttl() : spec.ttl();
        KeyPair keys = KeyPairs.generate(spec.keyAlgorithm());
        try {
            X509Certificate certificate = issuance.issue(spec.name(), new CertificateIssuer.Leaf(spec.commonName(),
                    spec.dnsNames(), spec.ipAddresses(), spec.profile(), Instant.now().plus(ttl)), keys.getPublic());
            StoredSet set = new StoredSet(spec, keys.getPrivate(), certificate, CertificateStatus.ACTIVE);
            sets.put(set);
            CertificateSet view = set.view(defaults.renewFraction());
            listeners.accept(view, change);
            return view;
        } catch (IOException e) {
            throw Issuance.unchecked("store set " + spec.name(), e);
        }
    }

    /** Fills in the defaults and checks what an operator or Berth itself may ask for. */
    private CertificateSetSpec resolve(CertificateSetSpec spec) {
        List<String> dns = new ArrayList<>(new LinkedHashSet<>(spec.dnsNames().stream()
                .map(NamePolicy::checkDnsName).toList()));
        if (spec.profile().server() && dns.isEmpty() && spec.ipAddresses().isEmpty()) {
            throw new CertificateManagerException(Reason.INVALID, "a server certificate needs at least one DNS name "
                    + "or IP address: clients check the name they connect to against them");
        }
        if (spec.ttl() != null && spec.ttl().compareTo(defaults.maxTtl()) > 0) {
            throw new CertificateManagerException(Reason.POLICY, "the lifetime " + spec.ttl()
                    + " exceeds the longest allowed, " + defaults.maxTtl());
        }
        return new CertificateSetSpec(spec.name(), spec.commonName(), dns, spec.ipAddresses(), spec.ttl(),
                spec.profile(), spec.keyAlgorithm() == null ? defaults.keyAlgorithm() : spec.keyAlgorithm(),
                spec.readers());
    }

    private static CertificateSetSpec withReaders(CertificateSetSpec s, Set<String> readers) {
        return new CertificateSetSpec(s.name(), s.commonName(), s.dnsNames(), s.ipAddresses(), s.ttl(), s.profile(),
                s.keyAlgorithm(), readers);
    }

    private void revokeQuietly(StoredSet set, RevocationReason reason) {
        try {
            issuance.revoke(set.certificate().getSerialNumber(), reason);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not revoke certificate {} of set {}: {}", set.certificate().getSerialNumber().toString(16),
                    set.spec().name(), e.getMessage());
        }
    }

    private StoredSet stored(String name) {
        return sets.get(name).orElseThrow(() -> new CertificateManagerException(Reason.NOT_FOUND,
                "no certificate set named '" + name + "'"));
    }
}
