package dev.berth.certs.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.EnrollmentClientInfo;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.crypto.Aead;
import dev.berth.certs.vault.Vault;

/** The clients allowed to enroll, each with its pre-shared key, sealed in the vault under {@code enroll/}. */
final class EnrollmentClients {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentClients.class);
    private static final String DIRECTORY = "enroll";

    /** A registered client with its key and policy. */
    record Client(EnrollmentClientInfo info, byte[] psk, NamePolicy policy) {

        @Override
        public String toString() {
            return "Client[" + info.spec().clientId() + "]";
        }
    }

    private final Vault vault;
    private final Duration serverMaxTtl;
    private final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();

    private EnrollmentClients(Vault vault, Duration serverMaxTtl) {
        this.vault = vault;
        this.serverMaxTtl = serverMaxTtl;
    }

    static EnrollmentClients load(Vault vault, Duration serverMaxTtl) throws IOException {
        EnrollmentClients registry = new EnrollmentClients(vault, serverMaxTtl);
        for (String name : vault.list(DIRECTORY)) {
            Client c = registry.decode(Blobs.decode(vault.read(DIRECTORY + "/" + name).orElseThrow()));
            registry.clients.put(c.info().spec().clientId(), c);
        }
        return registry;
    }

    synchronized String register(EnrollmentClientSpec spec) throws IOException {
        if (clients.containsKey(spec.clientId())) {
            throw new CertificateManagerException(Reason.CONFLICT, "enrollment client '" + spec.clientId()
                    + "' is registered; remove it first to give it a new key");
        }
        if (spec.maxTtl() != null && spec.maxTtl().compareTo(serverMaxTtl) > 0) {
            throw new CertificateManagerException(Reason.INVALID, "the client's longest lifetime " + spec.maxTtl()
                    + " exceeds the server's, " + serverMaxTtl);
        }
        byte[] psk = Aead.random(32);
        Client client = new Client(new EnrollmentClientInfo(spec, Instant.now(), null, 0), psk, policy(spec));
        store(client);
        LOG.info("Registered enrollment client {} (DNS {}, IP {})", spec.clientId(), spec.allowedDnsNames(),
                spec.allowedIpRanges());
        return Base64.getEncoder().encodeToString(psk);
    }

    Optional<Client> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    List<EnrollmentClientInfo> all() {
        return clients.values().stream().map(Client::info)
                .sorted(Comparator.comparing(i -> i.spec().clientId())).toList();
    }

    synchronized void remove(String clientId) throws IOException {
        if (clients.remove(clientId) == null) {
            throw new CertificateManagerException(Reason.NOT_FOUND, "no enrollment client '" + clientId + "'");
        }
        vault.delete(DIRECTORY + "/" + clientId);
        LOG.info("Removed enrollment client {}", clientId);
    }

    synchronized void enrolled(String clientId) throws IOException {
        Client c = clients.get(clientId);
        if (c != null) {
            EnrollmentClientInfo i = c.info();
            store(new Client(new EnrollmentClientInfo(i.spec(), i.created(), Instant.now(), i.enrollments() + 1),
                    c.psk(), c.policy()));
        }
    }

    private NamePolicy policy(EnrollmentClientSpec spec) {
        return NamePolicy.parse(spec.allowedDnsNames(), spec.allowedIpRanges(),
                spec.maxTtl() == null ? serverMaxTtl : spec.maxTtl());
    }

    private void store(Client c) throws IOException {
        EnrollmentClientSpec s = c.info().spec();
        Properties p = new Properties();
        p.setProperty("clientId", s.clientId());
        p.setProperty("psk", Blobs.base64(c.psk()));
        p.setProperty("dns", String.join(",", s.allowedDnsNames()));
        p.setProperty("ip", String.join(",", s.allowedIpRanges()));
        p.setProperty("maxTtl", s.maxTtl() == null ? "" : s.maxTtl().toString());
        p.setProperty("profile", s.profile().name());
        p.setProperty("created", c.info().created().toString());
        p.setProperty("last", c.info().lastEnrollment() == null ? "" : c.info().lastEnrollment().toString());
        p.setProperty("count", Long.toString(c.info().enrollments()));
        vault.write(DIRECTORY + "/" + s.clientId(), Blobs.encode(p));
        clients.put(s.clientId(), c);
    }

    private Client decode(Properties p) {
        String maxTtl = p.getProperty("maxTtl", "");
        String last = p.getProperty("last", "");
        EnrollmentClientSpec spec = new EnrollmentClientSpec(Blobs.required(p, "clientId"), Blobs.list(p, "dns"),
                Blobs.list(p, "ip"), maxTtl.isEmpty() ? null : Duration.parse(maxTtl),
                CertificateProfile.valueOf(Blobs.required(p, "profile")));
        return new Client(new EnrollmentClientInfo(spec, Instant.parse(Blobs.required(p, "created")),
                last.isEmpty() ? null : Instant.parse(last), Long.parseLong(p.getProperty("count", "0"))),
                Blobs.bytes(p, "psk"), policy(spec));
    }
}
