package org.chorusedi.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** A partner's system calling the API as one technical user, with java.net.http. */
final class ApiClient {

    private final HttpClient client;
    private final String base;
    private final String authorization;

    ApiClient(HttpClient client, String base, String login, String password) {
        this.client = client;
        this.base = base;
        this.authorization = login == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static ApiClient of(String base, String login, String password) {
        return new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, login, password);
    }

    /** The Authorization header it sends. */
    String authorization() {
        return authorization;
    }

    HttpResponse<String> deposit(String name, Path file) throws IOException, InterruptedException {
        return client.send(request("/api/v1/flows?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> deposit(String name, byte[] body) throws IOException, InterruptedException {
        return client.send(request("/api/v1/flows?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any POST: a body of any type, of a known length or chunked (BodyPublishers.ofInputStream). */
    HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return client.send(request(path).header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
    }

    /** Waits until the flow is decided (its state no longer RECEIVED) and returns it. */
    JsonObject decided(String flowId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = get("/api/v1/flows/" + flowId);
            if (response.statusCode() == 200) {
                JsonObject flow = json(response);
                if ("PUBLISHED".equals(flow.getString("state")) || "PARKED".equals(flow.getString("state"))) {
                    return flow;
                }
            } else {
                throw new AssertionError("flow " + flowId + ": " + response.statusCode() + " " + response.body());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("flow " + flowId + " not decided in time");
            }
            Thread.sleep(50);
        }
    }
}
