package dev.jackal.injector.bootstrap;

import java.util.List;

/**
 * The outcome of {@link CandidateImages#select}: the candidates, best first, and for every node that offered none
 * the reason, so "no node can run the injector" can say why.
 */
public record CandidateSelection(List<Candidate> candidates, List<String> rejectedNodes) {

    public CandidateSelection {
        candidates = List.copyOf(candidates);
        rejectedNodes = List.copyOf(rejectedNodes);
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }
}
