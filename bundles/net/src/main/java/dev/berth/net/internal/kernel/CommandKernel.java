package dev.berth.net.internal.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The kernel through the real tools: {@code ip} (iproute2), {@code nft} and {@code /proc/sys}. */
public final class CommandKernel implements Kernel {

    private static final Logger LOG = LoggerFactory.getLogger(CommandKernel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void ip(List<String> commands) {
        for (List<String> run : familyRuns(commands)) {
            boolean v6 = run.get(0).startsWith("-6 ");
            List<String> lines = run.stream().map(l -> v6 ? l.substring(3) : l).toList();
            LOG.debug("ip{} -batch:\n{}", v6 ? " -6" : "", String.join("\n", lines));
            Result r = run(v6 ? List.of("ip", "-6", "-batch", "-") : List.of("ip", "-batch", "-"),
                    String.join("\n", lines) + "\n");
            if (r.exit != 0) {
                throw new KernelException("ip failed: " + describe(r.output, run));
            }
        }
    }

    @Override
    public void ipForce(List<String> commands) {
        for (List<String> run : familyRuns(commands)) {
            boolean v6 = run.get(0).startsWith("-6 ");
            List<String> lines = run.stream().map(l -> v6 ? l.substring(3) : l).toList();
            LOG.debug("ip{} -force -batch:\n{}", v6 ? " -6" : "", String.join("\n", lines));
            run(v6 ? List.of("ip", "-6", "-force", "-batch", "-") : List.of("ip", "-force", "-batch", "-"),
                    String.join("\n", lines) + "\n");
        }
    }

    /**
     * Splits commands into runs of one family, in order: {@code ip -batch} takes no per-line options, so lines
     * written {@code -6 ...} go to {@code ip -6 -batch}.
     */
    static List<List<String>> familyRuns(List<String> commands) {
        List<List<String>> runs = new ArrayList<>();
        for (String line : commands) {
            boolean v6 = line.startsWith("-6 ");
            if (runs.isEmpty() || runs.get(runs.size() - 1).get(0).startsWith("-6 ") != v6) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(line);
        }
        return runs;
    }

    @Override
    public void nft(String script) {
        LOG.debug("nft -f:\n{}", script);
        Result r = run(List.of("nft", "-f", "-"), script);
        if (r.exit != 0) {
            throw new KernelException("nft refused the ruleset: " + r.output.trim());
        }
    }

    @Override
    public void sysctl(String key, String value) {
        Path file = Path.of("/proc/sys", key.replace('.', '/'));
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KernelException("cannot set " + key + " = " + value + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KernelState observe() {
        Map<String, KernelState.Link> links = new HashMap<>();
        Map<String, List<String>> addresses = new HashMap<>();
        for (JsonNode a : json(List.of("ip", "-j", "addr", "show"))) {
            List<String> list = new ArrayList<>();
            for (JsonNode info : a.path("addr_info")) {
                if (!"link".equals(info.path("scope").asText())) {
                    list.add(info.path("local").asText() + "/" + info.path("prefixlen").asInt());
                }
            }
            addresses.put(a.path("ifname").asText(), list);
        }
        for (JsonNode l : json(List.of("ip", "-j", "-d", "link", "show"))) {
            String name = l.path("ifname").asText();
            boolean up = false;
            for (JsonNode flag : l.path("flags")) {
                up |= "UP".equals(flag.asText());
            }
            links.put(name, new KernelState.Link(name, l.path("linkinfo").path("info_kind").asText(""),
                    l.path("master").asText(""), l.path("mtu").asInt(), up,
                    addresses.getOrDefault(name, List.of())));
        }
        List<KernelState.Rule> rules = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            for (JsonNode r : json(v6 ? List.of("ip", "-6", "-j", "rule", "show") : List.of("ip", "-j", "rule", "show"))) {
                rules.add(new KernelState.Rule(v6, r.path("priority").asInt(), r.path("iif").asText(""),
                        r.path("fwmark").asText(""), r.path("table").asText("")));
            }
        }
        List<KernelState.Route> routes = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<String> cmd = v6 ? List.of("ip", "-6", "-j", "route", "show", "table", "all")
                    : List.of("ip", "-j", "route", "show", "table", "all");
            for (JsonNode r : json(cmd)) {
                routes.add(new KernelState.Route(v6, r.path("table").asText("main"), r.path("dst").asText(),
                        r.path("type").asText("unicast"), r.path("dev").asText(""), r.path("gateway").asText("")));
            }
        }
        Set<String> tables = new HashSet<>();
        for (JsonNode item : json(List.of("nft", "-j", "list", "tables")).path("nftables")) {
            JsonNode t = item.path("table");
            if (!t.isMissingNode()) {
                tables.add(t.path("family").asText() + " " + t.path("name").asText());
            }
        }
        return new KernelState(links, rules, routes, tables);
    }

    @Override
    public VrfSupport vrfSupport() {
        String probe = "berth-vrf-probe";
        Result r = run(List.of("ip", "link", "add", probe, "type", "vrf", "table", "4294967294"), "");
        if (r.exit == 0) {
            run(List.of("ip", "link", "del", probe), "");
            return new VrfSupport(true, "the kernel creates VRF devices");
        }
        return new VrfSupport(false, "the kernel cannot create VRF devices (" + r.output.trim()
                + "); CONFIG_NET_VRF is off or the vrf module is missing");
    }

    private JsonNode json(List<String> command) {
        Result r = run(command, "");
        if (r.exit != 0) {
            throw new KernelException(String.join(" ", command) + " failed: " + r.output.trim());
        }
        try {
            String text = r.output.trim();
            return JSON.readTree(text.isEmpty() ? "[]" : text);
        } catch (IOException e) {
            throw new KernelException("cannot parse the output of " + String.join(" ", command), e);
        }
    }

    /** Names the failing line of a batch: ip reports "Command failed -:N". */
    private static String describe(String output, List<String> commands) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Command failed -:(\\d+)").matcher(output);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            if (line >= 1 && line <= commands.size()) {
                return "'" + commands.get(line - 1) + "': " + output.trim().replace('\n', ' ');
            }
        }
        return output.trim().replace('\n', ' ');
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String input) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C");
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelException(String.join(" ", command) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KernelException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while running " + command.get(0), e);
        }
    }
}
