package io.resetflow.testing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The image test's base comes from the mirror this machine's apt uses, whichever way its sources are written. */
class PodmanTest {

    @Test
    void theMirrorOfDeb822SourcesIsTheFirstThatIsNotForSecurityUpdates() {
        assertThat(Podman.mirrorIn(List.of(
                "Types: deb",
                "URIs: http://mirror.example.test/debian-security",
                "Suites: bookworm-security",
                "",
                "Types: deb",
                "URIs: http://mirror.example.test/debian",
                "Suites: bookworm bookworm-updates",
                "Components: main"))).contains("http://mirror.example.test/debian");
    }

    @Test
    void theMirrorOfOneLineSourcesSkipsOptionsAndSourcePackages() {
        assertThat(Podman.mirrorIn(List.of(
                "# deb http://commented.example.test/debian bookworm main",
                "deb-src http://sources.example.test/debian bookworm main",
                "deb [arch=amd64 signed-by=/usr/share/keyrings/debian.gpg] http://mirror.example.test/debian bookworm main contrib")))
                .contains("http://mirror.example.test/debian");
    }

    @Test
    void noMirrorIsNoMirror() {
        assertThat(Podman.mirrorIn(List.of("Types: deb", "Suites: bookworm"))).isEmpty();
    }
}
