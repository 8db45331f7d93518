package dev.jackal.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Package metadata ({@code metadata:}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Metadata(
        String name,
        String description,
        String version,
        String url,
        String image,
        Boolean uncompressed,
        String architecture,
        Boolean yolo,
        String authors,
        String documentation,
        String source,
        String vendor,
        String aggregateChecksum,
        Map<String, String> annotations) {

    public Metadata {
        annotations = Values.map(annotations, "annotations");
    }

    /** This metadata for the target architecture {@code value}. */
    public Metadata withArchitecture(String value) {
        return new Metadata(
                name,
                description,
                version,
                url,
                image,
                uncompressed,
                value,
                yolo,
                authors,
                documentation,
                source,
                vendor,
                aggregateChecksum,
                annotations);
    }

    /** This metadata with the version {@code value}. */
    public Metadata withVersion(String value) {
        return new Metadata(
                name,
                description,
                value,
                url,
                image,
                uncompressed,
                architecture,
                yolo,
                authors,
                documentation,
                source,
                vendor,
                aggregateChecksum,
                annotations);
    }

    /** This metadata with the aggregate checksum {@code value}. */
    public Metadata withAggregateChecksum(String value) {
        return new Metadata(
                name,
                description,
                version,
                url,
                image,
                uncompressed,
                architecture,
                yolo,
                authors,
                documentation,
                source,
                vendor,
                value,
                annotations);
    }
}
