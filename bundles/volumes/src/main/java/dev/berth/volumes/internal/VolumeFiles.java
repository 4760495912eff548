package dev.berth.volumes.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.berth.certs.api.Pem;

/**
 * The files of a mounted volume, replaced atomically as Kubernetes replaces a secret volume's:
 * <pre>
 * ..data -&gt; ..v-&lt;n&gt;         the current generation (a symbolic link)
 * ..v-&lt;n&gt;/cert.pem, ...       one complete, immutable generation of the five files
 * cert.pem -&gt; ..data/cert.pem  what containers open (symbolic links that never change)
 * </pre>
 * A new generation is written completely in a new directory of the same filesystem, then {@code ..data} is
 * replaced by one {@code rename}, so the five files change together: a reader opens either every old file or
 * every new one, never a half-written file, and a reader that resolves {@code ..data} once reads a matching key and
 * certificate whatever happens meanwhile. The old generation is deleted afterwards; files already open stay
 * readable.
 */
final class VolumeFiles {

    static final String DATA = "..data";
    private static final String GENERATION = "..v-";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private VolumeFiles() {
    }

    /**
     * Writes a new generation and makes it the current one.
     *
     * @param root the volume's root (the tmpfs)
     * @param files the set's files, checked
     * @param o the owner and modes
     * @throws IOException when writing fails; the previous generation then stays current
     */
    static void replace(Path root, SetFiles files, VolumeOptions o) throws IOException {
        Path generation = root.resolve(GENERATION + Long.toHexString(SEQUENCE.incrementAndGet()));
        Files.createDirectory(generation);
        try {
            for (String name : SetFiles.NAMES) {
                int mode = name.equals("key.pem") ? o.keyMode() : o.fileMode();
                Path file = generation.resolve(name);
                // created with no permissions at all, owned, then given its content and its mode
                Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of()));
                chown(file, o);
                Files.write(file, files.content(name), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                Files.setPosixFilePermissions(file, permissions(mode));
            }
            Files.setPosixFilePermissions(generation, permissions(0755));
            chown(generation, o);
            Path link = root.resolve("..data.tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, generation.getFileName());
            chown(link, o);
            Files.move(link, root.resolve(DATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteTree(generation);
            throw e;
        }
        for (String name : SetFiles.NAMES) {
            Path link = root.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(DATA, name));
                chown(link, o);
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, GENERATION + "*")) {
            for (Path old : entries) {
                if (!old.equals(generation)) {
                    deleteTree(old);
                }
            }
        }
    }

    /**
     * Reads the current generation's certificate and key, to compare with what the certificate manager serves.
     *
     * @param root the volume's root
     * @return the certificate and key PEM concatenated, or empty when the volume has no files yet
     * @throws IOException when they cannot be read
     */
    static Optional<String> current(Path root) throws IOException {
        try {
            Path generation = root.resolve(Files.readSymbolicLink(root.resolve(DATA)));
            return Optional.of(Files.readString(generation.resolve("cert.pem"), StandardCharsets.US_ASCII)
                    + Files.readString(generation.resolve("key.pem"), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the current generation's certificate: after a restart, what an ACME volume holds and when it is due.
     *
     * @param root the volume's root
     * @return the certificate, or empty when the volume has no files yet
     * @throws IOException when it cannot be read or is not a certificate
     */
    static Optional<X509Certificate> currentCertificate(Path root) throws IOException {
        try {
            Path generation = root.resolve(Files.readSymbolicLink(root.resolve(DATA)));
            List<X509Certificate> certs = Pem.parseCertificates(Files.readString(generation.resolve("cert.pem"),
                    StandardCharsets.US_ASCII));
            if (certs.size() != 1) {
                throw new IOException(root + "/cert.pem holds " + certs.size() + " certificates, not 1");
            }
            return Optional.of(certs.get(0));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CertificateException e) {
            throw new IOException(root + "/cert.pem is not a certificate: " + e.getMessage(), e);
        }
    }

    static String fingerprint(SetFiles files) {
        return files.certPem() + files.keyPem();
    }

    private static void chown(Path path, VolumeOptions o) throws IOException {
        Files.setAttribute(path, "unix:uid", o.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", o.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                out.add(all[bit]);
            }
        }
        return out;
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path e : entries) {
                    deleteTree(e);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
