/**
 * The Docker Engine API as Berth's bundles use it: containers with their labels and networks, network
 * attachment, signals, and the events stream.
 */
@Version("1.0.0")
package dev.berth.docker.api;

import org.osgi.annotation.versioning.Version;
