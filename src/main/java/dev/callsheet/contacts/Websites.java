package dev.callsheet.contacts;

import java.util.Optional;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;

/**
 * Website addresses for the duplicate check (docs/domain.md §4, step 6): {@code "https://www.shop.acme.co.uk/contact"},
 * {@code "acme.co.uk"} and {@code "WWW.ACME.CO.UK"} are all the website {@code "acme.co.uk"}.
 *
 * <p>The registrable domain is the one a company registers: one label under a public suffix from the Public Suffix
 * List, including its private part, so {@code "acme.myshopify.com"} and {@code "acme.blogspot.com"} stay apart. Pages
 * on shared platforms do not: {@code "facebook.com/acme"} and {@code "blog.naver.com/acme"} give {@code "facebook.com"}
 * and {@code "naver.com"}, which the caller should not use to match companies.
 *
 * <p>Thread-safe and stateless; never throws on bad input.
 */
public final class Websites {

    private static final IDNA IDN = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private Websites() {
    }

    /**
     * The registrable domain of a website as typed, lower-case ASCII (punycode for internationalised names):
     * {@code "https://www.shop.acme.co.uk/contact"} → {@code "acme.co.uk"}, {@code "https://ромашка.рф"} →
     * {@code "xn--80aa3agjl3d.xn--p1ai"}. Any scheme, user info, port, path, query and fragment are ignored; when
     * the text holds several addresses the first is taken; an e-mail address gives its domain's. Empty for text that
     * is not a web address: words, IP addresses, {@code "localhost"}, a bare public suffix ({@code "co.uk"}).
     */
    public static Optional<String> registrableDomain(String raw) {
        String host = host(raw);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder ascii = new StringBuilder(host.length() + 16);
        IDNA.Info info = new IDNA.Info();
        IDN.nameToASCII(host, ascii, info);
        String name = ascii.toString();
        if (info.hasErrors() || name.indexOf('.') < 0 || !InternetDomainName.isValid(name)) {
            return Optional.empty();
        }
        InternetDomainName domain = InternetDomainName.from(name);
        return domain.isUnderPublicSuffix() ? Optional.of(domain.topPrivateDomain().toString()) : Optional.empty();
    }

    /** The host part of the first address in the text, or "". */
    private static String host(String raw) {
        if (raw == null) {
            return "";
        }
        int start = 0;
        int length = raw.length();
        while (start < length && !isHostChar(raw.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < length && !endsAddress(raw.charAt(end))) {
            end++;
        }
        String address = raw.substring(start, end);
        address = withoutScheme(address);
        int path = indexOfAny(address, "/?#\\");
        String authority = path < 0 ? address : address.substring(0, path);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int port = authority.indexOf(':');
        String host = port < 0 ? authority : authority.substring(0, port);
        int dots = host.length();
        while (dots > 0 && host.charAt(dots - 1) == '.') {
            dots--;
        }
        return host.substring(0, dots);
    }

    /** Drops {@code "https://"}, {@code "http:/"}, {@code "https//"}, {@code "mailto:"} and the like. */
    private static String withoutScheme(String address) {
        int i = 0;
        while (i < address.length() && isAsciiLetter(address.charAt(i))) {
            i++;
        }
        if (i == 0 || i == address.length()) {
            return address;
        }
        boolean colon = address.charAt(i) == ':';
        int j = colon ? i + 1 : i;
        while (j < address.length() && address.charAt(j) == '/') {
            j++;
        }
        boolean typoScheme = !colon && j - i == 2 && address.regionMatches(true, 0, "http", 0, 4) && i <= 5;
        return colon || typoScheme ? address.substring(j) : address;
    }

    private static boolean isHostChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Whitespace and list separators end an address; so do quotes and brackets around it. */
    private static boolean endsAddress(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || ",;<>()[]{}\"'«»“”|".indexOf(c) >= 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
