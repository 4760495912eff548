package dev.berth.certs.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSets;

/**
 * Writes a set's files to a directory, for the first administrator's client certificate and for endpoints
 * outside Berth. Everything else should read sets over WebDAV, where keys never touch a disk.
 */
@Service
@Command(scope = "cert", name = "export", description = "Writes a set's cert.pem, chain.pem, ca.pem and key.pem "
        + "(mode 0600) into a new directory. The key leaves the encrypted store: use it to bootstrap an "
        + "administrator's client certificate, otherwise prefer the WebDAV tree.")
public class ExportCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name.", required = true)
    @Completion(SetNameCompleter.class)
    private String name;

    @Argument(index = 1, name = "directory", description = "A directory that does not exist yet; created mode 0700.",
            required = true)
    private String directory;

    @Override
    public Object execute() throws Exception {
        Path dir = Path.of(directory).toAbsolutePath();
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        CertificateMaterial m = sets.material(name);
        write(dir.resolve("cert.pem"), m.certificatePem());
        write(dir.resolve("chain.pem"), m.chainPem());
        write(dir.resolve("ca.pem"), m.rootPem());
        write(dir.resolve("key.pem"), m.privateKeyPem());
        System.out.println("Wrote set " + name + " to " + dir + " (key.pem is the unencrypted private key)");
        return null;
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), text, StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
