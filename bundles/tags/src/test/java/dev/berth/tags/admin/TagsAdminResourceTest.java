package dev.berth.tags.admin;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.tags.api.Problem;
import dev.berth.tags.api.TagInfo;
import dev.berth.tags.api.TagPolicy;

/** The tag controller's tables for the operators' API. */
public class TagsAdminResourceTest {

    /** A service that answers the named methods and refuses the rest. */
    @SuppressWarnings("unchecked")
    private static <S> S service(Class<S> type, Map<String, Object> answers) {
        return (S) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        });
    }

    @Test
    public void tagsAndTheirProblems() {
        TagPolicy tags = service(TagPolicy.class, Map.of("tags", List.of(new TagInfo("db", List.of("dbnet"),
                List.of("app"), List.of("pg"))), "problems", List.of(new Problem("bad", "tag nowhere selects no network"))));
        assertEquals(List.of(Map.of("tag", "db", "networks", List.of("dbnet"), "egress", List.of("app"), "ingress",
                List.of("pg"))), new TagsAdminResource(tags).rows());
        assertEquals(List.of(Map.of("container", "bad", "problem", "tag nowhere selects no network")),
                new TagsAdminResource.Problems(tags).rows());
    }
}
