/**
 * Berth's durable state: one JDBC store on PostgreSQL (or a PostgreSQL-wire engine such as CockroachDB),
 * used through serializable transactions that are retried on serialization failure.
 */
@Version("1.0.0")
package dev.berth.store.api;

import org.osgi.annotation.versioning.Version;
