package dev.berth.volumes.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the certificate volume driver, PID {@code dev.berth.volumes}. */
@ObjectClassDefinition(name = "Berth certificate volumes",
        description = "The Docker volume driver that mounts certificate sets of Berth's certificate manager, read "
                + "over mutual TLS, into containers, on memory-backed filesystems, and keeps them current.")
@interface VolumesConfiguration {

    @AttributeDefinition(description = "A memory-backed directory (tmpfs); volumes are mounted at "
            + "<runtime.dir>/volumes/<name>.")
    String runtime_dir() default "/run/berth";

    @AttributeDefinition(description = "This host's name in the store (volumes and mounts are per host); empty for "
            + "the kernel's host name.")
    String host_name() default "";

    @AttributeDefinition(description = "The driver's enrollment identity: the common name of its client certificate, "
            + "and the prefix of the certificate sets it creates (<client.id>.<volume>). Give each host its own.")
    String client_id() default "berth-volumes";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The pre-shared key of client.id (base64), as "
            + "cert:enroll-add printed it, for a certificate manager on another host. Empty: the driver registers "
            + "itself with the certificate manager of this Berth and keeps the key in its encrypted secret store.")
    String psk() default "";

    @AttributeDefinition(description = "Base address of the certificate manager's enrollment listener. Empty: "
            + "https://127.0.0.1:<enroll.port>/.")
    String enroll_url() default "";

    @AttributeDefinition(description = "Port of this host's enrollment listener, used when enroll.url is empty.")
    int enroll_port() default 8644;

    @AttributeDefinition(description = "Base address of the certificate manager's mutual-TLS listener (WebDAV tree "
            + "and REST API). Empty: https://127.0.0.1:<webdav.port>/.")
    String webdav_url() default "";

    @AttributeDefinition(description = "Port of this host's mutual-TLS listener, used when webdav.url is empty.")
    int webdav_port() default 8643;

    @AttributeDefinition(description = "Seconds between checks (WebDAV PROPFIND) of mounted volumes for renewed "
            + "certificates.")
    int poll_seconds() default 5;

    @AttributeDefinition(description = "Seconds between full reads of a mounted volume's files, whatever the checks "
            + "say.")
    int resync_seconds() default 300;

    @AttributeDefinition(description = "The driver renews the sets it created after this percentage of their "
            + "lifetime, when the certificate manager has not done so yet.")
    int renew_at_percent() default 67;

    @AttributeDefinition(description = "Lifetime of a volume's certificate when the volume has no ttl option, in "
            + "hours.")
    int ttl_hours() default 720;

    @AttributeDefinition(description = "When the driver registers itself: the longest lifetime it may ask for, in "
            + "hours.")
    int max_ttl_hours() default 2160;

    @AttributeDefinition(description = "When the driver registers itself: the DNS names its volumes may carry "
            + "(exact, *.domain for one label, **.domain for any depth), within the certificate manager's policy.")
    String[] allowed_dns() default {"localhost", "**.berth.internal"};

    @AttributeDefinition(description = "When the driver registers itself: the IP ranges its volumes may carry.")
    String[] allowed_ip() default {"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "198.18.0.0/15", "fc00::/7"};

    @AttributeDefinition(description = "Key type of the driver's own client certificate and the default of volumes: "
            + "ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    String key_algorithm() default "ec-p256";

    @AttributeDefinition(description = "Size of each volume's tmpfs (mount -o size=...).")
    String tmpfs_size() default "1m";

    @AttributeDefinition(description = "The container label whose value is the signal sent after the volume's files "
            + "were replaced, for example SIGHUP.")
    String reload_label() default "berth.certs.reload";

    @AttributeDefinition(description = "Seconds a request to the certificate manager may take.")
    int timeout_seconds() default 15;
}
