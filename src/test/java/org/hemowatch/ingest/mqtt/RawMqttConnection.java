package org.hemowatch.ingest.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A hand-made MQTT 3.1.1 client on a plain socket, for what real clients will not do on purpose:
 * connect with a short keep-alive and then fall silent (no PINGREQ), as a hung device does.
 */
final class RawMqttConnection implements AutoCloseable {

    private final Socket socket;

    private RawMqttConnection(Socket socket) {
        this.socket = socket;
    }

    /**
     * Sends CONNECT (clean session, user name + password, a QoS 1 last will) and reads the CONNACK.
     *
     * @return the open connection; throws if the CONNACK is not "accepted"
     */
    static RawMqttConnection connect(int port, String clientId, String user, String password, int keepAliveSeconds,
                                     String willTopic, String willPayload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x80 | 0x40 | 0x08 | 0x04 | 0x02); // user name, password, will QoS 1, will flag, clean session
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        string(body, clientId);
        string(body, willTopic);
        string(body, willPayload);
        string(body, user);
        string(body, password);

        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(5000);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int len = body.size();
        do { // variable-length "remaining length"
            int b = len % 128;
            len /= 128;
            packet.write(len > 0 ? b | 0x80 : b);
        } while (len > 0);
        body.writeTo(packet);
        s.getOutputStream().write(packet.toByteArray());
        s.getOutputStream().flush();
        byte[] connack = s.getInputStream().readNBytes(4);
        if (connack.length != 4 || (connack[0] & 0xFF) != 0x20 || connack[3] != 0) {
            s.close();
            throw new IOException("CONNACK not accepted: " + java.util.Arrays.toString(connack));
        }
        return new RawMqttConnection(s);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
    }

    /** Blocks until the server closes the connection (end of stream or reset); false after {@code timeoutMs}. */
    boolean awaitClosedByServer(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // nothing is expected, but anything the server sends is skipped
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
