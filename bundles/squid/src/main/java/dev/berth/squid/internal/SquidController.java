package dev.berth.squid.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.squid.icap.IcapAdapter;
import dev.berth.squid.icap.IcapServer;

/**
 * Keeps Squid and the ICAP service running as the settings say: certificates to files and TLS context, the ICAP
 * service listening, the published containers, {@code squid.conf} rendered, checked with {@code squid -k parse}
 * before it replaces the one in force, then Squid started or reconfigured.
 */
final class SquidController {

    private static final Logger LOG = LoggerFactory.getLogger(SquidController.class);

    private final SquidSettings settings;
    private final SquidProcess process;
    private final Supplier<IcapAdapter> adapters;
    private final IcapCertificates certificates;
    private final Clock clock;
    private final Optional<String> runAs;
    private final TlsFileWriter tlsFiles;
    private final ReverseCertificate siteCertificate;
    private volatile PublishedSites sites = PublishedSites.NONE;
    private volatile ReverseRenderer.Publication publication = ReverseRenderer.Publication.NONE;
    private volatile ReverseRenderer.Publication served = ReverseRenderer.Publication.NONE;
    private IcapServer icap;
    private String applied = "";
    private Instant lastApplied;
    private volatile String lastError = "";

    SquidController(SquidSettings settings, SquidProcess process, Supplier<IcapAdapter> adapters,
            IcapCertificates certificates, SiteCertificates siteCertificates, Clock clock) {
        this.settings = settings;
        this.process = process;
        this.adapters = adapters;
        this.certificates = certificates;
        this.clock = clock;
        this.runAs = Ownership.root() ? Optional.of(settings.effectiveUser()) : Optional.empty();
        this.tlsFiles = new TlsFileWriter(settings.tlsDir(), settings.requireMemoryFs(), runAs);
        this.siteCertificate = new ReverseCertificate(siteCertificates, new TlsFileWriter(new SquidConfigRenderer
                .TlsFiles(settings.tlsDir().resolve("site-ca.pem"), settings.tlsDir().resolve("site.pem"),
                settings.tlsDir().resolve("site.key")), settings.requireMemoryFs(), runAs));
    }

    /**
     * Sets the containers to publish, replacing the ones before; the next {@link #apply(boolean)} puts them in force.
     *
     * @param next the containers and the problems of the others
     */
    void publish(PublishedSites next) {
        sites = next;
        if (!settings.enabled()) {
            publication = new ReverseRenderer.Publication(next.sites(), Optional.empty());
        }
    }

    /** @return the containers last given to {@link #publish(PublishedSites)}, in force or not */
    PublishedSites published() {
        return sites;
    }

    /** @return the published containers in force (or, when Squid is disabled, rendered), and the problems */
    PublishedSites sites() {
        return new PublishedSites((settings.enabled() ? served : publication).sites(), sites.problems());
    }

    /**
     * Brings Squid and the ICAP service to the settings; with {@code renewTls}, reloads the certificates even when
     * the ICAP service already runs.
     *
     * @param renewTls whether the certificates changed
     * @throws IOException when something cannot be done; also kept as the last error
     */
    synchronized void apply(boolean renewTls) throws IOException {
        if (!settings.enabled()) {
            return;
        }
        try {
            boolean tlsChanged = false;
            if (icap == null || renewTls) {
                SSLContext context = null;
                if (settings.icapTls()) {
                    context = TlsContexts.of(certificates.server());
                    tlsChanged = tlsFiles.write(certificates.client());
                }
                if (icap != null) {
                    icap.close();
                    icap = null;
                }
                icap = IcapServer.start(new InetSocketAddress(InetAddress.getByName(settings.icapAddress()),
                        settings.icapPort()), context, IcapCertificates.CLIENT_IDENTITY, adapters, settings.preview(),
                        200);
            }
            Optional<String> httpsError = publish(renewTls);
            tlsChanged |= siteCertificate.changed();
            String config = config();
            prepareDirectories();
            Path candidate = settings.workDir().resolve("squid.conf.new");
            Files.writeString(candidate, config);
            SquidProcess.Check check = process.check(candidate);
            if (!check.valid()) {
                throw new IOException("squid -k parse refuses the configuration: " + check.output());
            }
            Files.move(candidate, settings.configFile(), StandardCopyOption.REPLACE_EXISTING);
            InetSocketAddress proxy = new InetSocketAddress(InetAddress.getByName(settings.httpAddress()),
                    settings.httpPort());
            if (!process.running()) {
                process.start(settings.configFile(), settings.pidFile(),
                        settings.cacheDiskMb() > 0 ? Optional.of(settings.cacheDir()) : Optional.empty(), proxy);
                lastApplied = clock.instant();
            } else if (!config.equals(applied) || tlsChanged) {
                process.reconfigure(proxy);
                lastApplied = clock.instant();
            }
            applied = config;
            served = publication;
            lastError = httpsError.orElse("");
        } catch (IOException | RuntimeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** Stops Squid and the ICAP service and deletes the key files. */
    synchronized void stop() {
        process.stop();
        if (icap != null) {
            icap.close();
            icap = null;
        }
        try {
            tlsFiles.delete();
        } catch (IOException e) {
            LOG.error("Cannot delete the ICAP client key files in {}: {}", settings.tlsDir(), e.getMessage());
        }
        applied = "";
        served = ReverseRenderer.Publication.NONE;
    }

    void died(String why) {
        lastError = why;
    }

    void failed(String why) {
        lastError = why;
    }

    /** @return the configuration as it would be written now */
    String config() {
        return SquidConfigRenderer.render(settings, settings.icapTls() ? Optional.of(tlsFiles.files())
                : Optional.empty(), runAs, publication);
    }

    /**
     * Puts the published containers in force, with the HTTPS certificate for their host names when that port is on.
     * Without a certificate the HTTPS port stays closed and HTTP is served.
     *
     * @return why the HTTPS port is closed, or empty
     */
    private Optional<String> publish(boolean renewTls) {
        PublishedSites next = sites;
        ReverseRenderer.Publication p = new ReverseRenderer.Publication(next.sites(), Optional.empty());
        if (!settings.reverse().https() || next.sites().isEmpty()) {
            publication = p;
            return Optional.empty();
        }
        try {
            publication = new ReverseRenderer.Publication(next.sites(),
                    Optional.of(siteCertificate.files(p.hosts(), renewTls)));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            publication = p;
            String why = "reverse proxy HTTPS port closed: no certificate (set " + SiteCertificates.SET + ") for "
                    + String.join(", ", p.hosts()) + ": " + e.getMessage();
            LOG.error(why);
            return Optional.of(why);
        }
    }

    synchronized SquidStatus status() {
        return new SquidStatus(settings.enabled(), process.running(), process.pid(),
                applied.isEmpty() ? "" : SquidConfigRenderer.hash(applied), lastApplied,
                icap == null ? "" : (settings.icapTls() ? "icaps://" : "icap://") + settings.icapAddress() + ":"
                        + icap.port(), lastError);
    }

    /**
     * Squid's configuration directory and the parent of its data are 0755 (Squid reads them after dropping to its
     * user, as every directory above them must let it); logs and cache are 0700 and belong to Squid's user.
     */
    private void prepareDirectories() throws IOException {
        for (Path dir : new Path[] {settings.workDir(), settings.logDir().getParent()}) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path dir : new Path[] {settings.logDir(), settings.cacheDir()}) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (runAs.isPresent()) {
                Ownership.give(dir, runAs.get());
            }
        }
    }
}
