package dev.berth.tags.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What the tag controller has computed: tags, attachments, allowed peers, and why traffic passes or not. */
@ProviderType
public interface TagPolicy {

    /** The label naming the tags a container may open connections for. */
    String EGRESS_LABEL = "berth.egress";
    /** The label naming the tags a container accepts connections for. */
    String INGRESS_LABEL = "berth.ingress";

    /**
     * Lists every tag carried by a network or named by a container.
     *
     * @return the tags, sorted
     */
    List<TagInfo> tags();

    /**
     * Shows a container's tags, the networks they attach it to and the peers it may reach.
     *
     * @param idOrName the container's ID, ID prefix or name
     * @return what was computed for it
     * @throws IllegalArgumentException when there is no such container
     */
    ContainerTags container(String idOrName);

    /**
     * Explains whether a new connection from one container to another passes, and why.
     *
     * @param from the container opening the connection
     * @param to the container receiving it
     * @return the verdict
     * @throws IllegalArgumentException when either container does not exist
     */
    Verdict explain(String from, String to);

    /**
     * Lists the problems found with containers' tags: unknown tags, tags selecting no network, labels that
     * cannot be applied.
     *
     * @return the problems, by container
     */
    List<Problem> problems();
}
