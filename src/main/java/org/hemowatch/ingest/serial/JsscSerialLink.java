package org.hemowatch.ingest.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jssc.SerialPort;
import jssc.SerialPortException;

/**
 * {@link SerialLink} over jssc, 8N1 at the configured baud.
 *
 * <p>jssc quirks this class absorbs (observed with jssc 2.10 on Linux, incl. socat pseudo-terminals):
 * <ul>
 *   <li>{@code setParams}/{@code setRTS}/{@code setDTR} return {@code false} on a pty: termios is
 *       applied but the modem-line ioctls fail with ENOTTY. That is a warning, not a failure.</li>
 *   <li>When the other end goes away no event fires and {@code isOpened()} stays true; only
 *       {@code getInputBufferBytesCount()} / reads throw (EIO). {@link #readAvailable()} therefore
 *       polls the input count, which doubles as the disconnect watchdog.</li>
 * </ul>
 */
public final class JsscSerialLink implements SerialLink {
    private static final byte[] NONE = new byte[0];

    private final String path;
    private final int baud;
    private final List<String> warnings = new ArrayList<>();
    private SerialPort port;

    public JsscSerialLink(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void open() throws SerialLinkException {
        if (port != null) {
            return;
        }
        if (!Files.exists(Path.of(path))) {
            throw new SerialLinkException(SerialLinkException.Reason.MISSING, path + ": no such device", null);
        }
        SerialPort p = new SerialPort(path);
        try {
            p.openPort();
        } catch (SerialPortException e) {
            throw translate("open", e);
        }
        port = p;
        try {
            if (!p.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE)) {
                warnings.add("setParams(" + baud + " 8N1) returned false: modem-control lines (RTS/DTR) are not"
                        + " supported by this device (normal for a pseudo-terminal); line settings were applied");
            }
        } catch (SerialPortException e) {
            close();
            throw translate("setParams", e);
        }
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public byte[] readAvailable() throws SerialLinkException {
        SerialPort p = requireOpen();
        try {
            int n = p.getInputBufferBytesCount();
            if (n < 0) {
                throw new SerialLinkException(SerialLinkException.Reason.IO, path + ": input count " + n, null);
            }
            if (n == 0) {
                return NONE;
            }
            byte[] b = p.readBytes(n);
            return b == null ? NONE : b;
        } catch (SerialPortException e) {
            throw translate("read", e);
        }
    }

    @Override
    public void write(byte[] data) throws SerialLinkException {
        SerialPort p = requireOpen();
        try {
            if (!p.writeBytes(data)) {
                throw new SerialLinkException(SerialLinkException.Reason.IO, path + ": write incomplete", null);
            }
        } catch (SerialPortException e) {
            throw translate("write", e);
        }
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpened();
    }

    @Override
    public void close() {
        SerialPort p = port;
        port = null;
        if (p != null && p.isOpened()) {
            try {
                p.closePort();
            } catch (SerialPortException | RuntimeException ignored) {
                // the device is usually already gone when we close after an error
            }
        }
    }

    private SerialPort requireOpen() throws SerialLinkException {
        if (port == null) {
            throw new SerialLinkException(SerialLinkException.Reason.IO, path + ": not open", null);
        }
        return port;
    }

    private SerialLinkException translate(String op, SerialPortException e) {
        String type = String.valueOf(e.getExceptionType());
        SerialLinkException.Reason reason = switch (type) {
            case SerialPortException.TYPE_PORT_NOT_FOUND -> SerialLinkException.Reason.MISSING;
            case SerialPortException.TYPE_PORT_BUSY -> SerialLinkException.Reason.BUSY;
            case SerialPortException.TYPE_PERMISSION_DENIED -> SerialLinkException.Reason.PERMISSION;
            default -> SerialLinkException.Reason.IO;
        };
        return new SerialLinkException(reason, path + ": " + op + " failed: " + type, e);
    }
}
