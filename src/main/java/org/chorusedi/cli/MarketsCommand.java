package org.chorusedi.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.framework.Framework;
import org.chorusedi.market.Market;
import org.chorusedi.market.MarketParty;
import org.chorusedi.market.Markets;
import org.chorusedi.market.MoaWarning;
import org.chorusedi.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "markets", mixinStandardHelpOptions = true,
        description = {"List the market registry: each market with its parties, their frameworks and validators, and its"
            + " legal commitments; a warning when the directory does not mark its MOA as one.",
            "Exit status: 0, or 1 when the market asked for is not in the registry."})
final class MarketsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "NUMBER", arity = "0..1", description = "Only this market.")
    String number;

    @Override
    public Integer call() {
        try (Database database = config.openDatabase()) {
            Markets markets = new Markets(database.dataSource());
            DirectoryStore directory = new DirectoryStore(database.dataSource());
            List<Market> listed = number == null ? markets.markets() : markets.market(number).stream().toList();
            PrintStream out = System.out;
            if (number != null && listed.isEmpty()) {
                out.println("no market " + Printable.of(number) + " in the registry");
                return 1;
            }
            out.printf("%-20s %s%n", "MARKET", "NAME");
            for (Market market : listed) {
                out.printf("%-20s %s%n", Printable.of(market.number()),
                        market.name() == null ? "(no name)" : Printable.of(market.name()));
                MoaWarning.of(market, directory).ifPresent(warning -> out.println("  warning: " + warning));
                market.parties().forEach(party -> out.println(party(party)));
                out.printf("  %-14s %s%n", "engagements", market.engagements().isEmpty() ? "(none: any)"
                        : Printable.of(market.engagements().stream().sorted().collect(Collectors.joining(" "))));
            }
            out.println(listed.size() + " market(s)");
            return 0;
        }
    }

    private static String party(MarketParty party) {
        StringBuilder line = new StringBuilder(String.format("  %-14s %s", party.role(), Printable.of(party.identifier())));
        if (party.serviceCode() != null) {
            line.append("  service ").append(Printable.of(party.serviceCode()));
        }
        if (party.validatorId() != null) {
            line.append("  validator ").append(Printable.of(party.validatorId()));
            if (party.validatorService() != null) {
                line.append(" / ").append(Printable.of(party.validatorService()));
            }
        }
        return line.append("  frameworks ")
                .append(party.frameworks().stream().map(Framework::name).collect(Collectors.joining(" "))).toString();
    }
}
