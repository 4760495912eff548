package dev.berth.plugin.api;

/** Constants of the Docker plugin protocol as Berth serves it. */
public final class PluginProtocol {

    /** The media type of every plugin response. */
    public static final String MEDIA_TYPE = "application/vnd.docker.plugins.v1.2+json";

    /** The name of the JAX-RS application that serves the plugin socket. */
    public static final String APPLICATION_NAME = "berth-plugin";

    /** The filter with which a driver resource selects the plugin application. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";

    /** Path prefix of the IPAM driver's endpoints; their errors use the field {@code Error}. */
    public static final String IPAM_PREFIX = "IpamDriver.";

    private PluginProtocol() {
    }

    /**
     * Names the JSON field that carries an error for an endpoint: the IPAM protocol uses {@code Error},
     * the network and volume protocols {@code Err}.
     *
     * @param path the request path, with or without a leading slash
     * @return {@code "Error"} or {@code "Err"}
     */
    public static String errorField(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith(IPAM_PREFIX) ? "Error" : "Err";
    }
}
