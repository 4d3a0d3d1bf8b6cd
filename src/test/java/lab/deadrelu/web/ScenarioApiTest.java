package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

class ScenarioApiTest extends HttpTestBase {

    @Test
    void listsEveryScenarioWithItsTitleAndLabLink() throws Exception {
        JsonNode list = new ObjectMapper().readTree(get("/api/scenarios?lang=zh").body());
        assertEquals(Scenario.values().length, list.size());
        for (int i = 0; i < list.size(); i++) {
            Scenario s = Scenario.values()[i];
            assertEquals(s.id, list.get(i).get("id").asText());
            assertEquals("/lab?scenario=" + s.id + "&lang=zh", list.get(i).get("href").asText());
        }
        assertEquals("情形一：出师不利", list.get(0).get("title").asText());
    }
}
