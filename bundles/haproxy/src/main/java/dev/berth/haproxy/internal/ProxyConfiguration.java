package dev.berth.haproxy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the ingress proxy, PID {@code dev.berth.haproxy}. */
@ObjectClassDefinition(name = "Berth ingress proxy (HAProxy)",
        description = "Runs the system's HAProxy as Berth's ingress reverse proxy: HTTPS routes from container "
                + "labels (berth.http.*) and operators, certificates from Berth's certificate manager.")
@interface ProxyConfiguration {

    @AttributeDefinition(description = "Whether HAProxy runs. Off by default: it takes the host's ports 80 and 443. "
            + "When false, routes are still collected and the configuration rendered (proxy:config), but no process "
            + "is started.")
    boolean enabled() default false;

    @AttributeDefinition(description = "The HAProxy executable (2.6 or later; Debian: apt-get install haproxy).")
    String haproxy_binary() default "/usr/sbin/haproxy";

    @AttributeDefinition(description = "A memory-backed directory (tmpfs); the proxy keeps its configuration, "
            + "sockets and certificate files (with their private keys) in <runtime.dir>/haproxy.")
    String runtime_dir() default "/run/berth";

    @AttributeDefinition(description = "The address the HTTPS frontend binds (0.0.0.0 or :: for all).")
    String https_address() default "0.0.0.0";

    @AttributeDefinition(description = "The port of the HTTPS frontend.")
    int https_port() default 443;

    @AttributeDefinition(description = "The address the plain HTTP frontend binds.")
    String http_address() default "0.0.0.0";

    @AttributeDefinition(description = "The port of the plain HTTP frontend, which only redirects to HTTPS.")
    int http_port() default 80;

    @AttributeDefinition(description = "Whether the plain HTTP frontend that redirects to HTTPS runs.")
    boolean http_redirect() default true;

    @AttributeDefinition(description = "Strict-Transport-Security max-age sent with HTTPS responses, in seconds; "
            + "0 sends no such header.")
    int hsts_seconds() default 0;

    @AttributeDefinition(description = "The Docker network whose address of a labelled container the proxy forwards "
            + "to, unless the container names one (berth.http.network); empty for the first network by name.")
    String backend_network() default "";

    @AttributeDefinition(description = "Static routes, each host[/path]=address:port[,address:port...]; several "
            + "separated by ';'. Routes added with proxy:add come on top and last until Berth restarts.")
    String[] static_routes() default {};

    @AttributeDefinition(description = "Refuse to write private keys when runtime.dir is not on a memory-backed "
            + "filesystem (tmpfs, ramfs).")
    boolean require_memory_fs() default true;

    @AttributeDefinition(description = "Seconds between full re-reads of the containers' labels, which also restart "
            + "a proxy that died.")
    int resync_seconds() default 60;

    @AttributeDefinition(description = "Seconds HAProxy may take to check a configuration, start, reload or stop.")
    int timeout_seconds() default 15;
}
