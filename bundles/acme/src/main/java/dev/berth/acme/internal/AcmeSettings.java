package dev.berth.acme.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.berth.acme.api.AcmeChallenge;

/**
 * The checked form of {@link AcmeConfiguration}.
 *
 * @param dns01Journal the file of the dns-01 records published and not yet removed ({@link Dns01Journal})
 */
record AcmeSettings(URI directoryUrl, Path caFile, List<String> contacts, boolean termsOfServiceAgreed,
        InetSocketAddress http01Bind, boolean keyInSecretStore, Duration timeout, AcmeChallenge challenge,
        String dns01AliasZone, Path dns01Journal) {

    /** Where the dns-01 journal is, below Berth's data directory. */
    static final Path JOURNAL = Path.of("acme", "dns01-records.journal");

    /** Settings answering http-01 unless the caller names another challenge, with Berth's data in {@code dataDir}. */
    AcmeSettings(URI directoryUrl, Path caFile, List<String> contacts, boolean termsOfServiceAgreed,
            InetSocketAddress http01Bind, boolean keyInSecretStore, Duration timeout, Path dataDir) {
        this(directoryUrl, caFile, contacts, termsOfServiceAgreed, http01Bind, keyInSecretStore, timeout,
                AcmeChallenge.HTTP_01, "", dataDir.resolve(JOURNAL));
    }

    static AcmeSettings from(AcmeConfiguration config) {
        URI directory = URI.create(config.directory_url().strip());
        if (!"https".equals(directory.getScheme())) {
            throw new IllegalArgumentException("directory.url must be an https URL: " + config.directory_url());
        }
        Path caFile = config.ca_file().isBlank() ? null : Path.of(config.ca_file().strip());
        String email = config.contact_email().strip();
        if (!email.isEmpty() && !email.matches("[^@\\s,]+@[^@\\s,]+")) {
            throw new IllegalArgumentException("contact.email is not an e-mail address: " + email);
        }
        if (config.http01_port() < 0 || config.http01_port() > 65535) {
            throw new IllegalArgumentException("http01.port out of range: " + config.http01_port());
        }
        boolean inStore = switch (config.account_key_storage().strip()) {
            case "secret-store" -> true;
            case "memory" -> false;
            default -> throw new IllegalArgumentException("account.key.storage must be secret-store or memory, not "
                    + config.account_key_storage());
        };
        if (config.timeout_seconds() <= 0) {
            throw new IllegalArgumentException("timeout.seconds must be positive");
        }
        AcmeChallenge challenge;
        try {
            challenge = AcmeChallenge.ofType(config.challenge());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("challenge must be http-01 or dns-01, not " + config.challenge(), e);
        }
        String alias = config.dns01_alias_zone().strip().toLowerCase(java.util.Locale.ROOT);
        if (!alias.isEmpty() && !alias.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}"
                + "[a-z0-9])?\\.?")) {
            throw new IllegalArgumentException("dns01.alias.zone is not a DNS name: " + config.dns01_alias_zone());
        }
        alias = alias.isEmpty() || alias.endsWith(".") ? alias : alias + ".";
        String dataDir = config.data_dir().isBlank() ? System.getProperty("karaf.data", "") : config.data_dir().strip();
        if (dataDir.isBlank() || !Path.of(dataDir).isAbsolute()) {
            throw new IllegalArgumentException("data.dir must be an absolute path (empty: Karaf's data directory, "
                    + "karaf.data, which is not set here): " + config.data_dir());
        }
        return new AcmeSettings(directory, caFile, email.isEmpty() ? List.of() : List.of("mailto:" + email),
                config.terms_of_service_agreed(),
                new InetSocketAddress(config.http01_bind_address().strip(), config.http01_port()), inStore,
                Duration.ofSeconds(config.timeout_seconds()), challenge, alias, Path.of(dataDir).resolve(JOURNAL));
    }
}
