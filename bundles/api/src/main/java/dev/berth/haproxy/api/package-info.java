/**
 * Berth's ingress reverse proxy: HTTPS routes from host names (and an optional path prefix) to backend servers,
 * served by HAProxy with certificates from Berth's certificate manager. Routes come from container labels
 * ({@code berth.http.*}) and from operators (static routes).
 */
@Version("1.0.0")
package dev.berth.haproxy.api;

import org.osgi.annotation.versioning.Version;
