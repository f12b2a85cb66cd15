package dev.callsheet.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A few thousand believable leads for the demo workspace, in the six markets and scripts, as
 * the CSV an exhibition or a bought list would bring — with about one in twenty planted again
 * later in another format (national instead of international phone, another e-mail), for the
 * duplicate check to find. Seeded, so every demo looks the same.
 */
final class DemoLeads {

    private record Market(String country, String[] firstNames, String[] surnames, String[] companies,
            String[] cities, String[] postcodes, String mobile, String landline, String domain, String[] trades) {
    }

    private static final List<Market> MARKETS = List.of(
            new Market("NO", new String[] {"Ola", "Kari", "Ingrid", "Lars", "Sofie", "Emma", "Nora", "Jakob", "Henrik", "Marte", "Sindre", "Ida"},
                    new String[] {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg", "Haugen", "Lund", "Dahl", "Bakken"},
                    new String[] {"%s Bygg AS", "%s Elektro AS", "Fjord%s Service AS", "%s Regnskap AS", "Nordlys %s AS"},
                    new String[] {"Oslo", "Bergen", "Trondheim", "Stavanger", "Drammen"}, new String[] {"0150", "5003", "7010", "4006", "3015"},
                    "+47 9## ## ###", "2# ## ## ##", "no", new String[] {"Bygg og anlegg", "Eiendom", "Handel", "Landbruk"}),
            new Market("ES", new String[] {"María", "José", "Antonio", "Carmen", "Lucía", "Javier", "Elena", "Pablo", "Marta", "Sergio"},
                    new String[] {"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"},
                    new String[] {"Construcciones %s, S.L.", "Talleres %s S.A.", "Reformas %s SL", "Asesoría %s, S.L.U."},
                    new String[] {"Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza"}, new String[] {"28013", "08001", "46001", "41001", "50001"},
                    "+34 6## ### ###", "91# ## ## ##", "es", new String[] {"Construcción", "Hostelería", "Comercio", "Agricultura"}),
            new Market("RU", new String[] {"Дмитрий", "Анна", "Сергей", "Ольга", "Иван", "Мария", "Алексей", "Елена", "Павел", "Наталья"},
                    new String[] {"Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков"},
                    new String[] {"ООО «%s и партнёры»", "АО «%s»", "ООО «Торговый дом %s»", "ИП %s"},
                    new String[] {"Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург"}, new String[] {"101000", "190000", "420000", "630000", "620000"},
                    "+7 9## ###-##-##", "8 (495) ###-##-##", "ru", new String[] {"Строительство", "Торговля", "Логистика", "Производство"}),
            new Market("KR", new String[] {"민준", "서연", "지우", "하준", "서윤", "도윤", "지민", "예준", "수아", "시우"},
                    new String[] {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"},
                    new String[] {"(주)%s테크", "주식회사 %s건설", "%s상사", "(주)한빛%s"},
                    new String[] {"서울", "부산", "인천", "대구", "대전"}, new String[] {"04524", "48058", "21554", "41911", "34126"},
                    "010-####-####", "02-###-####", "kr", new String[] {"건설", "제조", "유통", "농업"}),
            new Market("RO", new String[] {"Andrei", "Maria", "Ioana", "Alexandru", "Elena", "Mihai", "Ana", "Ștefan", "Cristina", "Radu"},
                    new String[] {"Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Stoica", "Gheorghe", "Matei", "Constantin", "Marin"},
                    new String[] {"%s Consult SRL", "S.C. %s Construct S.R.L.", "%s & Fiii SRL", "Agro %s SA"},
                    new String[] {"București", "Cluj-Napoca", "Iași", "Timișoara", "Constanța"}, new String[] {"010011", "400001", "700001", "300001", "900001"},
                    "+40 7## ### ###", "021 ### ####", "ro", new String[] {"Construcții", "Comerț", "Agricultură", "Transport"}),
            new Market("GB", new String[] {"Oliver", "Amelia", "Jack", "Emily", "Harry", "Olivia", "George", "Isla", "Thomas", "Grace"},
                    new String[] {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Walker"},
                    new String[] {"%s & Sons Ltd", "%s Solar Limited", "%s Building Services Ltd.", "%s Consulting LLP"},
                    new String[] {"London", "Manchester", "Leeds", "Bristol", "Glasgow"}, new String[] {"EC1A 1BB", "M1 1AE", "LS1 4DY", "BS1 5TR", "G1 1XQ"},
                    "+44 7### ######", "020 #### ####", "co.uk", new String[] {"Construction", "Retail", "Energy", "Farming"}));

    private DemoLeads() {
    }

    /** The CSV (header first): {@code count} leads, of which about 5 % repeat an earlier one in another format. */
    static String csv(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("first name,surname,company,phone,email,website,city,postcode,country,industry,heard of us\n");
        List<String[]> written = new ArrayList<>();
        java.util.Set<String> addresses = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            if (i > 50 && random.nextInt(20) == 0) {
                String[] original = written.get(random.nextInt(written.size()));
                String[] again = original.clone();
                again[3] = nationalFormat(original[3], original[8]);
                again[4] = ascii(original[0]).toLowerCase(Locale.ROOT) + "." + i + "@gmail.com";
                again[10] = "Exhibition list 2026";
                append(csv, again);
                continue;
            }
            Market market = MARKETS.get(random.nextInt(MARKETS.size()));
            String first = pick(random, market.firstNames());
            String surname = pick(random, market.surnames());
            String company = String.format(pick(random, market.companies()), pick(random, market.surnames()));
            String domain = slug(company) + "." + market.domain();
            // One mailbox per person: colleagues with the same first name get firstname.surname, then a number.
            String local = ascii(first).toLowerCase(Locale.ROOT);
            if (!addresses.add(local + "@" + domain)) {
                local = local + "." + ascii(surname).toLowerCase(Locale.ROOT).replace(' ', '-');
                for (int n = 2; !addresses.add(local + "@" + domain); n++) {
                    local = local.replaceAll("\\d+$", "") + n;
                }
            }
            int city = random.nextInt(market.cities().length);
            String[] row = {first, surname, company,
                    digits(random, random.nextBoolean() ? market.mobile() : market.landline()),
                    local + "@" + domain, "www." + domain, market.cities()[city],
                    market.postcodes()[city], market.country(), pick(random, market.trades()),
                    pick(random, new String[] {"Web", "Exhibition", "Recommendation", "Newspaper", ""})};
            written.add(row);
            append(csv, row);
        }
        return csv.toString();
    }

    private static void append(StringBuilder csv, String[] row) {
        for (int i = 0; i < row.length; i++) {
            csv.append(i == 0 ? "" : ",").append('"').append(row[i].replace("\"", "\"\"")).append('"');
        }
        csv.append('\n');
    }

    /** "+47 912 34 567" → "912 34 567"; "+7 916 …" → "8 916 …"; other markets keep their trunk 0. */
    private static String nationalFormat(String phone, String country) {
        if (!phone.startsWith("+")) {
            return phone;
        }
        String rest = phone.substring(phone.indexOf(' ') + 1);
        return switch (country) {
            case "NO", "ES" -> rest;
            case "RU" -> "8 " + rest;
            default -> "0" + rest;
        };
    }

    private static String digits(Random random, String pattern) {
        StringBuilder number = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            number.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        return number.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String slug(String company) {
        String slug = ascii(company).toLowerCase(Locale.ROOT).replaceAll("\\b(as|sa|sl|slu|srl|ltd|limited|llp|s c|s r l|ooo|ao|ip)\\b", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "firma" : slug;
    }

    /** Latin letters for addresses and domains, whatever the script of the name. */
    private static String ascii(String text) {
        return com.ibm.icu.text.Transliterator.getInstance("Any-Latin; Latin-ASCII").transliterate(text)
                .replaceAll("[^A-Za-z0-9 &.-]", "");
    }
}
