package dev.berth.certs.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.vault.Vault;

/** Certificate sets, one sealed file each under {@code sets/} (key and certificate together, so they always match). */
final class SetStore {

    private static final String DIRECTORY = "sets";

    private final Vault vault;
    private final ConcurrentMap<String, StoredSet> sets = new ConcurrentHashMap<>();

    private SetStore(Vault vault) {
        this.vault = vault;
    }

    static SetStore load(Vault vault) throws IOException {
        SetStore store = new SetStore(vault);
        for (String name : vault.list(DIRECTORY)) {
            StoredSet set = decode(Blobs.decode(vault.read(DIRECTORY + "/" + name).orElseThrow()));
            store.sets.put(set.spec().name(), set);
        }
        return store;
    }

    Optional<StoredSet> get(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    List<StoredSet> all() {
        return sets.values().stream().sorted(Comparator.comparing(s -> s.spec().name())).toList();
    }

    void put(StoredSet set) throws IOException {
        vault.write(DIRECTORY + "/" + set.spec().name(), Blobs.encode(encode(set)));
        sets.put(set.spec().name(), set);
    }

    void remove(String name) throws IOException {
        vault.delete(DIRECTORY + "/" + name);
        sets.remove(name);
    }

    private static Properties encode(StoredSet set) {
        CertificateSetSpec s = set.spec();
        Properties p = new Properties();
        p.setProperty("name", s.name());
        p.setProperty("commonName", s.commonName());
        p.setProperty("dns", String.join(",", s.dnsNames()));
        p.setProperty("ip", String.join(",", s.ipAddresses().stream().map(InetAddress::getHostAddress).toList()));
        p.setProperty("ttl", s.ttl() == null ? "" : s.ttl().toString());
        p.setProperty("profile", s.profile().name());
        p.setProperty("keyAlgorithm", s.keyAlgorithm().name());
        p.setProperty("readers", String.join(",", s.readers().stream().sorted().toList()));
        p.setProperty("status", set.status().name());
        p.setProperty("certificate", Blobs.base64(Blobs.der(set.certificate())));
        p.setProperty("key", Blobs.base64(set.key().getEncoded()));
        return p;
    }

    private static StoredSet decode(Properties p) {
        String ttl = p.getProperty("ttl", "");
        List<InetAddress> ips = Blobs.list(p, "ip").stream().map(SetStore::address).toList();
        CertificateSetSpec spec = new CertificateSetSpec(Blobs.required(p, "name"), Blobs.required(p, "commonName"),
                Blobs.list(p, "dns"), ips, ttl.isEmpty() ? null : Duration.parse(ttl),
                CertificateProfile.valueOf(Blobs.required(p, "profile")),
                KeyAlgorithm.valueOf(Blobs.required(p, "keyAlgorithm")), new HashSet<>(Blobs.list(p, "readers")));
        return new StoredSet(spec, KeyPairs.decode(Blobs.bytes(p, "key")),
                Blobs.certificate(Blobs.bytes(p, "certificate")), CertificateStatus.valueOf(Blobs.required(p, "status")));
    }

    private static InetAddress address(String literal) {
        try {
            return Addresses.literal(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a stored set holds an invalid address " + literal, e);
        }
    }
}
