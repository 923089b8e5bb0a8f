package io.blog.common.kv;

public class KeyValueStoreException extends RuntimeException {

    public KeyValueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
