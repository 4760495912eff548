/**
 * The operators' REST API and web page: each capability registers {@link dev.berth.admin.api.AdminResource}
 * services, which the certificate manager serves to administrators over mutual TLS under {@code /api/v1/<name>}
 * and shows on {@code /console/}.
 */
@Version("1.0.0")
package dev.berth.admin.api;

import org.osgi.annotation.versioning.Version;
