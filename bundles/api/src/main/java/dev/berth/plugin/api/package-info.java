/**
 * The Docker plugin endpoint: driver bundles register their JAX-RS resources in the plugin application
 * and announce which Docker plugin interface they implement.
 */
@Version("1.0.0")
package dev.berth.plugin.api;

import org.osgi.annotation.versioning.Version;
