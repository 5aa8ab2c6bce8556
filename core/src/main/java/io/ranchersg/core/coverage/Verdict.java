package io.ranchersg.core.coverage;

import io.ranchersg.core.PortRange;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.List;

/**
 * How far a group's rules meet one requirement: {@linkplain Covered wholly}, {@linkplain Partly in
 * part} (some ports missing) or {@linkplain NotCovered not at all}. Equality is value equality.
 */
public sealed interface Verdict permits Verdict.Covered, Verdict.Partly, Verdict.NotCovered {

    /** {@return the rules that allow what is covered, in {@link Rules#ORDER}; empty when nothing is} */
    List<Rule> by();

    /**
     * {@return whether a {@code self} or group requirement is met by CIDR blocks holding the VPC's,
     * which holds only while the nodes live in that VPC}
     */
    boolean assumesNodesInVpc();

    /** {@return {@code covered}, {@code partly} or {@code not_covered}, for JSON} */
    String jsonName();

    /**
     * Every port and every address of the requirement is allowed.
     *
     * @param by                the rules that allow it, together
     * @param assumesNodesInVpc whether that holds only while the nodes live in the VPC
     */
    record Covered(List<Rule> by, boolean assumesNodesInVpc) implements Verdict {
        /** Sorts the rules. */
        public Covered {
            by = Rules.sorted(by);
        }

        @Override
        public String jsonName() {
            return "covered";
        }
    }

    /**
     * Some ports are allowed, others are not.
     *
     * @param by                the rules that allow the covered ports
     * @param missing           the ports no rule allows, ascending and apart
     * @param assumesNodesInVpc whether the covered part holds only while the nodes live in the VPC
     */
    record Partly(List<Rule> by, List<PortRange> missing, boolean assumesNodesInVpc) implements Verdict {
        /** Sorts the rules; refuses a partial verdict with nothing missing. */
        public Partly {
            by = Rules.sorted(by);
            missing = List.copyOf(missing);
            if (missing.isEmpty()) {
                throw new IllegalArgumentException("a partly covered requirement misses some ports, got none");
            }
        }

        @Override
        public String jsonName() {
            return "partly";
        }
    }

    /** No rule allows the requirement, or none allows it from (to) its peer. */
    record NotCovered() implements Verdict {
        @Override
        public List<Rule> by() {
            return List.of();
        }

        @Override
        public boolean assumesNodesInVpc() {
            return false;
        }

        @Override
        public String jsonName() {
            return "not_covered";
        }
    }
}
