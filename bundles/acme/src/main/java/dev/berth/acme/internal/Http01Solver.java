package dev.berth.acme.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Answers http-01 with Berth's responder, which serves each token only until the solver is closed. */
final class Http01Solver implements ChallengeSolver {

    private final Http01Responder responder;
    private final boolean ownsResponder;
    private final List<String> tokens = new ArrayList<>();

    /**
     * @param responder the responder
     * @param ownsResponder whether closing the solver closes the responder too
     */
    Http01Solver(Http01Responder responder, boolean ownsResponder) {
        this.responder = responder;
        this.ownsResponder = ownsResponder;
    }

    @Override
    public String type() {
        return "http-01";
    }

    @Override
    public void prepare(String identifier, String token, String keyAuthorization) {
        tokens.add(token);
        responder.add(token, keyAuthorization);
    }

    @Override
    public void awaitReady(Instant deadline) {
        // served as soon as added
    }

    @Override
    public void close() {
        tokens.forEach(responder::remove);
        tokens.clear();
        if (ownsResponder) {
            responder.close();
        }
    }
}
