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

    @AttributeDefinition(description = "Largest number of open database connections.")
    int pool_size() default 8;

    @AttributeDefinition(description = "How often a transaction is attempted when it keeps conflicting with "
            + "concurrent ones.")
    int transaction_attempts() default 50;

    @AttributeDefinition(description = "Seconds the database may take to become reachable at start.")
    int startup_timeout() default 60;
}
