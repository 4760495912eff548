package dev.berth.acme.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the ACME client, PID {@code dev.berth.acme}. */
@ObjectClassDefinition(name = "Berth ACME client",
        description = "Certificates for public names from an ACME (RFC 8555) certificate authority, proved with the "
                + "http-01 challenge answered by Berth's own responder or the dns-01 challenge answered by Berth's own "
                + "DNS server.")
@interface AcmeConfiguration {

    @AttributeDefinition(description = "The CA's directory URL, for example "
            + "https://acme-staging-v02.api.letsencrypt.org/directory, or https://127.0.0.1:14000/dir for pebble.")
    String directory_url() default "https://acme-staging-v02.api.letsencrypt.org/directory";

    @AttributeDefinition(description = "A PEM file of the CA certificates that sign the ACME server's TLS "
            + "certificate (pebble's test CA). Empty: the JDK's trust store. Verification is never turned off.")
    String ca_file() default "";

    @AttributeDefinition(description = "Contact e-mail address of the account; empty for none.")
    String contact_email() default "";

    @AttributeDefinition(description = "Whether the operator agreed to the CA's terms of service (acme:status shows "
            + "their URL); most CAs refuse to create an account without it.")
    boolean terms_of_service_agreed() default false;

    @AttributeDefinition(description = "The challenge answered when the caller names none: http-01 (Berth's "
            + "responder, port 80 of each name must reach it) or dns-01 (a TXT record at _acme-challenge.<name> in "
            + "Berth's own DNS server, which must serve the name's zone; needed for wildcard names).",
            options = {@Option(label = "http-01", value = "http-01"), @Option(label = "dns-01", value = "dns-01")})
    String challenge() default "http-01";

    @AttributeDefinition(description = "For dns-01: a zone Berth's DNS server serves (an extra zone delegated to "
            + "it) where the records of names outside Berth's zones go, as _acme-challenge.<name>.<this zone>; the "
            + "operator points a CNAME at _acme-challenge.<name> there. Empty: such names are refused.")
    String dns01_alias_zone() default "";

    @AttributeDefinition(description = "Address the http-01 responder binds to: 0.0.0.0 (or the public address) "
            + "for a public CA, loopback for pebble on this host.")
    String http01_bind_address() default "127.0.0.1";

    @AttributeDefinition(description = "Port the http-01 responder binds to. The CA validates on port 80 of each "
            + "name: forward that to this port (pebble validates on its httpPort setting, 5002 by default).")
    int http01_port() default 5002;

    @AttributeDefinition(description = "Where the account key is kept: secret-store (the certificate manager's "
            + "SecretStore, encrypted at rest; issuance waits for it) or memory (a new account at every start, for "
            + "tests).", options = {@Option(label = "Certificate manager's secret store", value = "secret-store"),
                @Option(label = "Memory only", value = "memory")})
    String account_key_storage() default "secret-store";

    @AttributeDefinition(description = "Berth's data directory; the journal of the dns-01 records published and not "
            + "yet removed is <data.dir>/acme/dns01-records.journal. Empty: Karaf's data directory (karaf.data).")
    String data_dir() default "";

    @AttributeDefinition(description = "Seconds an issuance may take, from order to download.")
    int timeout_seconds() default 120;

    @AttributeDefinition(description = "Filter selecting the SecretStore service.")
    String secretStore_target() default "(objectClass=dev.berth.certs.api.SecretStore)";

    @AttributeDefinition(description = "Filter selecting the DnsRegistry service that publishes dns-01 records.")
    String dnsRegistry_target() default "(objectClass=dev.berth.dns.api.DnsRegistry)";

    @AttributeDefinition(description = "Filter selecting the DnsServer service asked whether a dns-01 record is "
            + "served.")
    String dnsServer_target() default "(objectClass=dev.berth.dns.api.DnsServer)";
}
