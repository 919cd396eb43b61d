package io.resetflow.mail;

/**
 * The database did not take a request, so nothing was kept and nothing will be sent: the page asks the person
 * to try again in a moment, in the same words whatever address was typed.
 */
public class RequestNotRecordedException extends RuntimeException {

    public RequestNotRecordedException(Throwable cause) {
        super("The request could not be recorded", cause);
    }
}
