package dev.callsheet.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** The client's address behind a proxy: forwarded headers count only from a configured proxy. */
class TrustedProxiesTests {

    private static RemoteIpValve valve(String setting, boolean bootAddedOne) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        if (bootAddedOne) {
            factory.addEngineValves(new RemoteIpValve()); // as Boot adds it, trusting private networks by default
        }
        new TrustedProxies(setting).customize(factory);
        return factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast).findFirst().orElse(null);
    }

    /** The address the application sees for a request from {@code peer} carrying {@code forwardedFor}. */
    private static String client(RemoteIpValve valve, String peer, String forwardedFor) throws Exception {
        Request request = new Request(new Connector(), new org.apache.coyote.Request());
        request.setRemoteAddr(peer);
        request.setRemoteHost(peer);
        if (forwardedFor != null) {
            request.getCoyoteRequest().getMimeHeaders().addValue("X-Forwarded-For").setString(forwardedFor);
        }
        AtomicReference<String> seen = new AtomicReference<>();
        valve.setNext(new ValveBase() {
            @Override
            public void invoke(Request r, Response response) {
                seen.set(r.getRemoteAddr());
            }
        });
        valve.invoke(request, new Response(new org.apache.coyote.Response()));
        return seen.get();
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClient() throws Exception {
        RemoteIpValve valve = valve("127.0.0.1, 10.1.0.0/16", true);

        assertThat(client(valve, "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(client(valve, "10.1.2.3", "198.51.100.9")).isEqualTo("198.51.100.9");
        // a chain through two of our proxies: the first address not ours is the client
        assertThat(client(valve, "10.1.2.3", "203.0.113.7, 10.1.9.9")).isEqualTo("203.0.113.7");
        // whatever the client wrote before reaching our proxy is not believed
        assertThat(client(valve, "127.0.0.1", "1.2.3.4, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(client(valve, "127.0.0.1", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() throws Exception {
        RemoteIpValve valve = valve("127.0.0.1", true);

        assertThat(client(valve, "198.51.100.20", "203.0.113.7")).isEqualTo("198.51.100.20");
        // Boot's default would trust any private address; the setting replaces it
        assertThat(client(valve, "10.0.0.8", "203.0.113.7")).isEqualTo("10.0.0.8");
        assertThat(client(valve, "192.168.1.1", "203.0.113.7")).isEqualTo("192.168.1.1");
    }

    @Test
    void withNoProxiesConfiguredNobodyIsTrusted() throws Exception {
        RemoteIpValve valve = valve("", true);

        assertThat(client(valve, "127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
        assertThat(client(valve, "10.0.0.8", "203.0.113.7")).isEqualTo("10.0.0.8");
        assertThat(valve("", false)).as("no valve is added when nothing is trusted").isNull();
        assertThat(client(valve("::1", false), "0:0:0:0:0:0:0:1", "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void theSettingIsReadAsAddressesAndCidrBlocks() {
        assertThat(TrustedProxies.cidrs(" 10.0.0.5, 192.168.0.0/16 ::1 ")).isEqualTo("10.0.0.5/32,192.168.0.0/16,::1/128");
        assertThat(TrustedProxies.cidrs(null)).isEmpty();
        assertThatThrownBy(() -> TrustedProxies.cidrs("proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.cidrs("10.0.0.0/40")).hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> TrustedProxies.cidrs(".*")).hasMessageContaining(".*");
    }
}
