package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One line per fault test in target/faults.tsv: what was offered, answered, delivered, sent twice and lost.
 * {@code bench/faults.sh} runs the fault tests and prints the file as a table.
 */
public final class FaultReport {

    private FaultReport() {
    }

    public static void record(String fault, int offered, int answered, int delivered, int duplicates, int lost) {
        Path file = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().getParent().resolve("faults.tsv");
        String line = String.join("\t", fault, Integer.toString(offered), Integer.toString(answered),
                Integer.toString(delivered), Integer.toString(duplicates), Integer.toString(lost)) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
