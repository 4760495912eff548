package dev.berth.store.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the PostgreSQL programs the embedded store runs: an installation directory with {@code bin/postgres}
 * as is, or the relocatable distribution Berth ships ({@code postgres-linux-x86_64.txz}, alone or inside its
 * Maven jar), unpacked once under the data directory.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    /**
     * Returns an installation directory holding {@code bin/initdb}, {@code bin/postgres} and {@code bin/pg_ctl}.
     *
     * @param source an installation directory, a {@code .txz}, a jar holding one, or a directory holding either
     * @param unpackRoot where archives are unpacked, one directory per archive
     * @return the installation directory
     * @throws IOException when no binaries are found or unpacking fails
     */
    static Path locate(Path source, Path unpackRoot) throws IOException {
        if (Files.isExecutable(source.resolve("bin/postgres"))) {
            return source;
        }
        Path archive = Files.isDirectory(source) ? findArchive(source) : source;
        if (!Files.isRegularFile(archive)) {
            throw new IOException("no PostgreSQL binaries at " + source
                    + " (set BERTH_DB_EMBEDDED_BINARIES to a PostgreSQL installation or Berth's binaries archive)");
        }
        String name = archive.getFileName().toString();
        String key = name.replaceAll("\\.(jar|txz)$", "") + "-" + Files.size(archive);
        Path target = unpackRoot.resolve(key);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        LOG.info("Unpacking PostgreSQL from {} to {}", archive, target);
        Files.createDirectories(unpackRoot);
        Path staging = Files.createTempDirectory(unpackRoot, ".unpack-");
        try {
            if (name.endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(archive.toFile())) {
                    ZipEntry entry = jar.getEntry(ARCHIVE);
                    if (entry == null) {
                        throw new IOException(archive + " holds no " + ARCHIVE);
                    }
                    untar(jar.getInputStream(entry), staging);
                }
            } else {
                untar(Files.newInputStream(archive), staging);
            }
            Files.createFile(staging.resolve(".complete"));
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            deleteTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            deleteTree(staging);
        }
    }

    private static Path findArchive(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{txz,jar}")) {
            for (Path p : entries) {
                return p;
            }
        }
        return dir.resolve(ARCHIVE);
    }

    private static void untar(InputStream compressed, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(compressed, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(out,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
