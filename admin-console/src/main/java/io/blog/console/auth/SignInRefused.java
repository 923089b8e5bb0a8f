package io.blog.console.auth;

/** A sign-in or refresh the platform refused; the message is for the operator. */
public class SignInRefused extends Exception {

    public SignInRefused(String message) {
        super(message);
    }
}
