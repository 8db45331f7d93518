package dev.jackal.cluster.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mutation kind against golden files: {@code src/test/resources/agent/<endpoint>/<case>/} holds the
 * {@code request.json} sent to {@code /mutate/<endpoint>}, the expected {@code response.json} (with the base64
 * {@code patch} shown decoded, as a JSON array) and, when the object changes, the {@code object.json} that the
 * patch yields when applied by a strict RFC 6902 applier. Run with {@code -Dagent.golden.write=true} to rewrite the
 * expected files after a deliberate change, then review the diff.
 */
class AdmissionGoldenTest {

    private static final Path ROOT = Path.of("src/test/resources/agent");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean WRITE = Boolean.getBoolean("agent.golden.write");

    static AgentState state() throws IOException {
        return AgentState.read(ROOT.resolve("state.json"));
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> list = files.filter(p -> p.getFileName().toString().equals("request.json"))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
            return list.stream();
        }
    }

    private static Mutation mutationOf(Path caseDir) {
        String path = "/mutate/" + caseDir.getParent().getFileName();
        Mutation mutation = Mutations.byPath().get(path);
        assertTrue(mutation != null, "no endpoint " + path);
        return mutation;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerMatchesTheGoldenFiles(Path caseDir) throws IOException {
        JsonNode request = JSON.readTree(caseDir.resolve("request.json").toFile());
        AgentState state = state();
        AdmissionReviews.Answer answer = AdmissionReviews.answer(request, mutationOf(caseDir), () -> state);
        ObjectNode readable = answer.review().deepCopy();
        JsonNode patch = decodedPatch(answer.review());
        if (patch != null) {
            ((ObjectNode) readable.get("response")).set("patch", patch);
        }
        golden(caseDir.resolve("response.json"), readable);
        Path objectFile = caseDir.resolve("object.json");
        if (patch != null) {
            JsonNode patched = Rfc6902.apply(request.path("request").path("object"), patch);
            golden(objectFile, patched);
        } else {
            assertFalse(Files.exists(objectFile), "no patch, so no " + objectFile);
        }
    }

    /** Sending the patched object again (as an UPDATE) changes nothing: the agent never rewrites twice. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPatchedObjectIsLeftAsItIs(Path caseDir) throws IOException {
        ObjectNode request =
                (ObjectNode) JSON.readTree(caseDir.resolve("request.json").toFile());
        AgentState state = state();
        Mutation mutation = mutationOf(caseDir);
        JsonNode patch = decodedPatch(
                AdmissionReviews.answer(request, mutation, () -> state).review());
        if (patch == null) {
            return;
        }
        ObjectNode again = request.deepCopy();
        JsonNode patched = Rfc6902.apply(request.path("request").path("object"), patch);
        ((ObjectNode) again.get("request")).set("object", patched);
        ((ObjectNode) again.get("request")).put("operation", "UPDATE");
        AdmissionReviews.Answer second = AdmissionReviews.answer(again, mutation, () -> state);
        assertTrue(second.allowed(), second.message());
        JsonNode secondPatch = decodedPatch(second.review());
        JsonNode twice = secondPatch == null ? patched : Rfc6902.apply(patched, secondPatch);
        assertEquals(patched, twice, "a second pass changes the object: " + secondPatch);
    }

    static JsonNode decodedPatch(JsonNode review) throws IOException {
        JsonNode response = review.path("response");
        if (!response.has("patch")) {
            return null;
        }
        assertEquals("JSONPatch", response.path("patchType").asText());
        return JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    }

    private static void golden(Path file, JsonNode actual) throws IOException {
        String text = JSON.writeValueAsString(actual) + "\n";
        if (WRITE) {
            Files.writeString(file, text);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing; run with -Dagent.golden.write=true and review it");
        String expected = Files.readString(file);
        assertEquals(JSON.readTree(expected), actual, () -> file + " differs; actual:\n" + text);
    }
}
