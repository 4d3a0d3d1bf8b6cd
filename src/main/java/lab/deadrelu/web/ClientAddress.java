package lab.deadrelu.web;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address a request comes from, as the per-address limits count it. It is the socket's remote
 * address; only with TRUST_PROXY=true (the lab behind a reverse proxy that sets X-Forwarded-For) it is
 * the last entry of X-Forwarded-For, the hop our proxy added: earlier entries are whatever the client
 * sent. An IPv6 address counts as its /64, since one machine may use any address of its /64.
 */
public final class ClientAddress {
    private static final String ATTRIBUTE = "lab.client.address";

    private ClientAddress() {}

    public static String of(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) return known;
        String address = null;
        if (ctx.appData(App.SITE).config().clients().trustProxy()) address = lastHop(ctx.req().getHeaders("X-Forwarded-For"));
        if (address == null) address = ctx.req().getRemoteAddr();
        address = counted(address);
        ctx.attribute(ATTRIBUTE, address);
        return address;
    }

    /** The last entry of X-Forwarded-For (over all its header lines), or null when there is none that is an IP address. */
    static String lastHop(java.util.Enumeration<String> headers) {
        String last = null;
        while (headers != null && headers.hasMoreElements()) {
            String line = headers.nextElement();
            List<String> hops = Arrays.asList(line.split(","));
            for (String hop : hops) if (!hop.isBlank()) last = hop.trim();
        }
        return last != null && isIpLiteral(last) ? last : null;
    }

    /** An IP literal (never a host name: looking one up would send a DNS query for any header a client makes up). */
    static boolean isIpLiteral(String s) {
        return s.length() <= 64 && (s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.matches("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?"));
    }

    /** IPv4 as is; IPv6 as its /64 ("2001:db8:1:2::/64"); anything unparsable as sent. */
    static String counted(String address) {
        if (address == null) return "unknown";
        if (!address.contains(":") || !isIpLiteral(address)) return address;
        try {
            // In brackets an invalid literal is an error, never a host name to look up.
            InetAddress parsed = InetAddress.getByName("[" + address.replace("[", "").replace("]", "") + "]");
            if (!(parsed instanceof Inet6Address)) return parsed.getHostAddress();
            byte[] bytes = parsed.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            return prefix + ":/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
