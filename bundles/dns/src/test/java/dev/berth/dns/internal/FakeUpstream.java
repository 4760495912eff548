package dev.berth.dns.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * An upstream resolver on 127.0.0.1 and a free port, answering as the test says and counting questions: the
 * only resolver forwarding tests talk to.
 */
final class FakeUpstream implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    /**
     * Starts answering.
     *
     * @param answers makes the response to a query: the answer sections and rcode; {@code null} stays silent
     */
    FakeUpstream(Function<Message, Message> answers) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> serve(answers), "fake-upstream");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int asked(String name) {
        AtomicInteger n = asked.get(name.toLowerCase(java.util.Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    private void serve(Function<Message, Message> answers) {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                Message query = new Message(java.util.Arrays.copyOf(buffer, in.getLength()));
                asked.computeIfAbsent(query.getQuestion().getName().toString().toLowerCase(java.util.Locale.ROOT),
                        k -> new AtomicInteger()).incrementAndGet();
                Message response = answers.apply(query);
                if (response == null) {
                    continue;
                }
                response.getHeader().setID(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.RA);
                if (response.getQuestion() == null) {
                    response.addRecord(query.getQuestion(), Section.QUESTION);
                }
                byte[] out = response.toWire(512);
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
