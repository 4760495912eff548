package dev.berth.docker.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;

/** The Docker Engine API over its Unix socket, at API version 1.41 (Docker 20.10 and later). */
@Component(service = DockerEngine.class, configurationPid = "dev.berth.docker",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DockerConfiguration.class)
public final class DockerEngineClient implements DockerEngine {

    static final String VERSION = "/v1.41";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnixHttpClient http;

    /**
     * Creates the client.
     *
     * @param config where the socket is
     */
    @Activate
    public DockerEngineClient(DockerConfiguration config) {
        this(Path.of(config.socket()));
    }

    DockerEngineClient(Path socket) {
        this.http = new UnixHttpClient(socket);
    }

    @Override
    public List<Container> containers() {
        List<Container> out = new ArrayList<>();
        for (JsonNode c : json("GET", "/containers/json?all=1", null)) {
            container(c.path("Id").asText()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Container> containersUsingVolume(String volume) {
        List<Container> out = new ArrayList<>();
        String filter = encode("{\"volume\":[" + JSON.valueToTree(volume) + "]}");
        for (JsonNode c : json("GET", "/containers/json?all=1&filters=" + filter, null)) {
            container(c.path("Id").asText()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<Container> container(String idOrName) {
        UnixHttpClient.Response r = call("GET", "/containers/" + encode(idOrName) + "/json", null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        check(r, "inspect container " + idOrName);
        return Optional.of(parse(read(r.body())));
    }

    static Container parse(JsonNode c) {
        Map<String, String> labels = new HashMap<>();
        c.path("Config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, Container.Attachment> networks = new HashMap<>();
        c.path("NetworkSettings").path("Networks").fields().forEachRemaining(e -> {
            JsonNode n = e.getValue();
            java.util.Set<String> aliases = new java.util.LinkedHashSet<>();
            n.path("Aliases").forEach(a -> aliases.add(a.asText()));
            n.path("DNSNames").forEach(a -> aliases.add(a.asText()));
            networks.put(e.getKey(), new Container.Attachment(n.path("NetworkID").asText(""),
                    n.path("EndpointID").asText(""), n.path("IPAddress").asText(""),
                    n.path("GlobalIPv6Address").asText(""), List.copyOf(aliases)));
        });
        String name = c.path("Name").asText("");
        return new Container(c.path("Id").asText(), name.startsWith("/") ? name.substring(1) : name, labels,
                c.path("HostConfig").path("NetworkMode").asText(""), c.path("State").path("Running").asBoolean(),
                networks);
    }

    @Override
    public Map<String, String> networkNames() {
        Map<String, String> names = new HashMap<>();
        for (JsonNode n : json("GET", "/networks", null)) {
            names.put(n.path("Id").asText(), n.path("Name").asText());
        }
        return names;
    }

    @Override
    public void connect(String network, String containerId) {
        check(call("POST", "/networks/" + encode(network) + "/connect",
                "{\"Container\":\"" + containerId + "\"}"), "connect " + containerId + " to " + network);
    }

    @Override
    public void disconnect(String network, String containerId) {
        check(call("POST", "/networks/" + encode(network) + "/disconnect",
                "{\"Container\":\"" + containerId + "\",\"Force\":true}"), "disconnect " + containerId + " from " + network);
    }

    @Override
    public void signal(String containerId, String signal) {
        check(call("POST", "/containers/" + encode(containerId) + "/kill?signal=" + encode(signal), null),
                "send " + signal + " to " + containerId);
    }

    private JsonNode json(String method, String path, String body) {
        UnixHttpClient.Response r = call(method, path, body);
        check(r, method + " " + path);
        return read(r.body());
    }

    private UnixHttpClient.Response call(String method, String path, String body) {
        try {
            return http.request(method, VERSION + path, body);
        } catch (IOException e) {
            throw new DockerException(0, "cannot reach the Docker engine: " + e.getMessage());
        }
    }

    private static void check(UnixHttpClient.Response r, String what) {
        if (r.status() >= 300) {
            String message = r.body();
            try {
                message = read(r.body()).path("message").asText(r.body());
            } catch (DockerException e) {
                // not JSON: keep the raw body
            }
            throw new DockerException(r.status(), "Docker refused to " + what + ": " + message);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new DockerException(0, "the Docker engine answered something that is not JSON");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The HTTP client, for the event pump.
     *
     * @return the client
     */
    UnixHttpClient http() {
        return http;
    }
}
