package dev.berth.dns.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks upstream resolvers about names outside Berth's zones, through the cache. The upstream's response code
 * passes through as it is (NXDOMAIN, SERVFAIL, REFUSED, ...); when no upstream answers in time the answer is
 * SERVFAIL.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final int ATTEMPTS = 2;

    private final List<InetSocketAddress> upstreams;
    private final Resolver resolver;
    private final ForwardCache cache;
    private final Executor executor;

    Forwarder(List<InetSocketAddress> upstreams, Duration timeout, int udpPayload, ForwardCache cache,
            Executor executor) {
        this.upstreams = List.copyOf(upstreams);
        this.cache = cache;
        this.executor = executor;
        if (upstreams.isEmpty()) {
            this.resolver = null;
            return;
        }
        // each attempt gets its share of the time, so that every upstream is tried before the deadline
        Duration attempt = timeout.dividedBy((long) ATTEMPTS * upstreams.size());
        List<Resolver> simple = new ArrayList<>();
        for (InetSocketAddress upstream : upstreams) {
            SimpleResolver r = new SimpleResolver(upstream);
            r.setEDNS(0, udpPayload, 0, List.of());
            r.setTimeout(attempt);
            simple.add(r);
        }
        // never the no-argument constructor: it would add the resolvers of the host's resolv.conf
        ExtendedResolver extended = new ExtendedResolver(simple);
        extended.setTimeout(timeout);
        extended.setRetries(ATTEMPTS);
        this.resolver = extended;
    }

    List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    ForwardCache cache() {
        return cache;
    }

    /**
     * Answers a question from the cache or an upstream.
     *
     * @param question the question
     * @return the answer; a failure to reach any upstream completes it with SERVFAIL, never exceptionally
     */
    CompletionStage<ForwardCache.Answer> resolve(Record question) {
        ForwardCache.Key key = ForwardCache.Key.of(question);
        ForwardCache.Answer cached = cache.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        if (resolver == null) {
            return CompletableFuture.completedFuture(failure());
        }
        Message query = Message.newQuery(Record.newRecord(question.getName(), question.getType(),
                question.getDClass()));
        return resolver.sendAsync(query, executor).handle((response, error) -> {
            if (error != null) {
                LOG.debug("No upstream answered {}: {}", question, error.toString());
                return failure();
            }
            cache.put(key, response);
            return ForwardCache.fromResponse(response);
        });
    }

    private static ForwardCache.Answer failure() {
        return new ForwardCache.Answer(Rcode.SERVFAIL, List.of(List.of(), List.of(), List.of()), 0, 0);
    }
}
