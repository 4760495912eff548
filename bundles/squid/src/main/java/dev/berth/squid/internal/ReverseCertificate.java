package dev.berth.squid.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The reverse proxy's HTTPS certificate on file: fetched again when the published host names change, when it was
 * renewed, or when its files are gone; remembers whether the files changed since Squid last read them.
 */
final class ReverseCertificate {

    private final SiteCertificates source;
    private final TlsFileWriter writer;
    private List<String> hosts = List.of();
    private boolean changed;

    ReverseCertificate(SiteCertificates source, TlsFileWriter writer) {
        this.source = source;
        this.writer = writer;
    }

    /**
     * The files of a certificate for these host names.
     *
     * @param names every published host name
     * @param renewed whether the certificate was renewed
     * @return the files
     * @throws IOException when the files cannot be written
     * @throws RuntimeException when the certificate cannot be had
     */
    SquidConfigRenderer.TlsFiles files(List<String> names, boolean renewed) throws IOException {
        if (renewed || !names.equals(hosts) || !Files.exists(writer.files().key())) {
            hosts = List.of();
            changed |= writer.write(source.material(names));
            hosts = List.copyOf(names);
        }
        return writer.files();
    }

    /** @return whether the files changed since the last call */
    boolean changed() {
        boolean c = changed;
        changed = false;
        return c;
    }
}
