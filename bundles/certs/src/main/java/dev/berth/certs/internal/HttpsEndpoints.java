package dev.berth.certs.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.HttpServlet;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.Pem;
import dev.berth.certs.dav.CertificateDavServlet;
import dev.berth.certs.dav.DavBackend;
import dev.berth.certs.https.Answer;
import dev.berth.certs.https.PublicEndpoints;
import dev.berth.certs.rest.AdminApiServlet;
import dev.berth.certs.rest.AdminResources;
import dev.berth.certs.rest.ClientSetPolicy;
import dev.berth.certs.rest.SetsServlet;
import dev.berth.certs.vault.Vault;

/** What the HTTPS listeners serve, taken from the certificate manager's parts. */
final class HttpsEndpoints implements PublicEndpoints, DavBackend, ClientSetPolicy {

    private final CertificateManager manager;
    private final Issuance issuance;
    private final EnrollmentService enrollment;
    private final EnrollmentClients clients;
    private final CertsSettings settings;
    private final AdminResources admin;

    HttpsEndpoints(CertificateManager manager, Issuance issuance, EnrollmentService enrollment,
            EnrollmentClients clients, CertsSettings settings, AdminResources admin) {
        this.admin = admin;
        this.manager = manager;
        this.issuance = issuance;
        this.enrollment = enrollment;
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * The servlets of the mutual-TLS port: the WebDAV tree, the certificate sets over REST, and the operators'
     * read-only API and web page for administrators.
     */
    Map<String, HttpServlet> mutualTlsServlets() throws IOException {
        return Map.of("/*", new CertificateDavServlet(this), "/api/v1/sets/*", new SetsServlet(manager, this::isAdmin,
                this), "/api/v1/*", new AdminApiServlet(admin, this::isAdmin, false),
                "/console/*", new AdminApiServlet(admin, this::isAdmin, true));
    }

    @Override
    public Optional<String> namespace(String identity) {
        return clients.find(identity).map(c -> identity + ".");
    }

    @Override
    public CertificateSetSpec admit(String identity, CertificateSetSpec spec) {
        String requester = "enrollment client '" + identity + "'";
        EnrollmentClients.Client client = clients.find(identity).orElseThrow(() -> new CertificateManagerException(
                Reason.POLICY, requester + " is not registered"));
        if (!spec.name().startsWith(identity + ".")) {
            throw new CertificateManagerException(Reason.POLICY, requester + " may create only sets named "
                    + identity + ".*, not '" + spec.name() + "'");
        }
        List<String> dns = spec.dnsNames().stream().map(NamePolicy::checkDnsName).distinct().toList();
        if (!spec.commonName().equals(spec.name()) && (spec.profile().client() || !dns.contains(spec.commonName()))) {
            throw new CertificateManagerException(Reason.POLICY, requester + " may not name a certificate '"
                    + spec.commonName() + "': its common name is the set's name or, for a server, one of its DNS names");
        }
        Duration clientMax = client.policy().maxTtl();
        Duration ttl = spec.ttl() != null ? spec.ttl()
                : settings.defaults().ttl().compareTo(clientMax) > 0 ? clientMax : settings.defaults().ttl();
        settings.enrollmentPolicy().check(requester, dns, spec.ipAddresses(), ttl);
        client.policy().check(requester, dns, spec.ipAddresses(), ttl);
        return new CertificateSetSpec(spec.name(), spec.commonName(), dns, spec.ipAddresses(), ttl, spec.profile(),
                spec.keyAlgorithm(), Set.of(identity));
    }

    @Override
    public Answer enroll(byte[] request) {
        return enrollment.handle(request);
    }

    @Override
    public String rootPem() {
        return Pem.certificates(List.of(issuance.ca().root()));
    }

    @Override
    public String issuingPem() {
        return Pem.certificates(List.of(issuance.ca().issuing()));
    }

    @Override
    public byte[] crl() {
        return issuance.crlDer();
    }

    @Override
    public boolean isAdmin(String identity) {
        return settings.admins().contains(identity);
    }

    @Override
    public List<String> readableSets(String identity) {
        return manager.list().stream().filter(s -> mayRead(s, identity)).map(CertificateSet::name).toList();
    }

    @Override
    public Optional<CertificateMaterial> material(String set, String identity) {
        return manager.find(set).filter(s -> mayRead(s, identity)).map(s -> manager.material(s.name()));
    }

    private boolean mayRead(CertificateSet set, String identity) {
        return isAdmin(identity) || set.spec().readers().contains(identity);
    }

    @Override
    public Vault vault() {
        return manager.vaultForFiles();
    }

    @Override
    public int maxFileBytes() {
        return settings.maxFileBytes();
    }
}
