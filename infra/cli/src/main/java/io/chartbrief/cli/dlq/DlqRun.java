package io.chartbrief.cli.dlq;

import picocli.CommandLine.Model.CommandSpec;

/** The exit status convention of {@code chartbrief dlq}: one line on stderr, 1 failure, 2 usage, 3 unreachable. */
final class DlqRun {

    interface Work {
        int run(DeadLetterQueue queue) throws BrokerUnreachableException;
    }

    private DlqRun() {
    }

    static int run(CommandSpec spec, DlqCommand.Broker broker, Work work) {
        try (DeadLetterQueue queue = broker.open()) {
            queue.checkReachable();
            return work.run(queue);
        } catch (BrokerUnreachableException e) {
            spec.commandLine().getOut().flush();
            return say(spec, e.getMessage(), 3);
        } catch (IllegalArgumentException e) {
            return usage(spec, e.getMessage());
        } catch (IllegalStateException e) {
            return fail(spec, e.getMessage());
        } catch (RuntimeException e) {
            return fail(spec, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static int usage(CommandSpec spec, String message) {
        return say(spec, message, 2);
    }

    static int fail(CommandSpec spec, String message) {
        return say(spec, message, 1);
    }

    private static int say(CommandSpec spec, String message, int status) {
        spec.commandLine().getErr().println(spec.qualifiedName().replaceFirst("^chartbrief ", "") + ": " + firstLine(message));
        spec.commandLine().getErr().flush();
        return status;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "failed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
