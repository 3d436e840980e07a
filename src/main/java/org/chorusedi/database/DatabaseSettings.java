package org.chorusedi.database;

import org.chorusedi.config.Configuration;
import org.chorusedi.config.Folders;

/**
 * The engine's database ({@code chorus.db.*}).
 *
 * @param url the JDBC URL to use: the configured one, or the embedded H2 database under the root
 */
public record DatabaseSettings(String url, String user, String password) {

    /**
     * H2 is told to write every commit at once (WRITE_DELAY=0): by default it waits half a second, and a commit of
     * the ledger lost to a crash would publish a flow twice. H2's background writer does not run then: {@link
     * H2Upkeep} does its compaction. AUTO_SERVER lets the commands that read the ledger (flows, invoice, validate
     * --root) open it while an engine runs: the first process to open the file serves it to the others
     * (docs/operators/commands.md, "The commands beside a running engine").
     */
    public static DatabaseSettings read(Configuration c) {
        String url = c.text("chorus.db.url");
        if (url.isBlank()) {
            url = "jdbc:h2:file:" + new Folders(c.path("chorus.root")).database().resolve("chorus-edi")
                    + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        }
        return new DatabaseSettings(url, c.text("chorus.db.user"), c.text("chorus.db.password"));
    }

    public Database open() {
        return Database.open(url, user, password);
    }
}
