package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import dev.berth.acme.api.AcmeChallenge;

public class AcmeSettingsTest {

    @Test
    public void defaultsAreLetsEncryptStagingOnLoopbackWithTheKeyInTheSecretStore() {
        AcmeSettings s = AcmeSettings.from(new Config());
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory", s.directoryUrl().toString());
        assertNull(s.caFile());
        assertEquals(List.of(), s.contacts());
        assertFalse(s.termsOfServiceAgreed());
        assertEquals("127.0.0.1", s.http01Bind().getHostString());
        assertEquals(5002, s.http01Bind().getPort());
        assertTrue(s.keyInSecretStore());
        assertEquals(Duration.ofSeconds(120), s.timeout());
        assertEquals(AcmeChallenge.HTTP_01, s.challenge());
    }

    @Test
    public void dns01IsChosenBySetting() {
        Config c = new Config();
        c.challenge = "DNS-01";
        assertEquals(AcmeChallenge.DNS_01, AcmeSettings.from(c).challenge());
        assertEquals("", AcmeSettings.from(c).dns01AliasZone());
        c.alias = "ACME.Example.net";
        assertEquals("acme.example.net.", AcmeSettings.from(c).dns01AliasZone());
    }

    @Test
    public void contactAndCaFile() {
        Config c = new Config();
        c.email = "ops@example.org";
        c.caFile = "/etc/berth/pebble-ca.pem";
        AcmeSettings s = AcmeSettings.from(c);
        assertEquals(List.of("mailto:ops@example.org"), s.contacts());
        assertEquals(Path.of("/etc/berth/pebble-ca.pem"), s.caFile());
    }

    @Test
    public void badSettingsAreRefused() {
        refused(c -> c.directory = "http://127.0.0.1:14000/dir", "https URL");
        refused(c -> c.email = "not an address", "contact.email");
        refused(c -> c.storage = "disk", "account.key.storage");
        refused(c -> c.port = 70000, "http01.port");
        refused(c -> c.timeout = 0, "timeout.seconds");
        refused(c -> c.challenge = "tls-alpn-01", "challenge must be http-01 or dns-01");
        refused(c -> c.alias = "not a zone", "dns01.alias.zone");
        refused(c -> c.dataDir = "relative/dir", "data.dir must be an absolute path");
    }

    @Test
    public void theDns01JournalIsInBerthsDataDirectoryOrElseKarafs() {
        Config c = new Config();
        assertEquals(Path.of("/var/lib/berth/acme/dns01-records.journal"), AcmeSettings.from(c).dns01Journal());
        c.dataDir = "";
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/var/lib/berth/karaf");
        try {
            assertEquals(Path.of("/var/lib/berth/karaf/acme/dns01-records.journal"),
                    AcmeSettings.from(c).dns01Journal());
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    private static void refused(java.util.function.Consumer<Config> change, String expected) {
        Config c = new Config();
        change.accept(c);
        try {
            AcmeSettings.from(c);
            fail("accepted: " + expected);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    /** The configuration as DS would pass it, with the annotation's defaults. */
    @SuppressWarnings("all")
    static final class Config implements AcmeConfiguration {
        String directory = "https://acme-staging-v02.api.letsencrypt.org/directory";
        String caFile = "";
        String email = "";
        String storage = "secret-store";
        int port = 5002;
        int timeout = 120;
        String challenge = "http-01";
        String alias = "";
        String dataDir = "/var/lib/berth";

        @Override
        public Class<? extends Annotation> annotationType() {
            return AcmeConfiguration.class;
        }

        @Override
        public String directory_url() {
            return directory;
        }

        @Override
        public String ca_file() {
            return caFile;
        }

        @Override
        public String contact_email() {
            return email;
        }

        @Override
        public boolean terms_of_service_agreed() {
            return false;
        }

        @Override
        public String http01_bind_address() {
            return "127.0.0.1";
        }

        @Override
        public int http01_port() {
            return port;
        }

        @Override
        public String account_key_storage() {
            return storage;
        }

        @Override
        public int timeout_seconds() {
            return timeout;
        }

        @Override
        public String secretStore_target() {
            return "(objectClass=dev.berth.certs.api.SecretStore)";
        }

        @Override
        public String challenge() {
            return challenge;
        }

        @Override
        public String dns01_alias_zone() {
            return alias;
        }

        @Override
        public String dnsRegistry_target() {
            return "(objectClass=dev.berth.dns.api.DnsRegistry)";
        }

        @Override
        public String data_dir() {
            return dataDir;
        }

        @Override
        public String dnsServer_target() {
            return "(objectClass=dev.berth.dns.api.DnsServer)";
        }
    }
}
