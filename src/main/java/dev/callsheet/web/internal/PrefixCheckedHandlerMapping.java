package dev.callsheet.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping, with a cheap first test. A path with a variable in it ({@code /api/v1/projects/{id}/next})
 * cannot be found by a direct look-up, so Spring checks the request against every one of the ~300 mappings: the
 * method, then the headers, then the pattern. In the call-queue benchmark that was 18 % of the application's CPU.
 * Here a mapping is first asked whether the request's path starts with the literal part of one of its patterns (the
 * text before the segment holding the first variable or wildcard), a string comparison. Only the mappings that
 * pass get Spring's full match, so which handler answers, and the 404s, 405s and 415s, are what Spring decides.
 *
 * <p>A path with an escape ({@code %}) or a matrix variable ({@code ;}) skips the first test: Spring matches those
 * decoded, segment by segment.
 */
class PrefixCheckedHandlerMapping extends RequestMappingHandlerMapping {

    private static final String[] ANY = new String[0];

    private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            String path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
            if (path.indexOf('%') < 0 && path.indexOf(';') < 0 && !startsWithAny(path, prefixes(info))) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    private String[] prefixes(RequestMappingInfo info) {
        return prefixes.computeIfAbsent(info, PrefixCheckedHandlerMapping::literalPrefixes);
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
