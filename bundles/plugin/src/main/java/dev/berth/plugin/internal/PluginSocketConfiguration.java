package dev.berth.plugin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin socket, PID {@code dev.berth.plugin}. */
@ObjectClassDefinition(name = "Berth plugin socket",
        description = "The Unix socket dockerd discovers the berth plugin on.")
@interface PluginSocketConfiguration {

    @AttributeDefinition(description = "Path of the plugin socket. dockerd discovers plugins as "
            + "/run/docker/plugins/<name>.sock, so the default makes the plugin 'berth'.")
    String socket_path() default "/run/docker/plugins/berth.sock";

    @AttributeDefinition(description = "How many clients may be connected to the socket at once.")
    int max_connections() default 64;
}
