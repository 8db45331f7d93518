package dev.jackal.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.core.event.EventHandler;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateLineTest {

    final DeployTemplater templater = new DeployTemplater(
            Map.of(
                    "###JACKAL_VAR_CODE###", new TemplateValue("a {{ b }} \"c\"", false, false, false),
                    "###JACKAL_VAR_PLAIN###", new TemplateValue("plain", false, false, false)),
            EventHandler.NONE);

    @Test
    void valuesThatLookLikeTemplateCodeBecomeStringActionsOutsideActions() {
        assertEquals("v: {{ \"a {{ b }} \\\"c\\\"\" }}", templater.goTemplateLine("v: ###JACKAL_VAR_CODE###"));
        assertEquals("v: plain", templater.goTemplateLine("v: ###JACKAL_VAR_PLAIN###"));
    }

    @Test
    void insideAnActionTheValueGoesInAsItIs() {
        assertEquals(
                "v: {{ default \"a {{ b }} \"c\"\" .x }}",
                templater.goTemplateLine("v: {{ default \"###JACKAL_VAR_CODE###\" .x }}"));
    }

    @Test
    void plainTextTemplatingIsUnchanged() {
        assertEquals("v: a {{ b }} \"c\"", templater.line("v: ###JACKAL_VAR_CODE###"));
    }
}
