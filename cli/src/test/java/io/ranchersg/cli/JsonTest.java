package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.cli.view.JsonShapes;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void errorDocumentCarriesTheExitCodeAndMessage() {
        assertThat(Json.write(Json.errorDocument(64, "--open-to: bad")))
                .isEqualTo("{\"format_version\":1,\"error\":{\"exit_code\":64,\"message\":\"--open-to: bad\"}}");
    }

    @Test
    void writesWhatJacksonsMapperWrites() throws Exception {
        ObjectNode doc = JsonShapes.document();
        doc.put("text", "quote \" backslash \\ tab \t newline \n control \u0001 non-ASCII \u00e9\u4e2d");
        doc.put("int", -7).put("long", 1L << 40).put("double", 0.25).put("true", true).putNull("null");
        doc.put("big", new BigInteger("123456789012345678901234567890")).put("decimal", new BigDecimal("1.50"));
        doc.putArray("array").add(1).add("two").addNull().addObject().put("nested", false);
        doc.putObject("empty");
        doc.putArray("none");

        assertThat(Json.write(doc)).isEqualTo(new ObjectMapper().writeValueAsString(doc));
    }
}
