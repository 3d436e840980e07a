package org.chorusedi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 27, item 5: nodes sharing the drop directories take different files. Each file is exactly one live node's,
 * the files spread evenly over the nodes whatever the partners, a node that leaves hands over its own files only,
 * and a node that does not see itself live takes every file (its claims still decide).
 */
class DropSharesTest {

    private static final List<String> FILES = files(3, 3000);

    @Test
    void eachFileIsExactlyOneLiveNodesAndTheFilesSpreadEvenly() {
        List<String> nodes = List.of("node-a", "node-b", "node-c");
        List<DropShares> shares = nodes.stream().map(DropShares::new).toList();
        shares.forEach(s -> s.liveNodes(nodes));
        Map<String, Integer> taken = new HashMap<>();
        for (String file : FILES) {
            String[] parts = file.split("/");
            List<String> takers = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (shares.get(i).takes(parts[0], parts[1])) {
                    takers.add(nodes.get(i));
                }
            }
            assertEquals(1, takers.size(), () -> file + " taken by " + takers);
            taken.merge(takers.get(0), 1, Integer::sum);
        }
        // 3,000 files over 3 nodes: about 1,000 each (a binomial's spread is about 26).
        taken.values().forEach(n -> assertTrue(n > 850 && n < 1150, () -> "files per node: " + taken));
    }

    @Test
    void aNodeThatLeavesHandsOverItsOwnFilesOnly() {
        List<String> three = List.of("node-a", "node-b", "node-c");
        List<String> two = List.of("node-a", "node-c");
        for (String file : FILES) {
            String[] parts = file.split("/");
            String before = DropShares.owner(parts[0], parts[1], three);
            String after = DropShares.owner(parts[0], parts[1], two);
            if (!before.equals("node-b")) {
                assertEquals(before, after, () -> file + " changed hands though its node stayed");
            }
        }
    }

    @Test
    void aNodeThatDoesNotSeeItselfLiveTakesEveryFile() {
        DropShares unread = new DropShares("node-a");
        DropShares passed = new DropShares("node-a");
        passed.liveNodes(List.of("node-b", "node-c"));
        for (String file : FILES) {
            String[] parts = file.split("/");
            assertTrue(unread.takes(parts[0], parts[1]), "before its first renewal");
            assertTrue(passed.takes(parts[0], parts[1]), "its lease passed");
        }
    }

    @Test
    void aSingleLiveNodeTakesEveryFile() {
        DropShares alone = new DropShares("node-a");
        alone.liveNodes(List.of("node-a"));
        assertTrue(FILES.stream().allMatch(f -> alone.takes(f.split("/")[0], f.split("/")[1])));
    }

    /** Names as partners drop them: a few partners, numbered files. */
    private static List<String> files(int partners, int count) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(String.format("AAA%03d/invoice-%06d.xml", i % partners + 1, i));
        }
        return files;
    }
}
