package dev.callsheet.web.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Who the client is. Tomcat's {@link RemoteIpValve} (switched on by {@code server.forward-headers-strategy=native})
 * takes the client's address and scheme from {@code X-Forwarded-For} and {@code X-Forwarded-Proto}, but only when
 * the TCP peer is one of {@code callsheet.http.trusted-proxies} (addresses or CIDR blocks); from anyone else the
 * headers are ignored and the peer is the client. So {@code request.getRemoteAddr()} is the client everywhere: in
 * the sign-in throttle, the public form's limits and the logs. Boot's own default would trust every private
 * network address; this replaces it with the setting, which trusts nobody when empty.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final String proxies;

    TrustedProxies(@Value("${callsheet.http.trusted-proxies:}") String proxies) {
        this.proxies = cidrs(proxies);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        RemoteIpValve valve = null;
        for (Valve candidate : factory.getEngineValves()) {
            if (candidate instanceof RemoteIpValve remoteIp) {
                valve = remoteIp;
            }
        }
        if (valve == null) {
            if (proxies.isEmpty()) {
                return;
            }
            valve = new RemoteIpValve();
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            factory.addEngineValves(valve);
        }
        // Tomcat reads a value with a slash as CIDR blocks; an empty one matches nobody.
        valve.setInternalProxies(proxies);
        valve.setTrustedProxies(null);
    }

    /** Runs after Boot's customizer, which adds the valve with its own defaults. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * The setting as Tomcat's CIDR list: {@code 10.0.0.5, 192.168.0.0/16, ::1} →
     * {@code 10.0.0.5/32,192.168.0.0/16,::1/128}. A host name or a malformed entry stops the start with its name.
     */
    static String cidrs(String setting) {
        List<String> blocks = new ArrayList<>();
        for (String entry : setting == null ? new String[0] : setting.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
            if (!address.matches("[0-9A-Fa-f.:]+") || !(address.contains(".") || address.contains(":"))) {
                throw new IllegalArgumentException("callsheet.http.trusted-proxies: '" + entry
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
            String block = entry.contains("/") ? entry : entry + (address.contains(":") ? "/128" : "/32");
            try {
                new NetMask(block);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("callsheet.http.trusted-proxies: '" + entry + "' is not valid: "
                        + e.getMessage(), e);
            }
            blocks.add(block);
        }
        return String.join(",", blocks);
    }
}
