package dev.berth.docker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Docker client, PID {@code dev.berth.docker}. */
@ObjectClassDefinition(name = "Berth Docker client", description = "Where the Docker Engine API is.")
@interface DockerConfiguration {

    @AttributeDefinition(description = "The Docker Engine API socket.")
    String socket() default "/var/run/docker.sock";
}
