package dev.callsheet.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API, speaking to the running test server as a real client would. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String authorization;

    public Api(int port) {
        this(port, null);
    }

    private Api(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    public Api as(String username, String password) {
        return new Api(port, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public Api as(Tenant.User user) {
        return as(user.username(), user.password());
    }

    public Api withToken(String token) {
        return new Api(port, "Bearer " + token);
    }

    public Api anonymous() {
        return new Api(port, null);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** A GET asking for another media type, e.g. Prometheus' text format. */
    public Response get(String path, String accept) {
        return exchange("GET", path, HttpRequest.BodyPublishers.noBody(), accept);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** A multipart/form-data POST: one file part named {@code file} and plain fields. */
    public Response upload(String path, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----callsheet" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(body, true, StandardCharsets.UTF_8);
        fields.forEach((name, value) -> out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.write(content, 0, content.length);
        out.print("\r\n--" + boundary + "--\r\n");
        return exchange("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "application/json",
                "multipart/form-data; boundary=" + boundary);
    }

    /** Sends raw text as the JSON body, for malformed-input tests. */
    /** A download as bytes (a spreadsheet, an image); fails on any status but 200. */
    public byte[] bytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept", "*/*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response postRaw(String path, String body) {
        return exchange("POST", path, HttpRequest.BodyPublishers.ofString(body));
    }

    public Response send(String method, String path, Object body) {
        String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
        return exchange(method, path, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body) {
        return exchange(method, path, body, "application/json");
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body, String accept) {
        return exchange(method, path, body, accept, "application/json");
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body, String accept,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body)
                .header("Content-Type", contentType)
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // A kept-alive connection the server had just closed: nothing was read, so nothing was
                // processed; the client opens a fresh connection on the retry.
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, raw body, and the body as JSON when it is JSON. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
