package dev.berth.squid.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the caching proxy and its web application firewall, PID {@code dev.berth.squid}. */
@ObjectClassDefinition(name = "Berth caching proxy and WAF (Squid + ICAP)",
        description = "Runs the system's Squid as a caching HTTP proxy whose requests and responses are adapted, "
                + "over TLS with certificates from Berth's CA, by Berth's own ICAP web application firewall.")
@interface SquidConfiguration {

    @AttributeDefinition(description = "Whether Squid and the ICAP service run. Off by default: Squid takes a port. "
            + "When false the configuration is still rendered (squid:config) and the rules loaded (waf:rules).")
    boolean enabled() default false;

    @AttributeDefinition(description = "The Squid executable; it must be built with OpenSSL for icaps "
            + "(Debian: apt-get install squid-openssl).")
    String squid_binary() default "/usr/sbin/squid";

    @AttributeDefinition(description = "A memory-backed directory (tmpfs); Squid's configuration, PID file and the "
            + "ICAP client key live in <runtime.dir>/squid.")
    String runtime_dir() default "/run/berth";

    @AttributeDefinition(description = "Berth's data directory; the disk cache and the logs live in <data.dir>/squid.")
    String data_dir() default "/var/lib/berth";

    @AttributeDefinition(description = "The address Squid's HTTP proxy port binds.")
    String http_address() default "127.0.0.1";

    @AttributeDefinition(description = "Squid's HTTP proxy port.")
    int http_port() default 3128;

    @AttributeDefinition(description = "Client networks allowed to use the proxy (CIDR); everyone else is denied.")
    String[] allowed_clients() default {"127.0.0.1/32", "::1/128"};

    @AttributeDefinition(description = "Memory cache size in MiB.")
    int cache_mem_mb() default 64;

    @AttributeDefinition(description = "Disk cache size in MiB under <data.dir>/squid/cache; 0 for memory only.")
    int cache_disk_mb() default 1024;

    @AttributeDefinition(description = "Largest object cached, in KiB.")
    int max_object_kb() default 4096;

    @AttributeDefinition(description = "The loopback address of Berth's ICAP service.")
    String icap_address() default "127.0.0.1";

    @AttributeDefinition(description = "The port of Berth's ICAP service.")
    int icap_port() default 11344;

    @AttributeDefinition(description = "Whether Squid reaches the ICAP service over TLS (icaps, mutual TLS with "
            + "certificates from Berth's CA). When false, plain ICAP on loopback.")
    boolean icap_tls() default true;

    @AttributeDefinition(description = "Whether Squid lets traffic through unadapted when the ICAP service fails "
            + "(bypass). Off: a failed WAF fails closed.")
    boolean icap_bypass() default false;

    @AttributeDefinition(description = "block: matching messages get a 403 page. detect: they pass and are recorded.",
            options = {@org.osgi.service.metatype.annotations.Option(value = "block"),
                @org.osgi.service.metatype.annotations.Option(value = "detect")})
    String waf_mode() default "block";

    @AttributeDefinition(description = "A rule file replacing the built-in rules (see docs/squid.md); empty for the "
            + "built-in rules.")
    String waf_rules_file() default "";

    @AttributeDefinition(description = "Identifiers of rules that are not applied.")
    String[] waf_disabled_rules() default {};

    @AttributeDefinition(description = "How many bytes of a request or response body are inspected.")
    int waf_body_limit() default 1048576;

    @AttributeDefinition(description = "The ICAP preview size offered to Squid, in bytes.")
    int icap_preview() default 4096;

    @AttributeDefinition(description = "How many recent incidents are kept in memory (waf:blocks).")
    int waf_incidents_kept() default 500;

    @AttributeDefinition(description = "The user Squid runs as when Berth runs as root (cache_effective_user).")
    String effective_user() default "proxy";

    @AttributeDefinition(description = "Refuse to write the ICAP client key when runtime.dir is not on tmpfs/ramfs.")
    boolean require_memory_fs() default true;

    @AttributeDefinition(description = "Seconds Squid may take to check, start, reconfigure or stop.")
    int timeout_seconds() default 20;

    @AttributeDefinition(description = "Whether containers labelled berth.waf.host and berth.waf.port are published "
            + "through Squid as a reverse proxy (accelerator), every request and response through the ICAP WAF.")
    boolean reverse_enabled() default false;

    @AttributeDefinition(description = "The address the reverse proxy's HTTP and HTTPS ports bind.")
    String reverse_address() default "0.0.0.0";

    @AttributeDefinition(description = "The reverse proxy's plain HTTP port; 0 for none.")
    int reverse_http_port() default 8080;

    @AttributeDefinition(description = "The reverse proxy's HTTPS port, with a certificate from Berth's CA for every "
            + "published host name (certificate set squid-reverse); 0 for none.")
    int reverse_https_port() default 0;

    @AttributeDefinition(description = "The network whose address a published container is reached on when its "
            + "labels name none (berth.waf.network); empty: its first network with an address.")
    String reverse_network() default "";
}
