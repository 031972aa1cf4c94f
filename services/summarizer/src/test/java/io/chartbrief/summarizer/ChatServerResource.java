package io.chartbrief.summarizer;

import io.chartbrief.summary.remote.ChatCompletionsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A model server for the remote engine: the chat-completions test server of the summary-engine test-jar (real HTTP
 * on a free port; answers a summary that verifies against the prompt), steered by the test over HTTP
 * ({@code /control/…}) since test resources live in another class loader.
 */
public class ChatServerResource implements QuarkusTestResourceLifecycleManager {

    private ChatCompletionsServer server;

    @Override
    public Map<String, String> start() {
        server = new ChatCompletionsServer();
        return Map.of("chartbrief.summarizer.remote.base-url", server.baseUrl().toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
