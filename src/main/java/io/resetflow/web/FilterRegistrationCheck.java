package io.resetflow.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Checks the protective filters' registrations as the application starts ({@link FilterProtection}). Declared in
 * web.xml, because the Servlet specification lets only a declared listener read the filter registrations.
 */
public class FilterRegistrationCheck implements ServletContextListener {

    @Inject
    FilterProtection protection;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        protection.checkRegistrations(event.getServletContext());
    }
}
