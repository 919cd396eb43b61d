package io.resetflow.mail;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Makes the HTML version of a mail from its text: the Thymeleaf template {@code mail.html} lays out the text's
 * paragraphs (a paragraph that is a link becomes a button). Its style sheet is moved into style attributes
 * once, when the template is read at start. The template is {@code mail.html} in {@code mail.template-dir}
 * (MAIL_TEMPLATE_DIR) if an operator put one there (a copy of the built-in one,
 * {@code WEB-INF/classes/mail-templates/mail.html}, to change), otherwise the built-in one.
 */
@ApplicationScoped
public class MailTemplates {

    static final String TEMPLATE = "mail.html";
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)\\}");

    @Inject
    @ConfigProperty(name = "mail.template-dir")
    Optional<String> templateDir;

    @Inject
    MailBranding branding;

    private TemplateEngine engine;
    private String template;

    /**
     * Reads the template once, the operator's if there is one, and moves its style sheet into style attributes
     * then, so that making a mail is only filling it in.
     */
    @PostConstruct
    void init() {
        template = inlineStyles(source());
        engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    private String source() {
        try {
            if (templateDir.filter(dir -> !dir.isBlank()).isPresent()) {
                Path own = Path.of(templateDir.get(), TEMPLATE);
                if (Files.isRegularFile(own)) {
                    return Files.readString(own, StandardCharsets.UTF_8);
                }
            }
            try (InputStream builtIn = MailTemplates.class.getClassLoader().getResourceAsStream("mail-templates/" + TEMPLATE)) {
                return new String(builtIn.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mail template " + TEMPLATE, e);
        }
    }

    /** The text of this mail as it is sent: its body, and where to write for help when an address is configured. */
    public String text(OutgoingMail mail) {
        return branding.supportLine(mail.locale()).map(line -> mail.body().stripTrailing() + "\n\n" + line + "\n").orElse(mail.body());
    }

    /** The HTML version of this mail, its styles inline: the product's name on top, the text, the support line. */
    public String html(OutgoingMail mail) {
        Context context = new Context(mail.locale(), Map.of(
                "lang", mail.locale().toLanguageTag(),
                "product", branding.productName(),
                "subject", mail.subject(),
                "paragraphs", paragraphs(mail.body()),
                "support", branding.supportLine(mail.locale()).orElse("")));
        return engine.process(template, context);
    }

    /** A block of the text between blank lines; a link when it is nothing but an http(s) address. */
    public record Paragraph(List<String> lines, boolean link) {

        // Bean-style names for the template's expressions.
        public List<String> getLines() {
            return lines;
        }

        public boolean isLink() {
            return link;
        }

        public String getText() {
            return String.join(" ", lines);
        }
    }

    static List<Paragraph> paragraphs(String body) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String block : body.strip().split("\\R\\s*\\R")) {
            List<String> lines = Arrays.stream(block.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (!lines.isEmpty()) {
                boolean link = lines.size() == 1 && lines.get(0).matches("https?://\\S+");
                paragraphs.add(new Paragraph(lines, link));
            }
        }
        return paragraphs;
    }

    /**
     * Moves every rule of the document's style sheets into the style attribute of the elements it selects (a
     * rule written later wins, and an element's own style attribute wins over all), then removes the sheets.
     * Template attributes (th:*) and comments pass through untouched.
     */
    static String inlineStyles(String html) {
        Document document = Jsoup.parse(html);
        Map<Element, StringBuilder> styles = new java.util.LinkedHashMap<>();
        for (Element sheet : document.select("style")) {
            Matcher rule = RULE.matcher(sheet.data());
            while (rule.find()) {
                String declarations = rule.group(2).strip();
                for (String selector : rule.group(1).split(",")) {
                    for (Element element : document.select(selector.strip())) {
                        StringBuilder style = styles.computeIfAbsent(element, e -> new StringBuilder());
                        style.append(declarations.endsWith(";") ? declarations : declarations + ";").append(' ');
                    }
                }
            }
            sheet.remove();
        }
        styles.forEach((element, style) -> element.attr("style", (style + element.attr("style")).strip()));
        document.outputSettings().prettyPrint(false);
        return document.outerHtml();
    }
}
