package dev.callsheet.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping, with a cheap first test. A path with a variable in it ({@code /api/v1/projects/{id}/next})
 * cannot be found by a direct look-up, so Spring checks the request against every one of the ~300 mappings: the
 * method, then the headers, then the pattern. In the call-queue benchmark that was 18 % of the application's CPU.
 * Here a mapping is first asked whether the request's path starts with the literal part of one of its patterns (the
 * text before the segment holding the first variable or wildcard), a string comparison. Only the mappings that
 * pass get Spring's full match, so which handler answers, and the 404s, 405s and 415s, are what Spring decides.
 *
 * <p>The path tested is Spring's own look-up path, without matrix variables ({@code ;…}), which patterns do not
 * match either. A path with an escape ({@code %}) skips the first test: Spring matches those decoded, segment by
 * segment.
 */
class PrefixCheckedHandlerMapping extends RequestMappingHandlerMapping {

    private static final String[] ANY = new String[0];

    /**
     * The path being looked up, for the {@link #getMatchingMapping} calls of one {@link #lookupHandlerMethod}: read
     * once a request, not once a mapping (a request attribute look-up each time cost more than the test it fed).
     */
    private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

    /**
     * Each registered mapping's prefixes, by identity: Spring passes the very instances it registered, and
     * {@code RequestMappingInfo}'s own hash and equality walk all its conditions. Built once the handlers are
     * registered, read-only after; a mapping registered later is worked out when asked.
     */
    private volatile Map<RequestMappingInfo, String[]> prefixes = Map.of();

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        Map<RequestMappingInfo, String[]> built = new IdentityHashMap<>();
        for (RequestMappingInfo info : handlerMethods.keySet()) {
            built.put(info, literalPrefixes(info));
        }
        prefixes = built;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        // A path with an escape is matched decoded, segment by segment: no first test for it.
        LOOKUP_PATH.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_PATH.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = LOOKUP_PATH.get();
        if (path != null && !startsWithAny(path, prefixes(info))) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private String[] prefixes(RequestMappingInfo info) {
        String[] known = prefixes.get(info);
        return known != null ? known : literalPrefixes(info);
    }

    private static boolean startsWithAny(String path, String[] literals) {
        if (literals == ANY) {
            return true;
        }
        for (String literal : literals) {
            if (path.startsWith(literal)) {
                return true;
            }
        }
        return false;
    }

    /** The literal start of each pattern, up to and including the last '/' before anything not literal; ANY when unsure. */
    static String[] literalPrefixes(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null) {
            return ANY;
        }
        Set<PathPattern> patterns = condition.getPatterns();
        if (patterns.isEmpty()) {
            return ANY;
        }
        String[] literals = new String[patterns.size()];
        int i = 0;
        for (PathPattern pattern : patterns) {
            String text = pattern.getPatternString();
            if (text.isEmpty() || text.charAt(0) != '/') {
                return ANY;
            }
            literals[i++] = literalPrefix(text);
        }
        return literals;
    }

    static String literalPrefix(String pattern) {
        int special = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == '\\') {
                special = i;
                break;
            }
        }
        if (special == pattern.length()) {
            return pattern;
        }
        return pattern.substring(0, pattern.lastIndexOf('/', special) + 1);
    }
}
