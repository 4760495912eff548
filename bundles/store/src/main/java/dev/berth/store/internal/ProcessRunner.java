package dev.berth.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion and returns what it printed. */
final class ProcessRunner {

    private ProcessRunner() {
    }

    /**
     * Runs a command with a clean environment.
     *
     * @param command the command and its arguments
     * @param environment the whole environment of the command
     * @param timeoutSeconds how long the command may take
     * @return its standard output and error, merged
     * @throws IOException when it cannot start, times out or exits with a non-zero status
     */
    static String run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException {
        return run(command, environment, timeoutSeconds, "");
    }

    /**
     * Runs a command with a clean environment and the given standard input.
     *
     * @param command the command and its arguments
     * @param environment the whole environment of the command
     * @param timeoutSeconds how long the command may take
     * @param input what the command reads on its standard input (small)
     * @return its standard output and error, merged
     * @throws IOException when it cannot start, times out or exits with a non-zero status
     */
    static String run(List<String> command, Map<String, String> environment, long timeoutSeconds, String input)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        try {
            // The output is small; reading it fully before waiting cannot dead-lock on a full pipe.
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " exited with status " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
