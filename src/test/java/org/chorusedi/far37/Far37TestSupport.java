package org.chorusedi.far37;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a {@link Far37Fixture} of its own under a temporary root, opened before each test and closed after. */
abstract class Far37TestSupport {

    @TempDir
    Path root;

    Far37Fixture fixture;

    @BeforeEach
    void openFixture() {
        fixture = new Far37Fixture(root);
    }

    @AfterEach
    void closeFixture() {
        fixture.close();
    }
}
