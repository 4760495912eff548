package dev.berth.dns.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.xbill.DNS.Message;

/** Sends packets as they are, right or wrong, and reads what comes back. */
final class Raw {

    private final InetSocketAddress server;

    Raw(InetSocketAddress server) {
        this.server = server;
    }

    /**
     * Sends one datagram and waits a moment for an answer.
     *
     * @return the answer, or {@code null} when none came within the wait
     */
    byte[] udpBytes(byte[] packet, int waitMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(waitMs);
            s.send(new DatagramPacket(packet, packet.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                s.receive(in);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buffer, in.getLength());
        }
    }

    Message udp(byte[] packet) throws IOException {
        byte[] answer = udpBytes(packet, 3000);
        if (answer == null) {
            throw new SocketTimeoutException("no answer from " + server);
        }
        return new Message(answer);
    }

    /**
     * Writes bytes on a TCP connection, closes its sending side, and reads one framed answer if any.
     *
     * @return the answer, or {@code null} when the server closed the connection without one
     */
    byte[] tcp(byte[] bytes) throws IOException {
        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            s.shutdownOutput();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (java.io.EOFException e) {
                return null;
            }
            byte[] answer = new byte[length];
            in.readFully(answer);
            return answer;
        }
    }

    static byte[] framed(byte[] message) {
        byte[] f = new byte[message.length + 2];
        f[0] = (byte) (message.length >>> 8);
        f[1] = (byte) message.length;
        System.arraycopy(message, 0, f, 2, message.length);
        return f;
    }
}
