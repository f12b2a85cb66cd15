package dev.callsheet.contacts;

/**
 * An e-mail address as entered and what Callsheet derives from it (see {@link Emails#normalize(String)}).
 *
 * @param raw the text as entered, trimmed; never {@code null} ({@code ""} for no input)
 * @param address the address alone, lower-case ({@link java.util.Locale#ROOT}), its domain in ASCII (punycode) form:
 *        {@code "info@xn--80aa3agjl3d.xn--p1ai"}; the local part is otherwise kept as written (no removal of dots or
 *        {@code +tags}). {@code null} when the text holds no syntactically possible address
 * @param domain the full domain of {@code address} in ASCII form ({@code "mail.acme.co.uk"}), or {@code null}
 * @param corporateDomain the registrable domain of {@code domain} ({@code "acme.co.uk"}) when it is not a public
 *        mailbox provider; {@code null} for {@code gmail.com}, {@code mail.ru}… and for invalid addresses. This is the
 *        domain of docs/domain.md §4, step 5
 * @param valid whether {@code address} is well-formed and its domain lies under a known public suffix ({@code .no},
 *        {@code .co.uk}, {@code .рф}); {@code "ana@acme.local"} has an address but is not valid
 */
public record NormalizedEmail(String raw, String address, String domain, String corporateDomain, boolean valid) {

    public NormalizedEmail {
        raw = raw == null ? "" : raw;
    }
}
