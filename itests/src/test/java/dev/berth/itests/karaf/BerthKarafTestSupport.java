package dev.berth.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;

/**
 * Boots Berth's own assembly in Pax Exam, with its state, socket and ports private to the test.
 */
public abstract class BerthKarafTestSupport {

    /** The Karaf shell features of a clean Karaf: no HTTP, no JAX-RS, no Berth. */
    static final String CLEAN_BOOT = "package,scr,log,framework,system,feature,shell,service,jaas,diagnostic,"
            + "bundle,config";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /**
     * Options for Berth's assembly.
     *
     * @param bootFeatures the features Karaf installs at boot, or {@code null} for the assembly's own
     * @return the Pax Exam options
     */
    protected static Option[] berth(String bootFeatures) {
        return berth(bootFeatures, null);
    }

    /**
     * Options for Berth's assembly with a plugin socket dockerd discovers.
     *
     * @param bootFeatures the features Karaf installs at boot, or {@code null} for the assembly's own
     * @param pluginName when not {@code null}, the socket is /run/docker/plugins/NAME.sock
     * @return the Pax Exam options
     */
    protected static Option[] berth(String bootFeatures, String pluginName) {
        String repo = System.getProperty("maven.repo.local");
        Path work = Path.of("target", "exam-state").toAbsolutePath();
        String dataDir;
        try {
            Files.createDirectories(work);
            dataDir = Files.createTempDirectory(work, "data").toString();
            Files.setPosixFilePermissions(Path.of(dataDir),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path runtime = Path.of("/dev/shm", "berth-exam-" + Path.of(dataDir).getFileName());
        try {
            Files.createDirectories(runtime.resolve("admin"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String socket = pluginName == null ? dataDir + "/berth.sock" : "/run/docker/plugins/" + pluginName + ".sock";
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("berth.assembly")).toURI().toString())
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false)
                        .name("Berth"),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                systemProperty("berth.test.socket").value(socket),
                systemProperty("berth.test.data").value(dataDir),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "file:" + repo + "@id=local@snapshots"),
                editConfigurationFilePut("etc/dev.berth.store.cfg", "data.dir", dataDir),
                editConfigurationFilePut("etc/dev.berth.store.cfg", "runtime.dir", runtime.toString()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "hostKey",
                        runtime.resolve("admin/host.key").toString()),
                editConfigurationFilePut("etc/dev.berth.plugin.cfg", "socket.path", socket),
                editConfigurationFilePut("etc/dev.berth.certs.cfg", "master.key.file", dataDir + "/master.key"),
                editConfigurationFilePut("etc/dev.berth.certs.cfg", "data.dir", dataDir),
                editConfigurationFilePut("etc/dev.berth.certs.cfg", "webdav.port", Integer.toString(freePort())),
                editConfigurationFilePut("etc/dev.berth.certs.cfg", "enroll.port", Integer.toString(freePort())),
                editConfigurationFilePut("etc/dev.berth.dns.cfg", "port", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(freePort()))));
        if (bootFeatures != null) {
            options.add(editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot", bootFeatures));
        }
        options.addAll(jdk17());
        return options.toArray(new Option[0]);
    }

    /** The flags Karaf 4.4's bin/karaf adds on JDK 9+, which Pax Exam 4.14 does not. */
    private static List<Option> jdk17() {
        List<Option> o = new ArrayList<>();
        for (String flag : new String[] {"--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
            "-Xmx768m"}) {
            o.add(vmOption(flag));
        }
        return o;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns this test's plugin socket.
     *
     * @return the socket path
     */
    protected static Path socket() {
        return Path.of(System.getProperty("berth.test.socket"));
    }

    /**
     * Runs a Karaf shell command and returns what it printed.
     *
     * @param command the command line
     * @return its output
     * @throws Exception when the command fails
     */
    protected String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Session session = sessionFactory.create(System.in, out, out);
            try {
                session.execute(command);
            } finally {
                session.close();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
