/**
 * The Docker Engine API as Berth's bundles use it: containers with their labels and networks, network
 * attachment, the containers using a volume, signals, and the events stream.
 */
@Version("1.1.0")
package dev.berth.docker.api;

import org.osgi.annotation.versioning.Version;
