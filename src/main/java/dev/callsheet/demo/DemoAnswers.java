package dev.callsheet.demo;

import dev.callsheet.answers.Answers;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The demo's catalogue (panels, a battery) and the questions leads ask about them, in the six languages. */
@Component
class DemoAnswers {

    private static final Logger log = LoggerFactory.getLogger(DemoAnswers.class);

    private final Answers answers;
    private final dev.callsheet.dialing.Queue queue;

    DemoAnswers(Answers answers, dev.callsheet.dialing.Queue queue) {
        this.answers = answers;
        this.queue = queue;
    }

    /** Questions typed on calls that the library has no answer for yet: the report and the library list them. */
    private static final List<String> OPEN_QUESTIONS = List.of("Do you clear snow off the panels in winter?",
            "Kan dere montere på skifertak?", "Do you clear snow off the panels in winter?");

    /**
     * The leads on the replayed calls that ended in a booking asked questions: mostly ones the library
     * answers (price, financing), a few it does not yet.
     */
    void askedOnCalls(java.util.Map<java.util.UUID, CurrentUser> agents, List<java.util.UUID> attempts) {
        if (agents.isEmpty() || attempts.isEmpty()) {
            return;
        }
        java.util.UUID ws = agents.values().iterator().next().workspaceId();
        List<Answers.Answer> library = answers.answers(ws, null).stream()
                .filter(a -> a.language().equals("en") || a.language().equals("nb")).toList();
        int n = 0;
        for (java.util.UUID attempt : attempts) {
            var call = queue.call(ws, attempt);
            CurrentUser agent = call.map(c -> agents.get(c.agentId())).orElse(null);
            if (agent == null) {
                continue;
            }
            answers.asked(agent, attempt, library.get(n % library.size()).id(), null);
            if (n % 2 == 0) {
                answers.asked(agent, attempt, library.get((n + 1) % library.size()).id(), null);
            }
            if (n < OPEN_QUESTIONS.size()) {
                answers.asked(agent, attempt, null, OPEN_QUESTIONS.get(n));
            }
            n++;
        }
        log.info("Demo: questions noted on {} calls", n);
    }

    void seed(CurrentUser supervisor) {
        Answers.Product panels = answers.addProduct(supervisor, new Answers.Product(null, "Solar panels, 10 kW",
                "Roof-mounted panels with inverter and monitoring app; 25-year output guarantee.",
                new BigDecimal("90000"), new BigDecimal("160000"), "NOK", "Homeowners with a south, east or west roof"));
        Answers.Product battery = answers.addProduct(supervisor, new Answers.Product(null, "Home battery, 10 kWh",
                "Stores the day's surplus for the evening; works during power cuts.", new BigDecimal("70000"),
                new BigDecimal("95000"), "NOK", "Panel owners who use power in the evening"));
        int n = 0;
        for (String[] a : LIBRARY) {
            answers.save(supervisor, null, new Answers.Answer(null, a[0], a[1], a[2],
                    a[3].equals("battery") ? battery.id() : panels.id(), null, List.of()));
            n++;
        }
        log.info("Demo: 2 products and {} answers in six languages", n);
    }

    private static final String[][] LIBRARY = {
        {"en", "How much does the installation cost?", "From 90,000 to 160,000 kroner for 10 kW, mounting and the "
            + "inverter included; the rep gives a fixed price after the visit.", "panels"},
        {"en", "Do you offer financing?", "Yes: a green loan over up to 10 years through our partner bank, or "
            + "paying in three instalments.", "panels"},
        {"en", "What happens during a power cut?", "Panels alone switch off for safety; with the home battery the "
            + "house keeps its power.", "battery"},
        {"nb", "Hva koster installasjonen?", "Fra 90 000 til 160 000 kroner for 10 kW, montering og inverter "
            + "inkludert; selgeren gir fast pris etter befaringen.", "panels"},
        {"nb", "Tilbyr dere finansiering?", "Ja: grønt lån over opptil 10 år gjennom vår partnerbank, eller "
            + "betaling i tre avdrag.", "panels"},
        {"nb", "Hva skjer ved strømbrudd?", "Panelene alene slås av av sikkerhetshensyn; med hjemmebatteriet "
            + "beholder huset strømmen.", "battery"},
        {"es", "¿Cuánto cuesta la instalación?", "De 9.000 a 16.000 euros por 10 kW, montaje e inversor incluidos; "
            + "el comercial da un precio cerrado tras la visita.", "panels"},
        {"es", "¿Ofrecen financiación?", "Sí: un préstamo verde de hasta 10 años con nuestro banco asociado, o "
            + "el pago en tres plazos.", "panels"},
        {"ru", "Сколько стоит установка?", "От 900 000 до 1 600 000 рублей за 10 кВт, монтаж и инвертор включены; "
            + "менеджер назовёт точную цену после визита.", "panels"},
        {"ru", "Вы предлагаете рассрочку?", "Да: зелёный кредит до 10 лет через наш банк-партнёр или оплата "
            + "тремя частями.", "panels"},
        {"ko", "설치 비용은 얼마인가요?", "10kW 기준 9백만 원에서 1천6백만 원이며 설치비와 인버터가 포함됩니다. 방문 후 "
            + "확정 가격을 안내해 드립니다.", "panels"},
        {"ko", "할부가 가능한가요?", "네, 제휴 은행을 통해 최대 10년 그린 대출 또는 3회 분할 납부가 가능합니다.", "panels"},
        {"ro", "Cât costă instalarea?", "Între 45.000 și 80.000 de lei pentru 10 kW, cu montaj și invertor; "
            + "reprezentantul dă un preț fix după vizită.", "panels"},
        {"ro", "Oferiți finanțare?", "Da: un credit verde pe până la 10 ani prin banca noastră parteneră, sau "
            + "plata în trei rate.", "panels"},
    };
}
