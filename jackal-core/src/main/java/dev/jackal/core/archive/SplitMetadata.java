package dev.jackal.core.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code .part000} of a split package (spec §2.8): sha256 of the whole archive, its size, and the
 * number of data parts. Written with lower-camel keys; read with keys in any case ({@code Sha256Sum}).
 */
@JsonPropertyOrder({"sha256Sum", "bytes", "count"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record SplitMetadata(
        @JsonProperty("sha256Sum") String sha256Sum,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("count") int count) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Compact JSON, keys in the fixed order {@code sha256Sum}, {@code bytes}, {@code count}. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("a record of a string and two numbers always serialises", e);
        }
    }

    /** Reads a {@code .part000} file. */
    public static SplitMetadata read(Path part000) throws SplitArchiveException {
        SplitMetadata metadata;
        try {
            metadata = MAPPER.readValue(part000.toFile(), SplitMetadata.class);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new SplitArchiveException(part000, "not valid split metadata: " + detail);
        }
        if (metadata == null || metadata.sha256Sum() == null || metadata.count() < 1 || metadata.bytes() < 0) {
            throw new SplitArchiveException(part000, "split metadata needs sha256Sum, bytes and a count of at least 1");
        }
        return metadata;
    }
}
