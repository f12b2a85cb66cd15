/**
 * Shared web layer: security configuration, the page layout and navigation, error pages and
 * RFC 9457 problems, the six languages and locale-aware formatting. Depends on no business
 * module; they depend on it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.callsheet.web;
