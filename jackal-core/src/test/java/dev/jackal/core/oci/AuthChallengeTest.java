package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesABearerChallengeWithQuotedCommas() {
        AuthChallenge challenge = AuthChallenge.parse(
                        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                                + "scope=\"repository:group/app:pull,push\"")
                .orElseThrow();
        assertTrue(challenge.isBearer());
        assertEquals(
                Map.of(
                        "realm", "https://auth.example/token",
                        "service", "registry.example",
                        "scope", "repository:group/app:pull,push"),
                challenge.parameters());
    }

    @Test
    void parsesBasicAndUnquotedValuesAndEscapes() {
        AuthChallenge basic =
                AuthChallenge.parse("Basic realm=\"jackal-registry\"").orElseThrow();
        assertTrue(basic.isBasic());
        assertEquals(Optional.of("jackal-registry"), basic.parameter("realm"));

        AuthChallenge odd = AuthChallenge.parse("BEARER Realm=https://a.example/t , error=\"say \\\"no\\\"\"")
                .orElseThrow();
        assertTrue(odd.isBearer());
        assertEquals(Optional.of("https://a.example/t"), odd.parameter("realm"));
        assertEquals(Optional.of("say \"no\""), odd.parameter("error"));
    }

    @Test
    void prefersBearerAmongSeveralHeaders() {
        AuthChallenge chosen = AuthChallenge.select(
                        List.of("Basic realm=\"x\"", "Bearer realm=\"https://auth.example/token\""))
                .orElseThrow();
        assertTrue(chosen.isBearer());
        assertEquals(Optional.empty(), AuthChallenge.select(List.of()));
        assertEquals(Optional.empty(), AuthChallenge.parse("  "));
    }

    @Test
    void buildsTheTokenRequest() {
        AuthChallenge challenge = AuthChallenge.parse(
                        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                                + "scope=\"repository:group/app:pull\"")
                .orElseThrow();
        assertEquals(
                "https://auth.example/token?service=registry.example&scope=repository%3Agroup%2Fapp%3Apull%2Cpush"
                        + "&scope=repository%3Agroup%2Fapp%3Apull",
                challenge.tokenUri("repository:group/app:pull,push").toString());
        assertEquals(
                "https://auth.example/token?service=registry.example&scope=repository%3Aother%3Apull",
                challenge.withoutScope().tokenUri("repository:other:pull").toString());
        assertEquals(
                "https://auth.example/token?service=registry.example&scope=repository%3Agroup%2Fapp%3Apull",
                challenge.tokenUri("repository:group/app:pull").toString(), "the same scope is asked for once");
    }

    @Test
    void keepsAQueryInTheRealm() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.example/token?x=1\"")
                .orElseThrow();
        assertEquals(
                "https://auth.example/token?x=1&scope=repository%3Aa%3Apull",
                challenge.tokenUri("repository:a:pull").toString());
    }
}
