package org.hemowatch.ingest.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads '|'-separated test-vector files: '#' comment lines and blank lines are skipped. */
final class Vectors {
    /** Shared with the C reference check; tests run with the project root as working directory. */
    static final Path FIRMWARE = Path.of("firmware-protocols", "vectors");
    static final Path RESOURCES = Path.of("src", "test", "resources", "serial");

    private Vectors() {
    }

    static List<String[]> read(Path file) {
        try {
            List<String[]> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|", -1))
                    .collect(Collectors.toList());
            if (rows.isEmpty()) {
                throw new IllegalStateException("no cases in " + file.toAbsolutePath());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vectors " + file.toAbsolutePath(), e);
        }
    }

    /** Decodes \r, \n, \\ and \xHH. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + n + " in " + s);
            }
        }
        return out.toByteArray();
    }

    /** "F:text;E:rule" -> list; empty string -> empty list. */
    static List<String> outcomes(String expected) {
        return expected.isEmpty() ? List.of() : List.of(expected.split(";", -1));
    }

    static String describe(FrameEvent e) {
        return e instanceof Frame f ? "F:" + f.text() : "E:" + ((FrameEvent.Dropped) e).rejection().rule();
    }
}
