package dev.callsheet.contacts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;

/**
 * E-mail addresses for the duplicate check (docs/domain.md §4, steps 4 and 5): the address itself, and the corporate domain
 * that ties colleagues at one client together — unless the domain is a public mailbox provider such as
 * {@code gmail.com} or {@code mail.ru}.
 *
 * <p>Takes the address out of what people paste: {@code "Ana Pop <ana@x.ro>"}, {@code "mailto:a@b.no"},
 * {@code "<a@b.no>"}, {@code "a@b.no;"}, {@code "E-post: a@b.no (kontor)"}. When a cell holds several addresses the
 * first one is taken. Internationalised domains are converted to ASCII (UTS #46), so {@code "Info@Ромашка.РФ"} and
 * {@code "info@xn--80aa3agjl3d.xn--p1ai"} are the same address.
 *
 * <p>Thread-safe and stateless; never throws on bad input.
 */
public final class Emails {

    private static final Set<String> PUBLIC_PROVIDERS = load("/contacts/public-mail-providers.txt");

    private static final Predicate<String> BUILT_IN = PUBLIC_PROVIDERS::contains;

    /** Immutable and thread-safe. STD3 rules reject what a host name cannot hold (spaces, underscores, "!"). */
    private static final IDNA IDN = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private static final int MAX_LOCAL_PART = 64;

    private static final int MAX_DOMAIN = 253;

    private Emails() {
    }

    /**
     * The built-in public mailbox providers (registrable domains in ASCII, lower-case), read from the resource
     * {@code contacts/public-mail-providers.txt}. Unmodifiable.
     */
    public static Set<String> publicProviders() {
        return PUBLIC_PROVIDERS;
    }

    /** Normalises with the built-in list of public mailbox providers. */
    public static NormalizedEmail normalize(String raw) {
        return normalize(raw, BUILT_IN);
    }

    /**
     * Normalises with a caller-supplied test for public mailbox providers, for a workspace that extends the list
     * (e.g. {@code Emails.publicProviders()::contains} or'ed with its own set).
     *
     * @param isPublicProvider asked with the address's registrable domain ({@code "hotmail.co.uk"}) and with its full
     *        domain ({@code "mx.hotmail.co.uk"}), both ASCII lower-case; a provider if either answer is true.
     *        {@code null} means the built-in list
     */
    public static NormalizedEmail normalize(String raw, Predicate<String> isPublicProvider) {
        String text = RawText.trim(raw);
        int at = addressAt(text);
        if (at < 0) {
            return new NormalizedEmail(text, null, null, null, false);
        }
        String local = localPart(text, at);
        String domain = asciiDomain(domainPart(text, at));
        if (local == null || domain == null) {
            return new NormalizedEmail(text, null, null, null, false);
        }
        String address = local.toLowerCase(Locale.ROOT) + '@' + domain;
        InternetDomainName name = InternetDomainName.from(domain);
        if (!name.isUnderPublicSuffix()) {
            return new NormalizedEmail(text, address, domain, null, false);
        }
        String registrable = name.topPrivateDomain().toString();
        Predicate<String> isPublic = isPublicProvider == null ? BUILT_IN : isPublicProvider;
        boolean publicProvider = isPublic.test(registrable) || !domain.equals(registrable) && isPublic.test(domain);
        return new NormalizedEmail(text, address, domain, publicProvider ? null : registrable, true);
    }

    /**
     * Where the address's {@code @} is: the one inside {@code <…>} if there is such a part (a display name may itself
     * look like an address), else the first one; -1 for none.
     */
    private static int addressAt(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return -1;
        }
        int open = text.indexOf('<');
        while (open >= 0) {
            int close = text.indexOf('>', open);
            if (close < 0) {
                break;
            }
            int inside = text.indexOf('@', open);
            if (inside > open && inside < close) {
                return inside;
            }
            open = text.indexOf('<', close);
        }
        return at;
    }

    /**
     * The local part before {@code at}: back to the nearest character that cannot stand unquoted in one (space,
     * {@code ,;:<>()[]"} and quotation marks), so that {@code "mailto:"} and display names fall away. {@code null} when
     * it breaks the dot-atom rules (empty, too long, leading, trailing or double dots).
     */
    private static String localPart(String text, int at) {
        int start = at;
        while (start > 0 && !endsLocalPart(text.charAt(start - 1))) {
            start--;
        }
        String local = text.substring(start, at);
        if (local.isEmpty() || local.length() > MAX_LOCAL_PART || local.charAt(0) == '.'
                || local.charAt(local.length() - 1) == '.' || local.contains("..")) {
            return null;
        }
        return local;
    }

    private static boolean endsLocalPart(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || ",;:<>()[]\"\\@«»“”„".indexOf(c) >= 0;
    }

    /** The domain after {@code at}: letters, digits, hyphens and dots (any script's full stops); trailing dots go. */
    private static String domainPart(String text, int at) {
        int end = at + 1;
        while (end < text.length() && isDomainChar(text.charAt(end))) {
            end++;
        }
        while (end > at + 1 && isDot(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(at + 1, end);
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || isDot(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isDot(char c) {
        return c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
    }

    /** The domain in lower-case ASCII (punycode) form, or {@code null} when it is not a host name with a dot. */
    private static String asciiDomain(String domain) {
        if (domain.isEmpty()) {
            return null;
        }
        StringBuilder ascii = new StringBuilder(domain.length() + 16);
        IDNA.Info info = new IDNA.Info();
        IDN.nameToASCII(domain, ascii, info);
        if (info.hasErrors() || ascii.length() > MAX_DOMAIN || ascii.indexOf(".") < 0) {
            return null;
        }
        String name = ascii.toString();
        return InternetDomainName.isValid(name) ? name : null;
    }

    private static Set<String> load(String resource) {
        Set<String> domains = new LinkedHashSet<>();
        try (InputStream in = Emails.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String domain = (comment < 0 ? line : line.substring(0, comment)).strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty()) {
                    domains.add(domain);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return Set.copyOf(domains);
    }
}
