package io.resetflow.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages and mails are written in (the bundles {@code messages_xx}), the cookie that keeps a
 * person's choice, and which language a request gets. The one list of them: the pages' language is decided here
 * ({@link LanguageViewHandler}), not by a list in faces-config.xml.
 */
public final class Languages {

    /** English first: the default when nothing the browser asks for is supported. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"));

    /** The cookie with the language chosen from the switcher, and the request parameter that chooses it. */
    public static final String COOKIE = "lang";
    public static final String PARAMETER = "lang";

    private Languages() {
    }

    /** The supported language with this tag ({@code de}), if any. */
    public static Optional<Locale> supported(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag)).findFirst();
    }

    /**
     * The language of the pages for this request: the one chosen from the switcher (its cookie) if there is one,
     * otherwise the first of the browser's languages ({@code Accept-Language}, best first) that is supported,
     * otherwise English.
     */
    public static Locale forRequest(HttpServletRequest request) {
        return choose(chosen(request), Collections.list(request.getLocales()));
    }

    /**
     * The same choice made from the raw header values, for a request the container could not parse into an
     * {@link HttpServletRequest}. Either value may be missing or malformed.
     */
    public static Locale forHeaders(String cookieHeader, String acceptLanguage) {
        return choose(chosen(cookieHeader), asked(acceptLanguage));
    }

    private static Locale choose(Optional<Locale> chosen, List<Locale> asked) {
        return chosen.or(() -> asked.stream().map(l -> supported(l.getLanguage())).flatMap(Optional::stream).findFirst())
                .orElse(Locale.ENGLISH);
    }

    /** The language the {@code lang} cookie in a raw {@code Cookie} header chose, if it is supported. */
    private static Optional<Locale> chosen(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String cookie : cookieHeader.split(";")) {
            int equals = cookie.indexOf('=');
            if (equals > 0 && cookie.substring(0, equals).strip().equals(COOKIE)) {
                return supported(cookie.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The languages of a raw {@code Accept-Language} header, best first, without those it refuses (q=0). */
    private static List<Locale> asked(String acceptLanguage) {
        if (acceptLanguage == null) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream().filter(range -> range.getWeight() > 0)
                    .map(range -> Locale.forLanguageTag(range.getRange())).toList();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    /** The language this request's cookie chose, if it is supported. */
    public static Optional<Locale> chosen(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return supported(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
