package dev.berth.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the store, PID {@code dev.berth.store}. */
@ObjectClassDefinition(name = "Berth store",
        description = "The PostgreSQL database Berth keeps its state in: an external server, or by default a "
                + "private PostgreSQL that Berth runs itself under its data directory.")
@interface StoreConfiguration {

    @AttributeDefinition(description = "JDBC URL of an external PostgreSQL-wire database, for example "
            + "jdbc:postgresql://db.example:5432/berth. Empty: Berth runs its own embedded PostgreSQL.")
    String url() default "";

    @AttributeDefinition(description = "User name for the external database.")
    String user() default "berth";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password for the external database.")
    String password() default "";

    @AttributeDefinition(description = "Berth's data directory; the embedded PostgreSQL lives in its "
            + "postgres/ subdirectory.")
    String data_dir() default "/var/lib/berth";

    @AttributeDefinition(description = "Where the embedded PostgreSQL's programs come from: a PostgreSQL "
            + "installation directory (with bin/postgres), Berth's binaries archive (.txz or its .jar), or a "
            + "directory holding the archive. Empty: the postgres/ directory of the Karaf installation.")
    String embedded_binaries() default "";

    @AttributeDefinition(description = "Unprivileged system account the embedded PostgreSQL runs as when "
            + "Berth runs as root; created if missing.")
    String embedded_user() default "berth-db";

    @AttributeDefinition(description = "TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free port "
            + "at each start.")
    int embedded_port() default 0;

    @AttributeDefinition(description = "TLS of the database connection. berth: the embedded server gets a certificate "
            + "from Berth's CA and Berth authenticates with a client certificate (verify-full); for an external URL, "
            + "Berth presents its client certificate and trusts only Berth's CA. files: the external server is verified "
            + "with ssl.root.cert and Berth authenticates with ssl.cert and ssl.key. off: as the URL says (tests and "
            + "servers without TLS).")
    String tls() default "berth";

    @AttributeDefinition(description = "With tls = files: the CA certificate (PEM) the database server's certificate "
            + "must chain to.")
    String ssl_root_cert() default "";

    @AttributeDefinition(description = "With tls = files: Berth's client certificate (PEM).")
    String ssl_cert() default "";

    @AttributeDefinition(description = "With tls = files: Berth's client key (PKCS#8 DER, as pgjdbc reads it).")
    String ssl_key() default "";

    @AttributeDefinition(description = "A memory-backed directory (tmpfs) where the database's TLS files are written at "
            + "every start, so that their keys never lie in clear on persistent disk.")
    String runtime_dir() default "/run/berth";

    @AttributeDefinition(description = "Largest number of open database connections.")
    int pool_size() default 8;

    @AttributeDefinition(description = "How often a transaction is attempted when it keeps conflicting with "
            + "concurrent ones.")
    int transaction_attempts() default 50;

    @AttributeDefinition(description = "Seconds the database may take to become reachable at start.")
    int startup_timeout() default 60;
}
