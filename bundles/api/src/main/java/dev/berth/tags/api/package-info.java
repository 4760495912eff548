/**
 * Tag-based network assignment: containers labelled {@code berth.egress} / {@code berth.ingress} are attached to
 * the networks their tags select, and traffic follows the tags' direction.
 */
@Version("1.0.0")
package dev.berth.tags.api;

import org.osgi.annotation.versioning.Version;
