package dev.callsheet.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a child process: no daemon, its configuration, pid, logs and temporary files in a folder of
 * its own, round robin over the two instances, passing the client's address and scheme as a load balancer does,
 * and naming the instance that answered in {@code X-Upstream}.
 */
public record Nginx(Process process, int port, Path folder) implements AutoCloseable {

    /** Debian's nginx, or one on the PATH; {@code null} when there is none. */
    public static Path find() {
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return Path.of("/usr/sbin/nginx");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "nginx");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts nginx on a free port in front of the two local ports and waits until it listens. */
    public static Nginx start(Path nginx, int first, int second) throws Exception {
        Path folder = Files.createTempDirectory("callsheet-nginx");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(folder.resolve("nginx.conf"), user + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 64m;
                  upstream callsheet {
                    server 127.0.0.1:%2$d;
                    server 127.0.0.1:%3$d;
                  }
                  server {
                    listen 127.0.0.1:%4$d;
                    location / {
                      proxy_pass http://callsheet;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $host;
                      proxy_set_header X-Forwarded-Port $server_port;
                      proxy_next_upstream off;
                      add_header X-Upstream $upstream_addr always;
                    }
                  }
                }
                """.formatted(folder, first, second, port));
        Process process = new ProcessBuilder(nginx.toString(), "-p", folder.toString(), "-c",
                folder.resolve("nginx.conf").toString(), "-e", folder.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("stdout.log").toFile()).start();
        Nginx started = new Nginx(process, port, folder);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(folder.resolve("stdout.log"))
                        + read(folder.resolve("error.log")));
            }
            try (var socket = new Socket("127.0.0.1", port)) {
                return started;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        started.close();
        throw new IllegalStateException("nginx did not listen on " + port + ": " + read(folder.resolve("error.log")));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder only costs disk space
        }
    }
}
