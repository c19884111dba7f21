package org.hemowatch.console;

import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.TestClock;

/** The service of the console tests: one blood bank refrigerator, {@code fridge-1}, holding red cells. */
final class ConsoleService {

    private ConsoleService() {
    }

    /**
     * The extension (register it after the {@link Browser}) on {@code clock}; {@code fridgeKeys} are more keys of the
     * fridge's profile ({@code ", excursionDelay: PT2M"}), {@code moreYaml} more top-level sections.
     */
    static HemowatchExtension withFridge(TestClock clock, String fridgeKeys, String moreYaml) {
        return ServiceBuilder.service().clock(clock).config("""
                coldChain:
                  devices:
                    - {id: fridge-1, name: "Blood bank fridge 1", kind: refrigerator, holds: [RBC]%s}
                """.formatted(fridgeKeys) + moreYaml).extension();
    }

    /** A par level of O- red cells at site main. */
    static String parLevel(int minimum, int ideal) {
        return """
                supply:
                  parLevels:
                    - {site: main, component: RBC, group: "O-", minimum: %d, ideal: %d}
                """.formatted(minimum, ideal);
    }
}
