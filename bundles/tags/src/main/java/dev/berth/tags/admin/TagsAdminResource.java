package dev.berth.tags.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.tags.api.TagPolicy;

/** The tags, their networks and containers for the operators' API: {@code /api/v1/tags}. */
@Component(property = {AdminResource.NAME + "=tags", AdminResource.TITLE + "=Tags"})
public final class TagsAdminResource implements AdminResource {

    private final TagPolicy tags;

    /**
     * Creates the resource.
     *
     * @param tags the tag controller
     */
    @Activate
    public TagsAdminResource(@Reference TagPolicy tags) {
        this.tags = tags;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return tags.tags().stream().map(t -> AdminRows.row().put("tag", t.tag()).put("networks", t.networks())
                .put("egress", t.egress()).put("ingress", t.ingress()).build()).toList();
    }

    /** What the tag controller could not do: {@code /api/v1/tag-problems}. */
    @Component(service = AdminResource.class,
            property = {AdminResource.NAME + "=tag-problems", AdminResource.TITLE + "=Tag problems"})
    public static final class Problems implements AdminResource {

        private final TagPolicy tags;

        /**
         * Creates the resource.
         *
         * @param tags the tag controller
         */
        @Activate
        public Problems(@Reference TagPolicy tags) {
            this.tags = tags;
        }

        @Override
        public List<Map<String, Object>> rows() {
            return tags.problems().stream().map(p -> AdminRows.row().put("container", p.container())
                    .put("problem", p.message()).build()).toList();
        }
    }
}
