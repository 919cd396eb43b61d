package io.resetflow.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie, when the product is served over https (an https {@code app.base-url}): {@code Secure},
 * so a browser never sends it over plain http, and named with the {@code __Host-} prefix, so a browser
 * only accepts it from this very host over https, for the whole site: no sibling subdomain and no plain-http
 * page can plant or overwrite it. Always {@code SameSite=Lax}, so the cookie does not ride on another site's post:
 * set here, the standard way (Servlet 6), and in glassfish-web.xml for Payara. HttpOnly comes from web.xml.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    static final String SECURE_NAME = "__Host-JSESSIONID";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().getSessionCookieConfig().setAttribute("SameSite", "Lax");
        if (SecurityHeaders.isHttps(ConfigProvider.getConfig().getValue("app.base-url", String.class))) {
            SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
            cookie.setSecure(true);
            // The prefix requires Path=/; an application below the root keeps the plain name for its own path.
            if (event.getServletContext().getContextPath().isEmpty()) {
                cookie.setName(SECURE_NAME);
                cookie.setPath("/");
            }
        }
    }
}
