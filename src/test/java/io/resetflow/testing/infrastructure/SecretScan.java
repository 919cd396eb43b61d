package io.resetflow.testing.infrastructure;

import io.resetflow.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a person with read access to the database or to the server's files could see, as text: every
 * column of every row of every table, and every byte of every file under the given directories. Tests search
 * it for links and secrets.
 */
public final class SecretScan {

    private SecretScan() {
    }

    /** Every value of every table of this database, one line per row. */
    public static String database(TestDatabase database) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SHOW TABLES")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM `" + table + "`")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        dump.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            byte[] value = r.getBytes(i);
                            dump.append(' ').append(value == null ? "NULL" : new String(value, StandardCharsets.ISO_8859_1));
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** The names of the files under this directory whose bytes contain the text (ASCII). */
    public static List<String> filesContaining(Path directory, String text) {
        byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // a file the server removed meanwhile
        }
    }
}
