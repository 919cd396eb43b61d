package io.resetflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes every failure that ends on the 500 page to the server log, with its stack trace, the request's method and
 * path: the visitor reads a calm page without detail, so the log is the only place an operator learns what
 * happened. The container itself logs a failure thrown by a filter without its cause, and one that Faces turns into
 * an error page not at all. The query string stays out (a mailed link's token is in it). Mapped in web.xml to the
 * 500 page's error dispatch.
 */
public class ServerErrorLog extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ServerErrorLog.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String what = "Answered " + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) + " to " + request.getMethod()
                + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failure instanceof Throwable cause) {
            LOG.log(Level.SEVERE, what, cause);
        } else {
            LOG.severe(what);
        }
        chain.doFilter(request, response);
    }
}
