package dev.berth.itests.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An upstream resolver the test runs on 127.0.0.1: it knows one name and answers NXDOMAIN for every other, so
 * forwarding is tested without any query leaving the machine.
 */
public final class LoopbackResolver implements AutoCloseable {

    private final DatagramSocket socket;
    private final Name name;
    private final InetAddress address;
    private final AtomicInteger queries = new AtomicInteger();

    /**
     * Starts the resolver.
     *
     * @param name the one name it knows, absolute
     * @param address its address
     * @throws IOException when the socket cannot be bound
     */
    public LoopbackResolver(String name, String address) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.name = Name.fromString(name);
        this.address = InetAddress.getByName(address);
        Thread t = new Thread(this::serve, "loopback-resolver");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Returns the resolver's address as Berth's forwarders setting takes it.
     *
     * @return {@code 127.0.0.1:PORT}
     */
    public String endpoint() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * Counts the queries received.
     *
     * @return how many
     */
    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.RA);
                Record question = query.getQuestion();
                answer.addRecord(question, Section.QUESTION);
                if (question.getName().equals(name) && question.getType() == Type.A) {
                    answer.addRecord(new ARecord(name, DClass.IN, 60, address), Section.ANSWER);
                } else if (!question.getName().equals(name)) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] out = answer.toWire();
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
