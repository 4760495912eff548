package dev.berth.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs host commands (docker, ip, ...) and returns what they printed. */
public final class Commands {

    /** A finished command. */
    public record Result(int exit, String out, String err) {

        /**
         * Returns the output, failing when the command failed.
         *
         * @return standard output, trimmed
         */
        public String ok() {
            if (exit != 0) {
                throw new AssertionError("command failed (" + exit + "): " + err + out);
            }
            return out.trim();
        }
    }

    private Commands() {
    }

    /**
     * Runs a command to completion.
     *
     * @param command the command and arguments
     * @return its result
     */
    public static Result run(String... command) {
        return run(List.of(command), 180);
    }

    /**
     * Runs a command to completion within a time limit.
     *
     * @param command the command and arguments
     * @param timeoutSeconds the limit
     * @return its result
     */
    public static Result run(List<String> command, long timeoutSeconds) {
        return run(command, java.util.Map.of(), timeoutSeconds);
    }

    /**
     * Runs a command with extra environment variables to completion within a time limit.
     *
     * @param command the command and arguments
     * @param env variables added to the environment
     * @param timeoutSeconds the limit
     * @return its result
     */
    public static Result run(List<String> command, java.util.Map<String, String> env, long timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process p = builder.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
