package io.resetflow.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/** The switcher's entries: every supported language under its own name (Deutsch, Français, …). */
@Named
@ApplicationScoped
public class LanguageSwitcher {

    /** One entry: the language tag and the language's name for itself. */
    public record Choice(String tag, String name) {

        // Bean-style names: Expression Language 5 does not read record components.
        public String getTag() {
            return tag;
        }

        public String getName() {
            return name;
        }
    }

    private final List<Choice> choices = Languages.SUPPORTED.stream()
            .map(l -> new Choice(l.getLanguage(), capitalized(l.getDisplayLanguage(l), l)))
            .toList();

    public List<Choice> getChoices() {
        return choices;
    }

    private static String capitalized(String name, Locale locale) {
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
