package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

import dev.berth.squid.waf.WafRule;

public class RuleLoadingTest {

    private static SquidSettings settings(Optional<Path> file, Set<String> disabled) {
        return new SquidSettings(false, Path.of("/usr/sbin/squid"), Path.of("/run/berth"), Path.of("/var/lib/berth"),
                "127.0.0.1", 3128, List.of("127.0.0.1/32"), 64, 0, 4096, "127.0.0.1", 11344, true, false, false, file,
                disabled, 65536, 4096, 100, "proxy", true, Duration.ofSeconds(5), ReverseSettings.OFF);
    }

    @Test
    public void builtInRulesLessTheDisabledOnes() {
        List<String> ids = SquidService.loadRules(settings(Optional.empty(), Set.of("1001", "4002"))).rules().stream()
                .map(WafRule::id).toList();
        assertTrue(ids.contains("3001") && ids.contains("9001"));
        assertTrue(!ids.contains("1001") && !ids.contains("4002"));
    }

    @Test
    public void aRuleFileReplacesTheBuiltInRules() throws Exception {
        Path file = Files.createTempFile("waf", ".rules");
        try {
            Files.writeString(file, "a1 query * \"one\" x\n# off\na2 body shop.test \"two\" y\n");
            var rules = SquidService.loadRules(settings(Optional.of(file), Set.of("a2")));
            assertEquals(List.of("a1"), rules.rules().stream().map(WafRule::id).toList());
            assertEquals(file.toString(), rules.source());
        } finally {
            Files.delete(file);
        }
    }
}
