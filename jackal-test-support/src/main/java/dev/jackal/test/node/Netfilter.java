package dev.jackal.test.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.Exec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's traces in netfilter: the chains kubelet adds itself ({@code kube-proxy --cleanup} leaves them), and
 * the tables iptables-nft creates on first use, removed when they were not there before and hold nothing.
 * Problems are added to the list given.
 */
final class Netfilter {

    /** The chains kubelet itself adds. */
    private static final List<String> KUBELET_CHAINS =
            List.of("KUBE-FIREWALL", "KUBE-KUBELET-CANARY", "KUBE-IPTABLES-HINT");
    /** The tables iptables-nft creates on first use. */
    private static final List<String> IPTABLES_TABLES = List.of("filter", "nat", "mangle", "raw", "security");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeTools tools;
    private final List<String> problems;

    Netfilter(NodeTools tools, List<String> problems) {
        this.tools = tools;
        this.problems = problems;
    }

    void removeKubeletChains(Path save, Path iptables) {
        String rules = Exec.run(List.of(save.toString())).stdout();
        String table = "filter";
        List<List<String>> deletions = new ArrayList<>();
        List<List<String>> chains = new ArrayList<>();
        for (String line : rules.lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
            }
            for (String chain : KUBELET_CHAINS) {
                if (line.startsWith("-A ") && line.contains("-j " + chain) && !line.startsWith("-A " + chain + " ")) {
                    List<String> rule = new ArrayList<>(List.of(iptables.toString(), "-t", table, "-D"));
                    rule.addAll(words(line.substring(3)));
                    deletions.add(rule);
                }
                if (line.startsWith(":" + chain + " ")) {
                    chains.add(List.of(iptables.toString(), "-t", table, "-F", chain));
                    chains.add(List.of(iptables.toString(), "-t", table, "-X", chain));
                }
            }
        }
        deletions.forEach(Exec::run);
        for (List<String> command : chains) {
            if (Exec.run(command).exitCode() != 0) {
                problems.add("'" + String.join(" ", command) + "' failed");
            }
        }
    }

    /** The nftables tables, as {@code "ip filter"}. */
    static List<String> tables(NodeTools tools) {
        return Exec.run(List.of(tools.nft().toString(), "list", "tables"))
                .requireSuccess()
                .stdout()
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("table "))
                .map(l -> l.substring("table ".length()))
                .toList();
    }

    /** iptables' tables that appeared with the node and hold nothing but empty accepting base chains. */
    void removeCreatedTables(List<String> before) {
        for (String table : tables(tools)) {
            String[] familyAndName = table.split(" ");
            if (before.contains(table)
                    || familyAndName.length != 2
                    || !List.of("ip", "ip6").contains(familyAndName[0])
                    || !IPTABLES_TABLES.contains(familyAndName[1])) {
                continue;
            }
            String nft = tools.nft().toString();
            Exec.Result listed = Exec.run(List.of(nft, "-j", "list", "table", familyAndName[0], familyAndName[1]));
            if (listed.exitCode() == 0 && emptyTable(listed.stdout())) {
                if (Exec.run(List.of(nft, "delete", "table", familyAndName[0], familyAndName[1]))
                                .exitCode()
                        != 0) {
                    problems.add("cannot delete nftables table " + table);
                }
            }
        }
    }

    /** No rule, no set, and only base chains that accept. */
    static boolean emptyTable(String nftJson) {
        try {
            for (JsonNode item : JSON.readTree(nftJson).path("nftables")) {
                if (item.has("metainfo") || item.has("table")) {
                    continue;
                }
                JsonNode chain = item.get("chain");
                if (chain == null
                        || !chain.has("hook")
                        || !"accept".equals(chain.path("policy").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The words of an {@code iptables-save} rule; a double-quoted comment is one word. */
    static List<String> words(String rule) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '\\' && quoted && i + 1 < rule.length()) {
                word.append(rule.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
