/**
 * Strict reading and writing of the Docker plugin protocol's JSON bodies, shared by Berth's drivers: a
 * malformed body or a field of the wrong type becomes a {@code 400} naming the field.
 */
@Version("1.0.0")
package dev.berth.plugin.json;

import org.osgi.annotation.versioning.Version;
