package io.chartbrief.interop.smart;

/**
 * No access token could be had from the SMART authorization server: a key or setting that is wrong, a discovery
 * document or token endpoint that is down or refused the client. The message names the cause, never a secret.
 */
public final class SmartAuthException extends Exception {

    public SmartAuthException(String message) {
        super(message);
    }
}
