package dev.callsheet.answers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The answer library finds the right answer for misspelt and inflected questions in each of the six languages. */
class AnswersApiIntegrationTests extends IntegrationTest {

    private Api boss;
    private Api agent;

    @BeforeEach
    void setUp() {
        Tenant tenant = Tenant.create(api, "Answers AS");
        boss = api.as(tenant.user("SUPERVISOR"));
        agent = api.as(tenant.user("AGENT"));
    }

    private String answer(String language, String question, String body) {
        Api.Response saved = boss.post("/api/v1/answers", Map.of("language", language, "question", question,
                "body", body));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        return saved.json().get("id").asText();
    }

    private String top(String language, String q) {
        Api.Response found = agent.get("/api/v1/answers/search?language=" + language + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode items = found.json().get("items");
        assertThat(items).as(language + ": " + q).isNotEmpty();
        return items.get(0).get("answer").get("id").asText();
    }

    /** Per language: a price answer, a financing answer, a duration answer; then a misspelt and an inflected query. */
    record Case(String language, String[] price, String[] financing, String[] duration, String misspeltFinancing,
            String inflectedPrice, String durationQuery) {
    }

    @Test
    void misspeltAndInflectedQuestionsFindTheRightAnswerInSixLanguages() {
        List<Case> cases = List.of(
                new Case("en", new String[] {"How much does the installation cost?", "From 90,000 kroner, mounting included."},
                        new String[] {"Do you offer financing?", "Yes: up to 10 years with our partner bank."},
                        new String[] {"How long does the installation take?", "One to two days on the roof."},
                        "finansing", "what do installations cost", "how long"),
                new Case("nb", new String[] {"Hva koster installasjonen?", "Fra 90 000 kroner, montering inkludert."},
                        new String[] {"Tilbyr dere finansiering?", "Ja: opptil 10 år gjennom vår partnerbank."},
                        new String[] {"Hvor lang tid tar monteringen?", "En til to dager på taket."},
                        "finansjering", "kostnader for installasjoner", "hvor lang tid"),
                new Case("es", new String[] {"¿Cuánto cuesta la instalación?", "Desde 9.000 euros, montaje incluido."},
                        new String[] {"¿Ofrecen financiación?", "Sí: hasta 10 años con nuestro banco asociado."},
                        new String[] {"¿Cuánto tarda el montaje?", "De uno a dos días en el tejado."},
                        "finansiacion", "instalaciones precio cuesta", "cuanto tarda"),
                new Case("ru", new String[] {"Сколько стоит установка?", "От 900 000 рублей, монтаж включён."},
                        new String[] {"Вы предлагаете рассрочку?", "Да: до 10 лет через наш банк-партнёр."},
                        new String[] {"Сколько длится монтаж?", "От одного до двух дней на крыше."},
                        "расрочка", "стоимость установки", "длится монтаж"),
                new Case("ko", new String[] {"설치 비용은 얼마인가요?", "9백만 원부터이며 설치비가 포함됩니다."},
                        new String[] {"할부가 가능한가요?", "네, 제휴 은행을 통해 최대 10년까지 가능합니다."},
                        new String[] {"설치 기간은 얼마나 걸리나요?", "지붕 작업은 하루에서 이틀 걸립니다."},
                        "할부 가능", "설치 비용", "기간 얼마나 걸려요"),
                new Case("ro", new String[] {"Cât costă instalarea?", "De la 45.000 de lei, montajul inclus."},
                        new String[] {"Oferiți finanțare?", "Da: până la 10 ani prin banca noastră parteneră."},
                        new String[] {"Cât durează montajul?", "Una sau două zile pe acoperiș."},
                        "finantare", "costul instalării", "cat dureaza"));
        for (Case c : cases) {
            String price = answer(c.language(), c.price()[0], c.price()[1]);
            String financing = answer(c.language(), c.financing()[0], c.financing()[1]);
            String duration = answer(c.language(), c.duration()[0], c.duration()[1]);
            assertThat(top(c.language(), c.misspeltFinancing())).as(c.language() + " misspelt").isEqualTo(financing);
            assertThat(top(c.language(), c.inflectedPrice())).as(c.language() + " inflected").isEqualTo(price);
            assertThat(top(c.language(), c.durationQuery())).as(c.language() + " duration").isEqualTo(duration);
        }
        // the languages do not mix, a bad language or an empty query names the field, agents may not edit
        Api.Response other = agent.get("/api/v1/answers/search?language=de&q=price");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("field").asText()).isEqualTo("language");
        assertThat(agent.get("/api/v1/answers/search?language=en&q=").json().get("field").asText()).isEqualTo("q");
        assertThat(agent.post("/api/v1/answers", Map.of("language", "en", "question", "x", "body", "y")).status())
                .isEqualTo(403);
        assertThat(boss.post("/api/v1/answers", Map.of("language", "en", "question", "x")).json().get("field")
                .asText()).isEqualTo("body");
    }

    @Test
    void questionsAskedOnCallsAreCountedWithThoseStillWithoutAnAnswer() {
        String price = answer("en", "How much does it cost?", "From 90,000 kroner.");
        String project = boss.post("/api/v1/projects", Map.of("name", "Questions " + System.nanoTime(),
                "direction", "OUTBOUND", "audience", "NEW_CUSTOMERS", "reviewCadence", "WEEKLY",
                "timeZone", "Europe/Oslo", "callingHours", allDay())).json().get("id").asText();
        List<String> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Q", "surname", "Lead" + System.nanoTime(),
                    "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO"))
                    .json().get("id").asText();
            boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
            String attempt = agent.post("/api/v1/projects/" + project + "/next", null).json().get("attemptId").asText();
            attempts.add(attempt);
            assertThat(agent.post("/api/v1/attempts/" + attempt + "/questions", Map.of("answerId", price)).status())
                    .isEqualTo(204);
            assertThat(agent.post("/api/v1/attempts/" + attempt + "/questions", Map.of("answerId", price)).status())
                    .isEqualTo(204); // a double click counts once
            agent.post("/api/v1/attempts/" + attempt + "/outcome", Map.of("outcome", "NO_ANSWER"));
        }
        agent.post("/api/v1/attempts/" + attempts.get(0) + "/questions", Map.of("text", "Does it work in snow?"));
        assertThat(agent.post("/api/v1/attempts/" + attempts.get(0) + "/questions", Map.of()).json().get("field")
                .asText()).isEqualTo("text");

        JsonNode asked = boss.get("/api/v1/projects/" + project + "/questions?from="
                + java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(1)).json()
                .get("items");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).get("question").asText()).isEqualTo("How much does it cost?");
        assertThat(asked.get(0).get("times").asInt()).isEqualTo(2);
        assertThat(asked.get(0).get("unanswered").asBoolean()).isFalse();
        assertThat(asked.get(1).get("question").asText()).isEqualTo("Does it work in snow?");
        assertThat(asked.get(1).get("unanswered").asBoolean()).isTrue();
        assertThat(agent.get("/api/v1/projects/" + project + "/questions").status()).isEqualTo(403);

    }

    private static Map<String, Object> allDay() {
        Map<String, Object> hours = new java.util.HashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            hours.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        return hours;
    }
}
