package io.blog.common.json;

import jakarta.json.bind.adapter.JsonbAdapter;

import java.time.Instant;

public class InstantAdapter implements JsonbAdapter<Instant, String> {

    @Override
    public String adaptToJson(Instant instant) {
        return Timestamps.format(instant);
    }

    @Override
    public Instant adaptFromJson(String text) {
        return Timestamps.parse(text);
    }
}
