package dev.callsheet.web.internal;

import dev.callsheet.web.SupportedLocales;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Sign-in, the start page, and the sections whose modules are still to come: each says what
 * will be there, so a newcomer sees the whole shape of the product from day one.
 */
@Controller
class PageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/{section:calendar}")
    @PreAuthorize("@sections.allowed(#section, authentication)")
    String section(@PathVariable String section, Model model) {
        model.addAttribute("section", section);
        return "section";
    }

}
