package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.web.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML version of a mail: the text's own words, laid out by the template, styles inline, nothing remote. */
class MailTemplatesTest {

    private static final String LINK = "https://reset.example.org/reset-password?token=abc_DEF-123";

    @Test
    void aResetMailBecomesAStyledPageWithItsLinkAsAButtonAndNothingRemote() {
        OutgoingMail mail = OutgoingMail.fromBundle(Messages.bundle(Locale.ENGLISH), "ana@example.org", Locale.ENGLISH, "mail.reset_link", "Ana <b>", LINK, 30L);

        String made = templates(Optional.empty()).html(mail);
        Document html = Jsoup.parse(made);

        assertThat(made).as("the template's notes stay out of the mail").doesNotContain("<!--");
        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(html.select("style")).as("styles moved inline").isEmpty();
        assertThat(html.selectFirst("h1").text()).isEqualTo("Set a new password");
        assertThat(html.selectFirst("h1").attr("style")).contains("font-size: 22px");
        Element button = html.selectFirst("a.button");
        assertThat(button.attr("href")).isEqualTo(LINK);
        assertThat(button.attr("style")).contains("background-color: #1f5fbf");
        assertThat(html.text()).contains("Hello Ana <b>,").contains("expires in 30 minutes")
                .contains("If you did not ask for this, ignore this mail");
        assertThat(html.select("b")).as("what a person typed stays text").isEmpty();
        assertThat(html.select("img, script, link, iframe, object")).isEmpty();
        assertThat(html.select("[src]")).isEmpty();
        assertThat(html.select("a[href]").eachAttr("href")).containsExactly(LINK);
    }

    @Test
    void theLinkButtonSaysAFixedPhraseAndTheAddressStandsOnceAsTextBelowIt() {
        for (Locale language : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
            OutgoingMail mail = OutgoingMail.fromBundle(Messages.bundle(language), "ana@example.org", language, "mail.reset_link", "Ana", LINK, 30L);

            Document html = Jsoup.parse(templates(Optional.empty()).html(mail));

            Element button = html.selectFirst("a.button");
            assertThat(button.text()).as("the button's text").isEqualTo(mail.subject()).doesNotContain("http");
            Element below = html.selectFirst("p.action + p");
            assertThat(below.text()).isEqualTo(LINK);
            assertThat(below.select("a")).as("the address below is plain text").isEmpty();
            assertThat(html.text().split(java.util.regex.Pattern.quote(LINK), -1)).as("the address stands once").hasSize(2);
        }
    }

    @Test
    void aGermanMailIsAGermanPage() {
        OutgoingMail mail = OutgoingMail.fromBundle(Messages.bundle(Locale.GERMAN), "greta@example.org", Locale.GERMAN, "mail.reset_link", "Greta", LINK, 1L);

        Document html = Jsoup.parse(templates(Optional.empty()).html(mail));

        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(html.text()).contains("Hallo Greta,").contains("läuft in einer Minute ab").contains("ignorieren Sie diese E-Mail");
    }

    @Test
    void anOperatorsTemplateInTheTemplateDirectoryReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mail.html"), """
                <html xmlns:th="http://www.thymeleaf.org"><head><style>.house { color: #123456; }</style></head>
                <body><p class="house" th:text="${subject}">subject</p></body></html>""");
        OutgoingMail mail = new OutgoingMail("ana@example.org", "Your password was changed", "Hello Ana,\n\nIt was changed.");

        Document html = Jsoup.parse(templates(Optional.of(dir.toString())).html(mail));

        assertThat(html.selectFirst("p.house").text()).isEqualTo("Your password was changed");
        assertThat(html.selectFirst("p.house").attr("style")).isEqualTo("color: #123456;");
    }

    @Test
    void paragraphsFollowBlankLinesAndOnlyABareAddressIsALink() {
        assertThat(MailTemplates.paragraphs("Hello,\n\nline one\nline two\n\n  " + LINK + "  \n\nsee " + LINK + " here\n"))
                .containsExactly(
                        new MailTemplates.Paragraph(java.util.List.of("Hello,"), false),
                        new MailTemplates.Paragraph(java.util.List.of("line one", "line two"), false),
                        new MailTemplates.Paragraph(java.util.List.of(LINK), true),
                        new MailTemplates.Paragraph(java.util.List.of("see " + LINK + " here"), false));
    }

    @Test
    void theProductsNameIsOnTopAndTheSupportAddressAtTheFootOfTextAndHtmlInTheMailsLanguage() {
        MailTemplates templates = templates(Optional.empty());
        templates.branding = branding("Example Shop", Optional.of("help@shop.example"));
        OutgoingMail mail = OutgoingMail.fromBundle(Messages.bundle(Locale.GERMAN), "ana@example.org", Locale.GERMAN, "mail.reset_link", "Ana", LINK, 30L);

        Document html = Jsoup.parse(templates.html(mail));

        assertThat(html.selectFirst(".brand").text()).isEqualTo("Example Shop");
        assertThat(html.select(".footer").eachText()).contains("Fragen? Schreiben Sie an help@shop.example.");
        assertThat(templates.text(mail)).startsWith(mail.body().stripTrailing()).endsWith("\n\nFragen? Schreiben Sie an help@shop.example.\n");
    }

    @Test
    void withoutASupportAddressTheTextIsTheBodyAndTheHtmlHasNoSupportLine() {
        MailTemplates templates = templates(Optional.empty());
        OutgoingMail mail = OutgoingMail.fromBundle(Messages.bundle(Locale.ENGLISH), "ana@example.org", Locale.ENGLISH, "mail.reset_link", "Ana", LINK, 30L);

        assertThat(templates.text(mail)).isEqualTo(mail.body());
        assertThat(Jsoup.parse(templates.html(mail)).select(".footer").eachText()).containsExactly("Set a new password");
        assertThat(Jsoup.parse(templates.html(mail)).selectFirst(".brand").text()).isEqualTo("ResetFlow");
    }

    private static MailBranding branding(String productName, Optional<String> supportAddress) {
        return new MailBranding() {
            @Override
            public String productName() {
                return productName;
            }

            @Override
            public Optional<String> supportLine(Locale locale) {
                return supportAddress.map(address -> Messages.bundle(locale).getString("label.support").replace("{0}", address));
            }
        };
    }

    private static MailTemplates templates(Optional<String> dir) {
        MailTemplates templates = new MailTemplates();
        templates.templateDir = dir;
        templates.branding = branding("ResetFlow", Optional.empty());
        templates.init();
        return templates;
    }
}
