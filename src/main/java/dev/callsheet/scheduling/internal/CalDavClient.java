package dev.callsheet.scheduling.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.springframework.stereotype.Component;

/**
 * The few CalDAV requests Callsheet makes (RFC 4791), with the JDK's HTTP client: a {@code calendar-query} REPORT
 * for the events in a time range, a PUT of one event, a DELETE. Basic authentication with the rep's app password;
 * redirects are not followed (the password would go with them), answers are read up to 16 MB.
 */
@Component
public class CalDavClient {

    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Where and as whom. */
    public record Account(String url, String username, String password) {

        /** The collection's address with a final slash, so event names resolve inside it. */
        URI collection() {
            return URI.create(url.endsWith("/") ? url : url + "/");
        }
    }

    /** A request the server refused or could not answer; the message is fit for the rep's settings page. */
    public static class CalDavException extends Exception {

        public CalDavException(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** The calendar data of every event that touches [from, to). */
    public List<String> events(Account account, Instant from, Instant to) throws CalDavException {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><C:calendar-data/></D:prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="%s" end="%s"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>
                """.formatted(UTC.format(from), UTC.format(to));
        HttpResponse<InputStream> response = send(account, request(account, account.collection())
                .header("Depth", "1").header("Content-Type", "application/xml; charset=utf-8")
                .method("REPORT", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        byte[] answer = read(response);
        if (response.statusCode() != 207) {
            throw refused("REPORT", response.statusCode());
        }
        return calendarData(answer);
    }

    /** Writes one event (the whole VCALENDAR) as {@code <name>} in the collection; returns its address. */
    public String put(Account account, String name, String ics) throws CalDavException {
        URI target = account.collection().resolve(name);
        HttpResponse<InputStream> response = send(account, request(account, target)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(ics, StandardCharsets.UTF_8)));
        read(response);
        if (response.statusCode() / 100 != 2) {
            throw refused("PUT", response.statusCode());
        }
        return target.toString();
    }

    /** Removes an event; one that is already gone is fine. */
    public void delete(Account account, String href) throws CalDavException {
        HttpResponse<InputStream> response = send(account, request(account, URI.create(href)).DELETE());
        read(response);
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw refused("DELETE", response.statusCode());
        }
    }

    private static HttpRequest.Builder request(Account account, URI uri) {
        String basic = Base64.getEncoder().encodeToString((account.username() + ":" + account.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("User-Agent", "Callsheet");
    }

    private HttpResponse<InputStream> send(Account account, HttpRequest.Builder request) throws CalDavException {
        HttpRequest built = request.build();
        try {
            try {
                return http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException closedMeanwhile) {
                // a kept-alive connection the server had closed: every request here is idempotent, so once more
                return http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            }
        } catch (IOException e) {
            throw new CalDavException("cannot reach " + account.collection().getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalDavException("interrupted");
        }
    }

    private static byte[] read(HttpResponse<InputStream> response) throws CalDavException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new CalDavException("the server's answer is larger than 16 MB");
            }
            return bytes;
        } catch (IOException e) {
            throw new CalDavException("the server's answer broke off: " + e.getMessage());
        }
    }

    private static CalDavException refused(String what, int status) {
        String why = switch (status) {
            case 401 -> "the user name or app password is wrong";
            case 403 -> "the user may not use this calendar";
            case 404 -> "there is no calendar at this address";
            case 301, 302, 303, 307, 308 -> "the address redirects elsewhere: enter the calendar's own address";
            default -> "the server answered " + status;
        };
        return new CalDavException(what + " refused (" + status + "): " + why);
    }

    /** The text of every {@code calendar-data} element of a multistatus answer. */
    static List<String> calendarData(byte[] xml) throws CalDavException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(xml));
            NodeList data = document.getElementsByTagNameNS("urn:ietf:params:xml:ns:caldav", "calendar-data");
            List<String> calendars = new ArrayList<>(data.getLength());
            for (int i = 0; i < data.getLength(); i++) {
                String text = data.item(i).getTextContent();
                if (text != null && !text.isBlank()) {
                    calendars.add(text);
                }
            }
            return calendars;
        } catch (Exception e) {
            throw new CalDavException("the server's answer is not a CalDAV multistatus: " + e.getMessage());
        }
    }
}
