package dev.callsheet.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 POST written by hand on a socket, to see what the server answers before a body has arrived: the head
 * is sent, then (on a thread of its own, so a server that stops reading cannot block the test) as much of the body
 * as asked, and the answer is read meanwhile. The socket times out after 10 s: a server waiting for the rest of the
 * body fails the test instead of answering.
 */
final class RawPost {

    record Answer(int status, java.util.Map<String, String> headers, String body) {
    }

    private RawPost() {
    }

    /**
     * @param head the request line and headers, each ending in CRLF, without the blank line
     * @param body bytes of the body to send after the head (then the connection is left open)
     * @param chunked whether to send the body as 8 KB chunks
     * @param finish whether to end a chunked body (else the server has it only in part)
     */
    static Answer send(String host, int port, String head, byte[] body, boolean chunked, boolean finish)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int offset = 0; offset < body.length; offset += 8192) {
                        int length = Math.min(8192, body.length - offset);
                        if (chunked) {
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write(body, offset, length);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.flush();
                    }
                    if (chunked && finish) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException closedByServer) {
                    // the server answered and closed: what the test is about
                }
            }, "raw-post-body");
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (header.indexOf(':') > 0) {
                headers.put(lower.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
            }
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
