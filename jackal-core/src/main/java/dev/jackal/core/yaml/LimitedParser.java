package dev.jackal.core.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Checks each token of a YAML parser against {@link YamlLimits}: every way of advancing goes through
 * {@link #nextToken()}, so nothing reaches the binder unchecked.
 */
final class LimitedParser extends JsonParserDelegate {

    private final YamlLimits limits;
    private int depth;

    LimitedParser(JsonParser parser, YamlLimits limits) {
        super(parser);
        this.limits = limits;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == null) {
            return null;
        }
        if (!limits.aliases() && delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw YamlLimitException.at(
                    this,
                    "YAML aliases are not supported here: '*" + yaml.getText()
                            + "' stands for a value anchored elsewhere; write the value out in full");
        }
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (++depth > limits.maxDepth()) {
                    throw YamlLimitException.at(
                            this, "nested deeper than " + limits.maxDepth() + " levels of mappings and lists");
                }
            }
            case END_OBJECT, END_ARRAY -> depth--;
            case VALUE_STRING -> check(token, limits.maxScalarChars());
            case FIELD_NAME -> check(token, limits.maxKeyChars());
            default -> {
                // numbers, booleans and nulls are short by construction
            }
        }
        return token;
    }

    private void check(JsonToken token, int max) throws IOException {
        int length = delegate.getTextLength();
        if (length > max) {
            throw YamlLimitException.at(
                    this,
                    (token == JsonToken.FIELD_NAME ? "a key" : "a value") + " of " + length
                            + " characters is longer than the limit of " + YamlLimitException.size(max));
        }
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(delegate.currentName());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? delegate.getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = delegate.currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }
}
