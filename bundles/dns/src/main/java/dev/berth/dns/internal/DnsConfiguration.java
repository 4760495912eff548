package dev.berth.dns.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the DNS server, PID {@code dev.berth.dns}. Lists are comma-separated. */
@ObjectClassDefinition(name = "Berth DNS",
        description = "Authoritative DNS for the internal plane, with forwarding of other names.")
@interface DnsConfiguration {

    @AttributeDefinition(description = "The internal zone: containers are <container>.<network>.<zone> and "
            + "<container>.<zone>.")
    String zone() default "berth.internal";

    @AttributeDefinition(description = "More zones the server is authoritative for, holding static records "
            + "only (for example a public zone delegated to this host for ACME DNS-01).")
    String[] extra_zones() default {};

    @AttributeDefinition(description = "UDP and TCP port of the server.")
    int port() default 53;

    @AttributeDefinition(description = "Addresses to listen on besides the gateways of Berth networks.")
    String[] listen_addresses() default {"127.0.0.1", "::1"};

    @AttributeDefinition(description = "Whether to listen on the gateway address of every Berth network, so "
            + "that containers reach the server.")
    boolean listen_gateways() default true;

    @AttributeDefinition(description = "Label of the server's own name in the internal zone; SOA and NS "
            + "records of every zone name <nameserver>.<zone>.")
    String nameserver() default "ns";

    @AttributeDefinition(description = "TTL in seconds of the records made from endpoints and labels (a label "
            + "may set its own), and of SOA and NS records.")
    int ttl() default 10;

    @AttributeDefinition(description = "How long in seconds resolvers may cache a negative answer "
            + "(NXDOMAIN or NODATA) of Berth's zones: the SOA minimum.")
    int negative_ttl() default 5;

    @AttributeDefinition(description = "Upstream resolvers for names outside Berth's zones: address or "
            + "address:port ([v6]:port). Empty: the nameservers of resolv.conf.")
    String[] forwarders() default {};

    @AttributeDefinition(description = "The resolv.conf whose nameservers are the upstream resolvers when "
            + "forwarders is empty.")
    String resolv_conf() default "/etc/resolv.conf";

    @AttributeDefinition(description = "How long in milliseconds to wait for the upstream resolvers before "
            + "answering SERVFAIL.")
    int forward_timeout_ms() default 3000;

    @AttributeDefinition(description = "Most forwarded answers kept in the cache; 0 disables caching.")
    int cache_size() default 10000;

    @AttributeDefinition(description = "Longest time in seconds a forwarded answer is cached, whatever its TTL.")
    int cache_max_ttl() default 3600;

    @AttributeDefinition(description = "Most rendered answers of Berth's zones kept for reuse until a record "
            + "changes (a few hundred bytes each); 0 renders every answer anew.")
    int answer_cache_size() default 65536;

    @AttributeDefinition(description = "Client networks (CIDR) whose queries for other names are forwarded; "
            + "others get REFUSED.")
    String[] recursion_clients() default {"127.0.0.0/8", "::1/128"};

    @AttributeDefinition(description = "Whether the subnets of Berth networks are recursion clients too.")
    boolean recursion_berth_networks() default true;

    @AttributeDefinition(description = "Client networks (CIDR) allowed zone transfers (AXFR, IXFR); empty: "
            + "transfers are refused to everyone.")
    String[] transfer_peers() default {};

    @AttributeDefinition(description = "Largest UDP response in bytes offered to EDNS clients (512-4096).")
    int udp_payload() default 1232;

    @AttributeDefinition(description = "Receiving threads (sockets with SO_REUSEPORT) per UDP listen address.")
    int udp_threads() default 2;

    @AttributeDefinition(description = "Most TCP connections served at once; more are closed at once.")
    int tcp_connections() default 64;

    @AttributeDefinition(description = "Milliseconds an idle TCP connection stays open.")
    int tcp_idle_timeout_ms() default 10000;

    @AttributeDefinition(description = "This node's name in the store, shared with the network driver; empty: the "
            + "kernel's host name. Nodes sharing one database serve each other's records.")
    String host_name() default "";

    @AttributeDefinition(description = "Seconds between two readings of the other nodes' records and the static "
            + "records in the shared store; 0: only when the store appears.")
    int cluster_poll_seconds() default 5;
}
