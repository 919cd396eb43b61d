package io.resetflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and the pages in docs/ stay small enough to read and hold no dead relative link: every link to a file
 * of the project finds the file, and every link to a heading (#anchor, as the code host writes anchors) finds the
 * heading.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final int README_MAX_LINES = 220;

    @Test
    void theReadmeIsShort() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
        assertThat(deadLinks(pages())).as("dead links").isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsFound(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other\n\n## Its part\n");
        Path page = dir.resolve("page.md");
        Files.writeString(page, "[fine](other.md) [fine too](other.md#its-part) [here](#a-heading) [web](https://example.org/x)\n"
                + "[gone](missing.md) [no heading](other.md#nothing-here)\n\n## A heading\n");

        assertThat(deadLinks(List.of(page))).hasSize(2).anyMatch(d -> d.contains("missing.md"))
                .anyMatch(d -> d.contains("other.md#nothing-here"));
    }

    /** Every relative link of these pages whose file or heading does not exist. */
    static List<String> deadLinks(List<Path> pages) throws IOException {
        List<String> dead = new ArrayList<>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    dead.add(page + ": " + target + " (no file " + resolved + ")");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    dead.add(page + ": " + target + " (no heading of that name in " + resolved + ")");
                }
            }
        }
        return dead;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchors the code host makes of a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        if (!page.toString().endsWith(".md")) {
            return Set.of();
        }
        return HEADING.matcher(Files.readString(page)).results()
                .map(heading -> heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
