package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsNetwork;
import dev.berth.ipam.api.IpPrefix;

/**
 * Turns one query packet into its response: the protocol rules (malformed packets, opcodes, EDNS, classes,
 * transfers, truncation) here, the answers themselves in {@link ZoneAnswers} and {@link Forwarder}.
 */
final class QueryProcessor {

    /** Where a response goes: back to the client over the transport the query came on. */
    @FunctionalInterface
    interface Reply {
        void send(byte[] message);
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);
    private static final int PLAIN_UDP = 512;
    private static final int TCP_MAX = 65535;
    private static final int MAX_EXTRA_RECORDS = 8;

    private final DnsSettings settings;
    private final RecordRegistry registry;
    private final ZoneAnswers answers;
    private final ZoneTransfer transfer;
    private final Forwarder forwarder;
    private final AccessList transferPeers;
    private final QueryCounters counters = new QueryCounters();
    private final AnswerCache answerCache;
    private volatile AccessList recursionClients;

    QueryProcessor(DnsSettings settings, RecordRegistry registry, Forwarder forwarder) {
        this.settings = settings;
        this.registry = registry;
        this.answers = new ZoneAnswers(registry, registry.apex());
        this.transfer = new ZoneTransfer(registry, registry.apex());
        this.forwarder = forwarder;
        this.answerCache = new AnswerCache(settings.answerCacheSize());
        this.transferPeers = new AccessList(settings.transferPeers());
        this.recursionClients = new AccessList(settings.recursionClients());
    }

    QueryCounters counters() {
        return counters;
    }

    /**
     * Lets the subnets of Berth networks recurse, when configured so.
     *
     * @param networks the networks now
     */
    void networksChanged(Collection<DnsNetwork> networks) {
        List<IpPrefix> clients = new ArrayList<>(settings.recursionClients());
        if (settings.recursionBerthNetworks()) {
            networks.forEach(n -> clients.addAll(n.subnets()));
        }
        recursionClients = new AccessList(clients);
    }

    /**
     * Answers one query. The response is sent at once, or later when it is forwarded; nothing is sent for a
     * packet too short to hold a header or that is itself a response.
     *
     * @param packet the packet
     * @param length its length
     * @param client the client's address
     * @param tcp whether it came over TCP
     * @param reply where the response goes
     * @return whether a response is sent, now or later; {@code false} when the packet is ignored
     */
    boolean process(byte[] packet, int length, InetAddress client, boolean tcp, Reply reply) {
        counters.queries.increment();
        if (length < Header.LENGTH || (packet[2] & 0x80) != 0) {
            counters.dropped.increment();
            return false;
        }
        AnswerCache.Question plain = settings.answerCacheSize() == 0 ? null
                : AnswerCache.read(packet, length, settings.udpPayload(), tcp);
        long generation = registry.generation();
        if (plain != null) {
            byte[] hit = answerCache.get(plain, packet, generation, recursionClients.allows(client));
            if (hit != null) {
                counters.authoritative.increment();
                reply.send(hit);
                return true;
            }
        }
        int questions = u16(packet, 4);
        int others = u16(packet, 6) + u16(packet, 8) + u16(packet, 10);
        if (questions != 1 || others > MAX_EXTRA_RECORDS) {
            reply.send(headerOnly(packet, Rcode.FORMERR));
            counters.malformed.increment();
            return true;
        }
        Message query;
        try {
            query = new Message(java.util.Arrays.copyOf(packet, length));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Malformed query from {}: {}", client, e.toString());
            counters.malformed.increment();
            reply.send(headerOnly(packet, Rcode.FORMERR));
            return true;
        }
        try {
            answer(query, client, tcp, reply, plain, generation);
        } catch (RuntimeException e) {
            LOG.warn("Failed to answer {} from {}", query.getQuestion(), client, e);
            reply.send(headerOnly(packet, Rcode.SERVFAIL));
        }
        return true;
    }

    /** One query being answered; a plain one has a place in the answer cache. */
    private record Exchange(Message query, OPTRecord opt, int maxSize, Reply reply, AnswerCache.Question plain,
            long generation) {
    }

    private void answer(Message query, InetAddress client, boolean tcp, Reply reply, AnswerCache.Question plain,
            long generation) {
        Record question = query.getQuestion();
        OPTRecord opt = query.getOPT();
        int maxSize = tcp ? TCP_MAX : opt == null ? PLAIN_UDP
                : Math.max(PLAIN_UDP, Math.min(opt.getPayloadSize(), settings.udpPayload()));
        Exchange x = new Exchange(query, opt, maxSize, reply, plain, generation);
        Message response = response(query);
        boolean recursion = recursionClients.allows(client);
        if (recursion) {
            response.getHeader().setFlag(Flags.RA);
        }
        long optCount = query.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.OPT).count();
        int type = question.getType();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            send(x, response, Rcode.NOTIMP);
        } else if (optCount > 1 || type == Type.OPT || type == Type.TSIG || type == Type.TKEY) {
            send(x, response, Rcode.FORMERR);
        } else if (opt != null && opt.getVersion() != 0) {
            send(x, response, Rcode.BADVERS);
        } else if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            send(x, response, Rcode.REFUSED);
        } else if (type == Type.AXFR || type == Type.IXFR) {
            transfer(x, response, client, tcp);
        } else if (type == Type.MAILA || type == Type.MAILB) {
            send(x, response, Rcode.NOTIMP);
        } else {
            ZoneSet.Zone zone = registry.zones().zoneOf(question.getName());
            if (zone != null) {
                counters.authoritative.increment();
                Name elsewhere = answers.answer(response, question.getName(), type, zone);
                if (elsewhere != null && recursion && query.getHeader().getFlag(Flags.RD)) {
                    // as the client's resolver, follow the chain out of Berth's zones
                    forward(x, response, Record.newRecord(elsewhere, type, question.getDClass()));
                    return;
                }
                byte[] wire = send(x, response, response.getHeader().getRcode());
                if (x.plain() != null && (wire[2] & 0x02) == 0) {
                    answerCache.put(x.plain(), x.generation(), wire);
                }
            } else if (recursion && query.getHeader().getFlag(Flags.RD)) {
                forward(x, response, question);
            } else {
                counters.refused.increment();
                send(x, response, Rcode.REFUSED);
            }
        }
    }

    private void forward(Exchange x, Message response, Record question) {
        counters.forwarded.increment();
        forwarder.resolve(question).whenComplete((answer, error) -> {
            if (error != null) {
                LOG.warn("Forwarding {} failed", question, error);
                send(x, response, Rcode.SERVFAIL);
                return;
            }
            int[] sections = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
            if (question != x.query().getQuestion()) {
                // part of the answer is another server's now
                response.getHeader().unsetFlag(Flags.AA);
            }
            for (int i = 0; i < sections.length; i++) {
                for (Record r : answer.sections().get(i)) {
                    response.addRecord(r, sections[i]);
                }
            }
            send(x, response, answer.rcode());
        });
    }

    private void transfer(Exchange x, Message response, InetAddress client, boolean tcp) {
        Name name = x.query().getQuestion().getName();
        ZoneSet.Zone zone = registry.zones().zone(name);
        if (!transferPeers.allows(client) || zone == null) {
            LOG.debug("Zone transfer of {} refused to {}", name, client);
            counters.refused.increment();
            send(x, response, Rcode.REFUSED);
        } else if (!tcp) {
            // AXFR is TCP only (RFC 5936 4.2); an IXFR over UDP is told to come back over TCP with the SOA alone
            if (x.query().getQuestion().getType() == Type.IXFR) {
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(transfer.records(name).get(0), Section.ANSWER);
                send(x, response, Rcode.NOERROR);
            } else {
                send(x, response, Rcode.FORMERR);
            }
        } else {
            LOG.info("Zone transfer of {} to {}", name, client);
            for (Message m : transfer.messages(x.query(), name)) {
                x.reply().send(m.toWire(TCP_MAX));
            }
        }
    }

    private static Message response(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        if (query.getHeader().getFlag(Flags.CD)) {
            h.setFlag(Flags.CD);
        }
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }

    private byte[] send(Exchange x, Message response, int rcode) {
        if (x.opt() != null) {
            // the DO bit is copied (RFC 3225 3); nothing here is signed
            response.addRecord(new OPTRecord(settings.udpPayload(), rcode >>> 4, 0,
                    x.opt().getFlags() & ExtendedFlags.DO), Section.ADDITIONAL);
        }
        response.getHeader().setRcode(rcode & 0xF);
        byte[] wire = response.toWire(x.maxSize());
        if ((wire[2] & 0x02) != 0) {
            counters.truncated.increment();
        }
        x.reply().send(wire);
        return wire;
    }

    /** A response of a header only: for a packet that cannot be parsed, only its ID and opcode are known. */
    static byte[] headerOnly(byte[] query, int rcode) {
        byte[] r = new byte[Header.LENGTH];
        r[0] = query[0];
        r[1] = query[1];
        r[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, the opcode and RD of the query
        r[3] = (byte) rcode;
        return r;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
