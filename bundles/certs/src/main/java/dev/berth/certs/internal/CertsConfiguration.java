package dev.berth.certs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the certificate manager, PID {@code dev.berth.certs}. */
@ObjectClassDefinition(name = "Berth certificate manager",
        description = "Berth's own CA with keys encrypted at rest, certificate sets, sealed-CSR enrollment and the "
                + "WebDAV certificate tree over mutual TLS.")
@interface CertsConfiguration {

    @AttributeDefinition(description = "Berth's data directory; the encrypted certificate store lives in its certs/ "
            + "subdirectory.")
    String data_dir() default "/var/lib/berth";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The master key, base64 of 32 random bytes "
            + "(head -c 32 /dev/urandom | base64). Empty: read from master.key.file.")
    String master_key() default "";

    @AttributeDefinition(description = "File holding the master key in base64, mode 0600 or 0400, owned by root. "
            + "Used when master.key is empty.")
    String master_key_file() default "/etc/berth/master.key";

    @AttributeDefinition(description = "Create master.key.file with a new random key when neither a key nor the "
            + "file exists and the certificate store is new. For development and tests; in production generate the "
            + "key yourself and keep a copy away from the host.")
    boolean master_key_create() default false;

    @AttributeDefinition(description = "Name of the CA; the root is '<name> Root', the intermediate '<name> Issuing'.")
    String ca_name() default "Berth CA";

    @AttributeDefinition(description = "Key type of a new CA: ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    String ca_key_algorithm() default "ec-p256";

    @AttributeDefinition(description = "Days the root certificate of a new CA is valid.")
    int ca_root_days() default 7300;

    @AttributeDefinition(description = "Days the issuing (intermediate) certificate of a new CA is valid.")
    int ca_issuing_days() default 3650;

    @AttributeDefinition(description = "Default key type of issued certificates (see ca.key.algorithm).")
    String key_algorithm() default "ec-p256";

    @AttributeDefinition(description = "Default lifetime of issued certificates, in hours.")
    int ttl_hours() default 720;

    @AttributeDefinition(description = "Longest lifetime anyone may ask for, in hours.")
    int max_ttl_hours() default 9528;

    @AttributeDefinition(description = "Percentage of a certificate set's lifetime after which it is renewed.")
    int renew_at_percent() default 67;

    @AttributeDefinition(description = "Seconds between checks for sets due for renewal and for a CRL to re-sign.")
    int renew_check_seconds() default 300;

    @AttributeDefinition(description = "Hours a CRL is valid; it is re-signed when half of that has passed, and at "
            + "every revocation.")
    int crl_hours() default 48;

    @AttributeDefinition(description = "Days a certificate is kept in the ledger after it expired.")
    int ledger_retention_days() default 90;

    @AttributeDefinition(description = "DNS names enrollment clients may get at most (each client's own list "
            + "narrows it): exact names, *.domain (one label) or **.domain (any depth).")
    String[] policy_dns() default {"localhost", "**.berth.internal"};

    @AttributeDefinition(description = "IP ranges (CIDR) enrollment clients may get at most.")
    String[] policy_ip() default {"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "198.18.0.0/15", "fc00::/7"};

    @AttributeDefinition(description = "Seconds a sealed enrollment message's timestamp may differ from the "
            + "server's clock.")
    int enroll_window_seconds() default 120;

    @AttributeDefinition(description = "Address the HTTPS listeners (WebDAV, enrollment) bind to.")
    String https_bind() default "127.0.0.1";

    @AttributeDefinition(description = "Port of the WebDAV certificate tree (HTTPS, client certificate required). "
            + "0 picks a free port; -1 disables it.")
    int webdav_port() default 8643;

    @AttributeDefinition(description = "Port of enrollment, the CA certificate and the CRL (HTTPS without client "
            + "certificate). 0 picks a free port; -1 disables it.")
    int enroll_port() default 8644;

    @AttributeDefinition(description = "DNS names of the certificate manager's own server certificate: the names "
            + "clients use to reach it.")
    String[] server_dns() default {"localhost"};

    @AttributeDefinition(description = "IP addresses of the certificate manager's own server certificate.")
    String[] server_ip() default {"127.0.0.1", "::1"};

    @AttributeDefinition(description = "Client identities (common names of client certificates) that may read "
            + "every set and write the /files/ collection over WebDAV.")
    String[] webdav_admins() default {"berth-admin"};

    @AttributeDefinition(description = "Largest file accepted in the WebDAV /files/ collection, in bytes.")
    int webdav_max_file_bytes() default 16777216;

    @AttributeDefinition(description = "Name of this node in the database records; empty for the host name.")
    String node_name() default "";
}
