package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves DNS over UDP on one address: several sockets bound with SO_REUSEPORT, among which the kernel spreads
 * the queries, each read by its own thread that answers in place (forwarded answers are sent later from the
 * forwarder's threads).
 */
final class UdpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int MAX_DATAGRAM = 65535;

    private final InetSocketAddress address;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    UdpListener(InetSocketAddress address, int sockets, QueryProcessor processor) throws IOException {
        this.address = address;
        try {
            for (int i = 0; i < sockets; i++) {
                DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                channels.add(channel);
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                channel.bind(address);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        for (int i = 0; i < channels.size(); i++) {
            DatagramChannel channel = channels.get(i);
            Thread t = new Thread(() -> serve(channel, processor), "berth-dns-udp-" + address + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    InetSocketAddress address() {
        return address;
    }

    private void serve(DatagramChannel channel, QueryProcessor processor) {
        // direct buffers spare NIO a copy through a temporary one on every receive and send
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        byte[] packet = new byte[MAX_DATAGRAM];
        Thread self = Thread.currentThread();
        while (channel.isOpen()) {
            SocketAddress from;
            try {
                in.clear();
                from = channel.receive(in);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("UDP receive on {} failed: {}", address, e.toString());
                continue;
            }
            int length = in.flip().remaining();
            in.get(packet, 0, length);
            InetSocketAddress client = (InetSocketAddress) from;
            try {
                processor.process(packet, length, client.getAddress(), false, message -> {
                    if (Thread.currentThread() == self) {
                        out.clear();
                        reply(channel, client, out.put(message).flip());
                    } else {
                        reply(channel, client, ByteBuffer.wrap(message));
                    }
                });
            } catch (RuntimeException e) {
                // one bad packet must never stop the listener
                LOG.warn("Query from {} on {} failed", client, address, e);
            }
        }
    }

    private void reply(DatagramChannel channel, InetSocketAddress client, ByteBuffer message) {
        try {
            channel.send(message, client);
        } catch (IOException e) {
            LOG.debug("UDP reply to {} failed: {}", client, e.toString());
        }
    }

    @Override
    public void close() {
        for (DatagramChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("Closing a UDP socket on {} failed: {}", address, e.toString());
            }
        }
    }
}
