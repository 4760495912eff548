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
 * service listening, {@code squid.conf} rendered, checked with {@code squid -k parse} before it replaces the one in
 * force, then Squid started or reconfigured.
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
    private IcapServer icap;
    private String applied = "";
    private Instant lastApplied;
    private volatile String lastError = "";

    SquidController(SquidSettings settings, SquidProcess process, Supplier<IcapAdapter> adapters,
            IcapCertificates certificates, Clock clock) {
        this.settings = settings;
        this.process = process;
        this.adapters = adapters;
        this.certificates = certificates;
        this.clock = clock;
        this.runAs = Ownership.root() ? Optional.of(settings.effectiveUser()) : Optional.empty();
        this.tlsFiles = new TlsFileWriter(settings.tlsDir(), settings.requireMemoryFs(), runAs);
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
            lastError = "";
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
                : Optional.empty(), runAs);
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
