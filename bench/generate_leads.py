#!/usr/bin/env python3
"""Deterministic generator of realistic lead lists for the import and duplicate-check benchmark.

Writes a UTF-8 CSV with the header

    first name,surname,company,phone,email,website,city,postcode,country

in six markets and four scripts: Norway, Spain, Russia (Cyrillic), Korea (Hangul), Romania
(with the comma-below letters ș/ț) and the UK. Phones come in each country's usual national and
international formats, companies carry their legal forms (AS, S.L., ООО «…», (주), SRL, Ltd),
e-mails are at the company's domain or at gmail / mail.ru / naver and the like.

Unique rows are unique: every phone number and every e-mail address embeds a counter, so N new
rows are N different people for the duplicate check (no two share a phone or an e-mail).

  --rows N          rows to write (default 1000)
  --seed S          random seed (default 1). The seed also picks the "generation" (S mod 10) of the
                    counters inside phones and e-mails: files made with seeds that differ mod 10
                    never share a phone or an e-mail, except for the duplicates asked for.
  --existing FILE   an earlier file of this generator: about --duplicates of the rows are
                    duplicates of rows of FILE written another way (the phone in national instead
                    of international format or the reverse, the e-mail in upper case, first name
                    and surname swapped, "LLC" for "ООО", extra spaces...); the rest are new people.
  --duplicates F    fraction of duplicates with --existing (default 0.10)
  --out FILE        output file (default: standard output)

Standard library only. 1,000,000 rows take about 10-20 s on one core.
"""

import argparse
import bisect
import functools
import csv
import io
import itertools
import random
import re
import sys
import time
import unicodedata

HEADER = ["first name", "surname", "company", "phone", "email", "website", "city", "postcode", "country"]

# ---------------------------------------------------------------------------------------------
# Helpers


def zipf_cum(n, s=0.9):
    """Cumulative weights 1/rank^s for n items: a few common names, a long tail."""
    total = 0.0
    out = []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        out.append(total)
    return out


_TRANSLIT = {
    # Russian (simplified BGN/PCGN, as people write it in e-mail addresses)
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Norwegian letters that do not decompose
    "æ": "ae", "ø": "o", "å": "a",
}


@functools.lru_cache(maxsize=None)
def ascii_slug(text, sep=""):
    """Lower-case ASCII for e-mail local parts and domains: "Søren Ødegård" -> "sorenodegard"."""
    out = []
    for ch in text.lower():
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch.isascii():
            out.append(ch if ch.isalnum() else (sep if ch in " -&'" else ""))
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if c.isascii() and c.isalnum()))
    slug = "".join(out)
    if sep:
        slug = re.sub(re.escape(sep) + "+", sep, slug).strip(sep)
    return slug


def scramble(value, modulus):
    """A bijection of [0, modulus) (7^11 is coprime to every block size): counters that do not look sequential."""
    return (value * 1_977_326_743 + 8_463_027_159) % modulus


# ---------------------------------------------------------------------------------------------
# Phone numbers. A plan is a block of national significant numbers: area + one digit of
# `first` + `rest` digits. Each plan has its own counter, and the counter (with the file's
# generation) is scrambled into the block, so numbers are unique per plan; plans of a market
# never overlap.


class Plan:
    def __init__(self, area, first, rest, kind, weight):
        self.area, self.first, self.rest, self.kind, self.weight = area, first, rest, kind, weight
        self.block = len(first) * 10 ** rest
        self.per_generation = self.block // 10

    def number(self, generation, counter):
        if counter >= self.per_generation:
            raise SystemExit(f"too many rows for phone plan {self.area}: raise its block")
        w = scramble(generation * self.per_generation + counter, self.block)
        head, tail = divmod(w, 10 ** self.rest)
        return self.area + self.first[head] + str(tail).zfill(self.rest)


def g(nsn, *sizes):
    """Splits digits into groups: g("91234567", 3, 2, 3) -> ["912", "34", "567"]."""
    out, i = [], 0
    for size in sizes:
        out.append(nsn[i:i + size])
        i += size
    if i < len(nsn):
        out.append(nsn[i:])
    return out


def fmt_no(nsn, area, intl, style):
    groups = g(nsn, 3, 2, 3) if nsn[0] in "49" else g(nsn, 2, 2, 2, 2)
    if intl:
        return ["+47 " + " ".join(groups), "+47" + nsn, "0047 " + nsn, "+47 " + " ".join(g(nsn, 2, 2, 2, 2))][style % 4]
    return [" ".join(groups), nsn, " ".join(g(nsn, 2, 2, 2, 2))][style % 3]


def fmt_es(nsn, area, intl, style):
    mobile = nsn[0] in "67"
    groups = g(nsn, 3, 2, 2, 2) if mobile else g(nsn, 2, 3, 2, 2)
    if intl:
        return ["+34 " + " ".join(groups), "+34 " + nsn, "0034 " + " ".join(g(nsn, 3, 3, 3)),
                "(+34) " + " ".join(g(nsn, 3, 3, 3))][style % 4]
    return [" ".join(groups), " ".join(g(nsn, 3, 3, 3)), nsn][style % 3]


def fmt_ru(nsn, area, intl, style):
    code, a, b, c = nsn[:3], nsn[3:6], nsn[6:8], nsn[8:]
    if intl:
        return [f"+7 {code} {a}-{b}-{c}", f"+7 ({code}) {a}-{b}-{c}", "+7" + nsn, f"+7 {code} {a} {b} {c}"][style % 4]
    return [f"8 ({code}) {a}-{b}-{c}", f"8 {code} {a} {b} {c}", "8" + nsn, f"8-{code}-{a}-{b}-{c}"][style % 4]


def fmt_kr(nsn, area, intl, style):
    sub = nsn[len(area):]
    mid, last = sub[:-4], sub[-4:]
    if intl:
        return [f"+82 {area}-{mid}-{last}", f"+82 {area} {mid} {last}", "+82" + nsn, f"+82-{area}-{mid}-{last}"][style % 4]
    return [f"0{area}-{mid}-{last}", "0" + nsn, f"0{area} {mid} {last}", f"(0{area}) {mid}-{last}"][style % 4]


def fmt_ro(nsn, area, intl, style):
    if nsn[0] == "7":
        groups = [nsn[:3], nsn[3:6], nsn[6:]]
    elif area == "21":
        groups = [nsn[:2], nsn[2:5], nsn[5:]]
    else:
        groups = [nsn[:3], nsn[3:6], nsn[6:]]
    if intl:
        return ["+40 " + " ".join(groups), "+40" + nsn, "0040 " + " ".join(groups), "+40 (0)" + " ".join(groups)][style % 4]
    return ["0" + " ".join(groups), "0" + nsn, "0" + "-".join(groups), f"(0{groups[0]}) " + " ".join(groups[1:])][style % 4]


def fmt_gb(nsn, area, intl, style):
    if nsn[0] == "7":
        groups = [nsn[:4], nsn[4:]]
        alt = [nsn[:4], nsn[4:7], nsn[7:]]
    elif area == "20":
        groups = alt = [nsn[:2], nsn[2:6], nsn[6:]]
    else:
        groups = alt = [nsn[:3], nsn[3:6], nsn[6:]]
    if intl:
        return ["+44 " + " ".join(groups), "+44" + nsn, "+44 (0)" + " ".join(groups), "0044 " + " ".join(alt)][style % 4]
    return ["0" + " ".join(groups), "0" + nsn, "0" + " ".join(alt), f"(0{groups[0]}) " + " ".join(groups[1:])][style % 4]


D2_9 = "23456789"

# ---------------------------------------------------------------------------------------------
# Markets


class Market:
    pass


def market_no():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "NO", "47", "", 20, fmt_no
    m.countries = (["Norway", "Norge", "NO", "norge", ""], [30, 30, 20, 5, 15])
    m.intl_share = 0.45
    m.first_m = ("Lars Ola Jonas Henrik Magnus Sindre Eirik Håkon Øystein Bjørn Torbjørn Kristian Mathias Anders "
                 "Sigurd Ole Per Jan Knut Arne Tor Erik Nils Espen Geir Morten Vegard Jørgen Emil Sander Tobias "
                 "Aksel Filip Kasper Even Trond Stian Rune Frode").split()
    m.first_f = ("Ingrid Kari Sofie Emma Nora Ida Marte Silje Solveig Åse Ragnhild Astrid Thea Camilla Hanne Anne "
                 "Inger Marit Liv Hilde Randi Tone Kristin Siri Ingeborg Maja Sara Maren Vilde Julie Tuva Frida "
                 "Eline Line Mona Heidi Bente Gro Turid Linnea").split()
    m.surnames = ("Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen "
                  "Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen "
                  "Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen "
                  "Martinsen Paulsen Bakken Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim "
                  "Berge Moe Nygård Bakke Kristensen Fredriksen Holm Lien Hauge Christensen Andresen Nielsen "
                  "Knudsen Evensen Sæther Aas Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen "
                  "Berntsen Sandvik Rønning Arnesen Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland "
                  "Isaksen Gulbrandsen Ruud Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen Aune "
                  "Mikkelsen Tveit Brekke Abrahamsen Madsen").split()
    m.cities = [("Oslo", 150, 1295, 4), ("Bergen", 5003, 5099, 4), ("Trondheim", 7010, 7099, 4),
                ("Stavanger", 4001, 4099, 4), ("Kristiansand", 4608, 4639, 4), ("Tromsø", 9006, 9020, 4),
                ("Drammen", 3001, 3048, 4), ("Fredrikstad", 1601, 1639, 4), ("Bodø", 8001, 8049, 4),
                ("Ålesund", 6001, 6030, 4), ("Sandnes", 4301, 4329, 4), ("Hamar", 2301, 2326, 4)]
    m.plans = [Plan("9", "0123456789", 6, "mobile", 5), Plan("4", "015678", 6, "mobile", 4),
               Plan("2", "123", 6, "fixed", 2)]
    stems = ("Nord Sør Vest Øst Fjord Fjell Nordlys Midnattsol Viking Polar Trønder Helgeland Lofoten Sunnmøre "
             "Hardanger Romsdal Valdres Hallingdal Telemark Agder Ryfylke Finnmark Varanger Oslofjord Mjøs "
             "Glomma Senja Jæren Nordkapp Fosen Vestfold Ringerike Gudbrand Namdal Salten Hadeland Toten Nordhord "
             "Karmøy Follo").split()
    sectors = ("Solenergi Bygg Rør Elektro Eiendom Regnskap Transport Maskin Data Kraft Fisk Sjømat Tre Betong "
               "Varme Ventilasjon Service Handel Consult Maling Tak Vinduer Kjøkken Bad Gartneri Marine Logistikk "
               "Sikkerhet Energi Entreprenør Anlegg Revisjon Trafikkskole Optikk Tannklinikk").split()
    forms = (["AS", "ASA", "ANS", "DA", "ENK"], [88, 2, 5, 3, 2])
    m.form_alt = {"AS": ["A/S", "A.S.", "as", "AS."], "ASA": ["A.S.A."], "ANS": ["A.N.S."], "DA": ["D.A."],
                  "ENK": ["Enk."]}

    def company(rng, i):
        a, b, c = i % len(stems), (i // len(stems)) % len(sectors), i // (len(stems) * len(sectors))
        form = rng.choices(forms[0], forms[1])[0]
        kind = c % 4
        if kind == 0:
            name = f"{stems[a]} {sectors[b]}"
        elif kind == 1:
            name = f"{stems[a]}{sectors[b].lower()}"
        elif kind == 2:
            name = f"{m.surnames[(a * 7 + c) % len(m.surnames)]} {sectors[b]}"
        else:
            name = f"{stems[a]} {sectors[b]} {m.cities[c % len(m.cities)][0]}"
        tld = ".no" if kind != 3 else ".com"
        extra = "" if c < 4 else str(c // 4)
        return f"{name} {form}", ascii_slug(name) + extra + tld, form
    m.company = company
    m.company_space = len(stems) * len(sectors) * 4 * 12
    m.providers = (["gmail.com", "hotmail.com", "online.no", "outlook.com", "yahoo.no"], [50, 20, 15, 10, 5])
    return m


def market_es():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "ES", "34", "", 20, fmt_es
    m.countries = (["Spain", "España", "ES", "ESPAÑA", "Espana"], [25, 45, 20, 5, 5])
    m.intl_share = 0.30
    m.first_m = ("José Antonio Manuel Francisco David Javier Daniel Carlos Miguel Alejandro Pablo Sergio Jorge "
                 "Alberto Álvaro Iñaki Jordi Juan Luis Rafael Fernando Ángel Diego Raúl Rubén Adrián Iván Óscar "
                 "Andrés Joaquín Ramón Enrique Víctor Marcos Hugo Mario").split()
    m.first_f = ("María Carmen Ana Laura Lucía Marta Elena Sara Paula Cristina Isabel Raquel Pilar Rocío Nuria "
                 "Begoña Montserrat Dolores Josefa Teresa Rosa Patricia Beatriz Silvia Julia Irene Andrea Alba "
                 "Claudia Natalia Inés Noelia Mercedes Eva Sonia Lorena").split()
    m.surnames = ("García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
                  "Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez "
                  "Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín "
                  "Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez "
                  "Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco "
                  "Diez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez "
                  "Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román Pastor Soto "
                  "Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas").split()
    m.two_surnames = 0.6
    m.cities = [("Madrid", 28001, 28080, 5), ("Barcelona", 8001, 8042, 5), ("Valencia", 46001, 46026, 5),
                ("Sevilla", 41001, 41020, 5), ("Zaragoza", 50001, 50020, 5), ("Málaga", 29001, 29018, 5),
                ("Murcia", 30001, 30012, 5), ("Palma", 7001, 7015, 5), ("Bilbao", 48001, 48015, 5),
                ("Alicante", 3001, 3016, 5), ("Córdoba", 14001, 14014, 5), ("Valladolid", 47001, 47016, 5)]
    m.plans = [Plan("6", "0123456789", 7, "mobile", 6), Plan("7", "1234", 7, "mobile", 1),
               Plan("91", D2_9, 6, "fixed", 1), Plan("93", D2_9, 6, "fixed", 1), Plan("96", D2_9, 6, "fixed", 1)]
    places = ("Levante Cantábrico Ibérica Mediterráneo Castilla Aragón Galicia Sevilla Málaga Valencia Bilbao "
              "Murcia Alicante Navarra Rioja Asturias Extremadura Canarias Baleares Tajo Ebro Duero Guadalquivir "
              "Sierra Nevada Montserrat Costa Brava Meseta Pirineos Almería").split()
    kinds = ["Construcciones", "Transportes", "Instalaciones Eléctricas", "Talleres", "Reformas", "Distribuciones",
             "Asesoría", "Climatización", "Inmobiliaria", "Energía Solar", "Carpintería", "Fontanería",
             "Logística", "Seguros", "Clínica Dental", "Automoción", "Limpiezas", "Gestoría", "Ingeniería",
             "Suministros Industriales"]
    forms = (["S.L.", "S.A.", "S.L.U.", "S.Coop."], [70, 15, 12, 3])
    m.form_alt = {"S.L.": ["SL", "S.L", "Sociedad Limitada", "s.l."], "S.A.": ["SA", "Sociedad Anónima", "S.A"],
                  "S.L.U.": ["SLU", "S.L.U"], "S.Coop.": ["S. Coop.", "Sociedad Cooperativa"]}

    def company(rng, i):
        a, b, c = i % len(kinds), (i // len(kinds)) % len(m.surnames), i // (len(kinds) * len(m.surnames))
        form = rng.choices(forms[0], forms[1])[0]
        v = c % 4
        if v == 0:
            name = f"{kinds[a]} {m.surnames[b]}"
        elif v == 1:
            name = f"{kinds[a]} {places[b % len(places)]}"
        elif v == 2:
            name = f"{m.surnames[b]} y {m.surnames[(b + c) % len(m.surnames)]} {kinds[a]}"
        else:
            name = f"Grupo {m.surnames[b]} {places[(b + c) % len(places)]}"
        extra = "" if c < 4 else str(c // 4)
        sep = ", " if rng.random() < 0.4 else " "
        return f"{name}{sep}{form}", ascii_slug(name, "-") + extra + ".es", form
    m.company = company
    m.company_space = 20 * 100 * 4 * 8
    m.providers = (["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"], [55, 20, 10, 10, 5])
    return m


def _ru_female(surname):
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    return surname


def market_ru():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "RU", "7", "8", 18, fmt_ru
    m.countries = (["Россия", "Russia", "RU", "Российская Федерация", "РФ"], [45, 25, 20, 5, 5])
    m.intl_share = 0.5
    m.first_m = ("Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Владимир Николай Павел "
                 "Роман Игорь Олег Денис Антон Никита Кирилл Юрий Виктор Василий Константин Григорий Илья Егор "
                 "Станислав Вадим Георгий").split()
    m.first_f = ("Ольга Елена Наталья Татьяна Ирина Анна Мария Светлана Екатерина Юлия Анастасия Виктория Ксения "
                 "Дарья Марина Людмила Галина Надежда Валентина Алина Полина Вера Любовь Софья Яна Алёна Кристина "
                 "Евгения Оксана Лариса").split()
    m.surnames = ("Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков "
                  "Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин "
                  "Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов "
                  "Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв "
                  "Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов "
                  "Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов "
                  "Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов "
                  "Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев "
                  "Воронин Климов Филатов Пономарёв Голубев Кудрявцев Вишневский Ковальский").split()
    m.female_surname = _ru_female
    m.cities = [("Москва", 101000, 129999, 6), ("Санкт-Петербург", 190000, 199999, 6),
                ("Новосибирск", 630000, 630132, 6), ("Екатеринбург", 620000, 620144, 6),
                ("Казань", 420000, 420140, 6), ("Нижний Новгород", 603000, 603163, 6),
                ("Челябинск", 454000, 454138, 6), ("Самара", 443000, 443125, 6), ("Омск", 644000, 644123, 6),
                ("Ростов-на-Дону", 344000, 344116, 6), ("Уфа", 450000, 450112, 6), ("Краснодар", 350000, 350089, 6),
                ("Пермь", 614000, 614113, 6), ("Воронеж", 394000, 394095, 6)]
    m.plans = [Plan("91", "0123456789", 7, "mobile", 3), Plan("92", "0123456789", 7, "mobile", 2),
               Plan("98", "0123456789", 7, "mobile", 2), Plan("90", "3569", 7, "mobile", 1),
               Plan("495", D2_9, 6, "fixed", 2), Plan("499", D2_9, 6, "fixed", 1), Plan("812", D2_9, 6, "fixed", 1)]
    stems = [("Ромашка", "romashka"), ("Вектор", "vektor"), ("Альфа", "alfa"), ("Горизонт", "gorizont"),
             ("Меридиан", "meridian"), ("Строй", "stroy"), ("Техно", "tekhno"), ("Пром", "prom"),
             ("Энерго", "energo"), ("Сибирь", "sibir"), ("Урал", "ural"), ("Волга", "volga"), ("Восток", "vostok"),
             ("Север", "sever"), ("Прогресс", "progress"), ("Спектр", "spektr"), ("Гарант", "garant"),
             ("Лидер", "lider"), ("Стандарт", "standart"), ("Импульс", "impuls"), ("Контур", "kontur"),
             ("Интеграл", "integral"), ("Формат", "format"), ("Сфера", "sfera"), ("Атлант", "atlant"),
             ("Титан", "titan"), ("Орион", "orion"), ("Феникс", "feniks"), ("Звезда", "zvezda"), ("Радуга", "raduga"),
             ("Русь", "rus"), ("Байкал", "baykal"), ("Алтай", "altay"), ("Кедр", "kedr"), ("Магистраль", "magistral")]
    suffixes = [("", ""), ("Строй", "stroy"), ("Сервис", "servis"), ("Трейд", "treyd"), ("Логистик", "logistik"),
                ("Плюс", "plus"), ("-М", "-m"), ("Групп", "grupp"), ("Инвест", "invest"), ("Авто", "avto"),
                ("Мед", "med"), ("Софт", "soft"), ("Агро", "agro"), ("Снаб", "snab"), ("Монтаж", "montazh"),
                ("Ресурс", "resurs"), ("Проект", "proekt"), ("Электро", "elektro"), ("Транс", "trans"),
                ("Консалт", "konsalt")]
    forms = (["ООО", "АО", "ПАО", "ЗАО", "ИП"], [80, 8, 2, 5, 5])
    m.form_alt = {"ООО": ["LLC", "OOO", "ооо"], "АО": ["JSC", "AO"], "ПАО": ["PJSC", "ПАО"], "ЗАО": ["CJSC", "ZAO"],
                  "ИП": ["ИП"]}

    def company(rng, i):
        a, b, c = i % len(stems), (i // len(stems)) % len(suffixes), i // (len(stems) * len(suffixes))
        form = rng.choices(forms[0], forms[1])[0]
        if form == "ИП":
            sur = m.surnames[i % len(m.surnames)]
            first = m.first_m[(i // 7) % len(m.first_m)]
            return f"ИП {sur} {first}", None, form
        sep = "-" if b and c % 3 == 1 else ""
        name = stems[a][0] + sep + suffixes[b][0]
        if c >= 2:
            name += f"-{c}"
        slug = stems[a][1] + ("-" if sep else "") + suffixes[b][1] + (f"{c}" if c >= 2 else "")
        quoted = f"{form} «{name}»" if rng.random() < 0.8 else f"{form} \"{name}\""
        return quoted, slug + (".ru" if c % 5 else ".com"), form
    m.company = company
    m.company_space = 35 * 20 * 40
    m.providers = (["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru"],
                   [40, 30, 12, 6, 5, 4, 3])
    return m


def market_kr():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "KR", "82", "0", 15, fmt_kr
    m.countries = (["한국", "대한민국", "South Korea", "KR", "Korea"], [35, 20, 20, 20, 5])
    m.intl_share = 0.25
    # (Hangul, romanisation); surnames weighted by their real frequency (Kim, Lee, Park first)
    m.kr_surnames = [("김", "kim", 21.5), ("이", "lee", 14.7), ("박", "park", 8.4), ("최", "choi", 4.7),
                     ("정", "jung", 4.3), ("강", "kang", 2.3), ("조", "cho", 2.1), ("윤", "yoon", 2.0),
                     ("장", "jang", 2.0), ("임", "lim", 1.7), ("한", "han", 1.5), ("오", "oh", 1.5),
                     ("서", "seo", 1.5), ("신", "shin", 1.4), ("권", "kwon", 1.4), ("황", "hwang", 1.4),
                     ("안", "ahn", 1.3), ("송", "song", 1.3), ("전", "jeon", 1.1), ("홍", "hong", 1.1),
                     ("유", "yoo", 1.0), ("고", "ko", 0.9), ("문", "moon", 0.9), ("양", "yang", 0.8),
                     ("손", "son", 0.9), ("배", "bae", 0.8), ("백", "baek", 0.8), ("허", "heo", 0.6),
                     ("남", "nam", 0.5), ("심", "shim", 0.5), ("노", "noh", 0.4), ("하", "ha", 0.4),
                     ("곽", "kwak", 0.4), ("성", "sung", 0.4), ("차", "cha", 0.4), ("주", "joo", 0.4),
                     ("우", "woo", 0.4), ("구", "koo", 0.4), ("민", "min", 0.3), ("류", "ryu", 0.3),
                     ("나", "na", 0.3), ("진", "jin", 0.3), ("지", "ji", 0.3), ("엄", "eom", 0.3), ("채", "chae", 0.3),
                     ("원", "won", 0.3), ("천", "cheon", 0.2), ("방", "bang", 0.2), ("공", "kong", 0.2),
                     ("남궁", "namgung", 0.05), ("황보", "hwangbo", 0.03), ("제갈", "jegal", 0.02),
                     ("선우", "sunwoo", 0.02)]
    m.kr_first_m = [("민준", "minjun"), ("서준", "seojun"), ("도윤", "doyun"), ("예준", "yejun"), ("시우", "siwoo"),
                    ("하준", "hajun"), ("주원", "juwon"), ("지호", "jiho"), ("지후", "jihoo"), ("준서", "junseo"),
                    ("현우", "hyunwoo"), ("동현", "donghyun"), ("성민", "sungmin"), ("영호", "youngho"),
                    ("정훈", "junghoon"), ("상철", "sangcheol"), ("재원", "jaewon"), ("승현", "seunghyun"),
                    ("태영", "taeyoung"), ("경수", "kyungsoo"), ("병철", "byungcheol"), ("진우", "jinwoo")]
    m.kr_first_f = [("서연", "seoyeon"), ("서윤", "seoyun"), ("지우", "jiwoo"), ("서현", "seohyun"), ("민서", "minseo"),
                    ("하은", "haeun"), ("하윤", "hayun"), ("윤서", "yunseo"), ("지유", "jiyu"), ("지민", "jimin"),
                    ("수빈", "subin"), ("지은", "jieun"), ("예린", "yerin"), ("미영", "miyoung"), ("은정", "eunjung"),
                    ("혜진", "hyejin"), ("수진", "sujin"), ("영희", "younghee"), ("민지", "minji"), ("유진", "yujin"),
                    ("소연", "soyeon"), ("현정", "hyunjung")]
    m.cities = [("서울", 1000, 8999, 5), ("부산", 46000, 49999, 5), ("인천", 21000, 23999, 5), ("대구", 41000, 43999, 5),
                ("대전", 34000, 35999, 5), ("광주", 61000, 62999, 5), ("수원", 16000, 16999, 5),
                ("성남", 13000, 13999, 5), ("울산", 44000, 45999, 5), ("창원", 51000, 51999, 5)]
    m.plans = [Plan("10", "2346789", 7, "mobile", 8), Plan("2", D2_9, 7, "fixed", 2), Plan("51", D2_9, 6, "fixed", 1),
               Plan("31", D2_9, 7, "fixed", 1)]
    stems = [("한빛", "hanbit"), ("대한", "daehan"), ("삼우", "samwoo"), ("동양", "dongyang"), ("우리", "woori"),
             ("미래", "mirae"), ("한솔", "hansol"), ("세진", "sejin"), ("대성", "daesung"), ("동아", "donga"),
             ("태평양", "taepyeongyang"), ("새한", "saehan"), ("영진", "youngjin"), ("성원", "sungwon"),
             ("광명", "gwangmyeong"), ("청담", "cheongdam"), ("가람", "garam"), ("누리", "nuri"), ("하늘", "haneul"),
             ("바다", "bada"), ("푸른", "pureun"), ("에이스", "ace"), ("제일", "jeil"), ("중앙", "jungang"),
             ("동방", "dongbang"), ("금강", "geumgang"), ("백두", "baekdu"), ("한라", "halla"), ("아라", "ara"),
             ("다온", "daon"), ("온누리", "onnuri"), ("해솔", "haesol")]
    suffixes = [("테크", "tech"), ("산업", "industry"), ("건설", "construction"), ("전자", "electronics"),
                ("물산", "trading"), ("솔루션", "solution"), ("에너지", "energy"), ("시스템", "system"),
                ("엔지니어링", "eng"), ("무역", "trade"), ("상사", "corp"), ("유통", "dist"), ("정보통신", "ict"),
                ("화학", "chem"), ("기계", "machinery"), ("식품", "food"), ("물류", "logis"), ("디자인", "design"),
                ("컨설팅", "consulting"), ("메디칼", "medical")]
    m.form_alt = {"(주)": ["주식회사", "㈜", "(주)"], "주식회사": ["(주)", "㈜"], "(유)": ["유한회사"]}

    def company(rng, i):
        a, b, c = i % len(stems), (i // len(stems)) % len(suffixes), i // (len(stems) * len(suffixes))
        name = stems[a][0] + suffixes[b][0]
        slug = stems[a][1] + suffixes[b][1]
        if c:
            region = m.cities[c % len(m.cities)][0]
            name = f"{region}{name}" if c % 2 else f"{name}{c}"
            slug = f"{slug}{c}"
        r = rng.random()
        if r < 0.5:
            full, form = f"(주){name}", "(주)"
        elif r < 0.75:
            full, form = f"주식회사 {name}", "주식회사"
        elif r < 0.9:
            full, form = f"{name}(주)", "(주)"
        else:
            full, form = f"(유){name}", "(유)"
        return full, slug + (".co.kr" if c % 3 else ".com"), form
    m.company = company
    m.company_space = 32 * 20 * 60
    m.providers = (["naver.com", "gmail.com", "daum.net", "hanmail.net", "nate.com", "kakao.com"],
                   [50, 20, 12, 10, 5, 3])
    return m


def market_ro():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "RO", "40", "0", 15, fmt_ro
    m.countries = (["România", "Romania", "RO", "ROMÂNIA"], [50, 25, 20, 5])
    m.intl_share = 0.3
    m.first_m = ("Andrei Alexandru Mihai Ionuț Ștefan Gabriel Florin Cristian Adrian Bogdan Răzvan Vlad Marius "
                 "Constantin Dan Ion George Cătălin Ovidiu Sorin Cosmin Liviu Daniel Radu Emil Lucian Tudor Horațiu "
                 "Petru Nicolae").split()
    m.first_f = ("Elena Ioana Maria Andreea Alexandra Mihaela Cristina Ana Roxana Simona Oana Raluca Diana Gabriela "
                 "Loredana Cătălina Irina Bianca Alina Georgiana Larisa Denisa Florentina Daniela Corina Lavinia "
                 "Anca Teodora Ștefania Ramona").split()
    m.surnames = ("Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu "
                  "Constantin Mihai Șerban Lungu Marin Tudor Moldovan Florea Dinu Georgescu Ene Mocanu Ungureanu "
                  "Diaconu Neagu Barbu Nistor Cristea Toma Vasile Dobre Zamfir Niculescu Țurcanu Sârbu Mureșan "
                  "Pătrașcu Roșu Ștefănescu Țăranu Bălan Oprea Lazăr Manole Preda Coman Dragomir Ilie Anghel Sandu "
                  "Cojocaru Voicu Dumitrescu Dobrescu Iordache Petrescu Enache Constantinescu Nedelcu Cozma Bucur "
                  "Mircea Costache Chiriac Grigore Cârstea Olteanu Fănică Tănase Nițu Pițigoi").split()
    m.cities = [("București", 10011, 62397, 6), ("Cluj-Napoca", 400001, 400699, 6), ("Timișoara", 300001, 300990, 6),
                ("Iași", 700001, 700750, 6), ("Constanța", 900001, 900745, 6), ("Brașov", 500001, 500480, 6),
                ("Craiova", 200001, 200767, 6), ("Galați", 800001, 800700, 6), ("Ploiești", 100001, 100600, 6),
                ("Oradea", 410001, 410610, 6), ("Sibiu", 550001, 550450, 6), ("Bacău", 600001, 600400, 6),
                ("Pitești", 110001, 110470, 6), ("Târgu Mureș", 540001, 540600, 6)]
    m.plans = [Plan("72", "0123456789", 6, "mobile", 3), Plan("74", "0123456789", 6, "mobile", 2),
               Plan("75", "0123456789", 6, "mobile", 2), Plan("76", "0123456789", 6, "mobile", 1),
               Plan("21", "23", 6, "fixed", 1), Plan("264", D2_9, 5, "fixed", 1)]
    stems = ("Carpați Dunărea Transilvania Bucovina Moldova Muntenia Dobrogea Banat Crișana Oltenia Argeș Someș "
             "Mureș Olt Siret Prut Bistrița Ceahlău Retezat Făgăraș Bărăgan Delta Maramureș Apuseni Vrancea Cerna "
             "Jiu Timiș Ialomița Buzău").split()
    sectors = ("Construct Logistic Trans Impex Com Serv Agro Energy Tehnic Consulting Med Instal Design Invest Soft "
               "Solar Prod Distribuție Auto Montaj Grup Lemn Metal Food").split()
    forms = (["SRL", "S.R.L.", "SA", "PFA", "SRL-D"], [60, 25, 7, 5, 3])
    m.form_alt = {"SRL": ["S.R.L.", "srl", "S.R.L"], "S.R.L.": ["SRL", "S.R.L"], "SA": ["S.A."], "PFA": ["P.F.A."],
                  "SRL-D": ["SRL D"]}

    def company(rng, i):
        a, b, c = i % len(stems), (i // len(stems)) % len(sectors), i // (len(stems) * len(sectors))
        form = rng.choices(forms[0], forms[1])[0]
        v = c % 3
        if v == 0:
            name = f"{stems[a]} {sectors[b]}"
        elif v == 1:
            name = f"{m.surnames[(a * 3 + c) % len(m.surnames)]} {sectors[b]}"
        else:
            name = f"{stems[a]}{sectors[b].lower()}"
        extra = "" if c < 3 else str(c // 3)
        if rng.random() < 0.15:
            return f"S.C. {name} {form}", ascii_slug(name) + extra + ".ro", form
        return f"{name} {form}", ascii_slug(name) + extra + ".ro", form
    m.company = company
    m.company_space = 30 * 24 * 3 * 30
    m.providers = (["yahoo.com", "gmail.com", "yahoo.ro", "hotmail.com", "rdslink.ro"], [35, 40, 15, 7, 3])
    return m


def market_gb():
    m = Market()
    m.code, m.cc, m.trunk, m.weight, m.fmt = "GB", "44", "0", 12, fmt_gb
    m.countries = (["United Kingdom", "UK", "GB", "England", "Great Britain"], [35, 35, 15, 10, 5])
    m.intl_share = 0.4
    m.first_m = ("Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Daniel Samuel Michael David "
                 "Mohammed Richard Paul Mark Andrew Stephen Christopher Matthew Joseph Ben Luke Adam Ryan Liam "
                 "Callum").split()
    m.first_f = ("Olivia Amelia Isla Ava Emily Sophie Grace Lily Mia Emma Charlotte Hannah Rebecca Laura Sarah Priya "
                 "Jessica Lucy Chloe Ellie Katie Rachel Helen Claire Nicola Joanne Fiona Gemma Aisha Zara").split()
    m.surnames = ("Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson "
                  "Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin "
                  "Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson "
                  "Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins "
                  "Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum "
                  "Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen "
                  "Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon "
                  "Harvey O'Brien").split()
    m.cities = [("London", "E SE SW N NW W EC WC".split(), 1, 20), ("Manchester", ["M"], 1, 40),
                ("Birmingham", ["B"], 1, 45), ("Leeds", ["LS"], 1, 29), ("Glasgow", ["G"], 1, 80),
                ("Bristol", ["BS"], 1, 49), ("Liverpool", ["L"], 1, 40), ("Edinburgh", ["EH"], 1, 55),
                ("Cardiff", ["CF"], 3, 24), ("Sheffield", ["S"], 1, 36), ("Newcastle upon Tyne", ["NE"], 1, 20),
                ("Nottingham", ["NG"], 1, 25), ("Leicester", ["LE"], 1, 19), ("Brighton", ["BN"], 1, 3)]
    m.plans = [Plan("7", "45789", 8, "mobile", 6), Plan("20", "378", 7, "fixed", 2), Plan("161", D2_9, 6, "fixed", 1),
               Plan("121", "234567", 6, "fixed", 1), Plan("113", "2345", 6, "fixed", 1)]
    places = ("Thames Valley|Pennine|Cotswold|Northern|Midlands|Severn|Mersey|Tyne|Kentish|Highland|Solent|Chiltern|"
              "Wessex|Anglian|Yorkshire|Cornish|Lakeland|Peak|Fenland|Clyde|Trent|Mendip|Downs|Weald|Cheviot|"
              "Humber|Avon|Medway|Ribble|Wye").split("|")
    sectors = ("Plumbing Solar Roofing Electrical Logistics Accountancy Builders Heating Windows Joinery Landscaping "
               "Consulting Engineering Catering Security Cleaning Recruitment Motors Printing Software Scaffolding "
               "Glazing Interiors Surveyors").split()
    forms = (["Ltd", "Limited", "PLC", "LLP", "Ltd."], [65, 20, 3, 7, 5])
    m.form_alt = {"Ltd": ["Limited", "LTD", "Ltd."], "Limited": ["Ltd", "LTD"], "PLC": ["plc", "P.L.C."],
                  "LLP": ["L.L.P."], "Ltd.": ["Ltd", "Limited"]}

    def company(rng, i):
        a, b, c = i % len(places), (i // len(places)) % len(sectors), i // (len(places) * len(sectors))
        form = rng.choices(forms[0], forms[1])[0]
        v = c % 3
        if v == 0:
            name = f"{places[a]} {sectors[b]}"
        elif v == 1:
            name = f"{m.surnames[(a * 5 + c) % len(m.surnames)]} & Sons {sectors[b]}"
        else:
            name = f"{m.surnames[(a * 11 + c) % len(m.surnames)]} {sectors[b]}"
        extra = "" if c < 3 else str(c // 3)
        return f"{name} {form}", ascii_slug(name.replace("& Sons", "and sons"), "") + extra + ".co.uk", form
    m.company = company
    m.company_space = 30 * 24 * 3 * 30
    m.providers = (["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk", "sky.com"],
                   [40, 20, 12, 12, 10, 6])
    return m


MARKETS = [market_no(), market_es(), market_ru(), market_kr(), market_ro(), market_gb()]
BY_CODE = {m.code: m for m in MARKETS}
for _m in MARKETS:
    _m.plan_cum = list(itertools.accumulate(p.weight for p in _m.plans))
    if hasattr(_m, "surnames"):
        _m.surname_cum = zipf_cum(len(_m.surnames), 0.8)
    if hasattr(_m, "first_m"):
        _m.first_m_cum = zipf_cum(len(_m.first_m), 0.6)
        _m.first_f_cum = zipf_cum(len(_m.first_f), 0.6)
    if _m.code == "KR":
        _m.kr_surname_cum = list(itertools.accumulate(w for _, _, w in _m.kr_surnames))
        _m.kr_first_m_cum = zipf_cum(len(_m.kr_first_m), 0.5)
        _m.kr_first_f_cum = zipf_cum(len(_m.kr_first_f), 0.5)
    _m.country_cum = list(itertools.accumulate(_m.countries[1]))
    _m.provider_cum = list(itertools.accumulate(_m.providers[1]))

COUNTRY_TO_CODE = {}
for _m in MARKETS:
    for _name in _m.countries[0]:
        if _name:
            COUNTRY_TO_CODE[_name.lower()] = _m.code


def market_of(country_cell):
    """The market of a row from its country column (blank: Norway, the benchmark's default)."""
    return BY_CODE[COUNTRY_TO_CODE.get(country_cell.strip().lower(), "NO")]


def pick(rng, items, cum):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


# ---------------------------------------------------------------------------------------------
# New people


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.generation = seed % 10
        self.market_cum = list(itertools.accumulate(m.weight for m in MARKETS))
        self.plan_counters = {id(p): 0 for m in MARKETS for p in m.plans}
        self.person = 0  # e-mail counter: unique within the generation

    def new_row(self):
        rng = self.rng
        m = pick(rng, MARKETS, self.market_cum)
        female = rng.random() < 0.5
        if m.code == "KR":
            sur, sur_latin, _ = pick(rng, m.kr_surnames, m.kr_surname_cum)
            first, first_latin = (pick(rng, m.kr_first_f, m.kr_first_f_cum) if female
                                  else pick(rng, m.kr_first_m, m.kr_first_m_cum))
        else:
            first = pick(rng, m.first_f, m.first_f_cum) if female else pick(rng, m.first_m, m.first_m_cum)
            sur = pick(rng, m.surnames, m.surname_cum)
            if m.code == "ES" and rng.random() < m.two_surnames:
                sur = sur + " " + pick(rng, m.surnames, m.surname_cum)
            if female and m.code == "RU":
                sur = m.female_surname(sur)
            first_latin, sur_latin = ascii_slug(first), ascii_slug(sur)

        # Company: skewed towards the first part of the space (a few companies with many contacts).
        has_company = rng.random() < 0.85
        if has_company:
            company, domain, _ = m.company(rng, int(m.company_space * rng.random() ** 1.6))
        else:
            company, domain = "", None

        plan = pick(rng, m.plans, m.plan_cum)
        counter = self.plan_counters[id(plan)]
        self.plan_counters[id(plan)] = counter + 1
        nsn = plan.number(self.generation, counter)
        intl = rng.random() < m.intl_share
        phone = m.fmt(nsn, plan.area, intl, rng.randrange(4))

        self.person += 1
        tag = self.generation * 10_000_000 + self.person
        if domain and rng.random() < 0.65:
            host = domain
        else:
            host = pick(rng, m.providers[0], m.provider_cum)
        style = rng.randrange(4)
        if style == 0:
            local = f"{first_latin}.{sur_latin}.{tag}"
        elif style == 1:
            local = f"{first_latin[:1]}{sur_latin}{tag}"
        elif style == 2:
            local = f"{sur_latin}.{first_latin}{tag}"
        else:
            local = f"{first_latin}{tag}"
        email = f"{local.replace(' ', '')}@{host}" if rng.random() < 0.93 else ""
        if not email and not phone:
            phone = m.fmt(nsn, plan.area, intl, 0)

        website = ""
        if domain and rng.random() < 0.6:
            website = [f"www.{domain}", f"https://{domain}", f"http://www.{domain}/", domain][rng.randrange(4)]

        city, postcode = self.place(m)
        country = pick(rng, m.countries[0], m.country_cum)
        if country == "" and (m.code != "NO"):
            country = m.code
        if rng.random() < 0.05:  # some lists lack the person's name: the company is the lead
            first, sur = "", ""
        return [first, sur, company, phone, email, website, city, postcode, country]

    def place(self, m):
        rng = self.rng
        if rng.random() < 0.12:
            return "", ""
        city = m.cities[rng.randrange(len(m.cities))]
        if m.code == "GB":
            area = city[1][rng.randrange(len(city[1]))]
            district = rng.randint(city[2], city[3])
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            return city[0], f"{area}{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        name, lo, hi, width = city
        return name, str(rng.randint(lo, hi)).zfill(width)


# ---------------------------------------------------------------------------------------------
# Duplicates of existing rows, written another way


def parse_phone(text, m):
    """(national significant number, written internationally?) of a phone this generator wrote."""
    digits = re.sub(r"\D", "", text)
    stripped = text.strip()
    if stripped.startswith("+") or stripped.startswith("(+"):
        nsn, intl = digits[len(m.cc):], True
    elif digits.startswith("00" + m.cc):
        nsn, intl = digits[2 + len(m.cc):], True
    else:
        nsn, intl = digits, False
        if m.trunk and nsn.startswith(m.trunk):
            nsn = nsn[len(m.trunk):]
    if intl and m.trunk == "0" and "(0)" in text:
        nsn = nsn[1:] if nsn.startswith("0") else nsn
    area = ""
    for plan in sorted(m.plans, key=lambda p: -len(p.area)):
        if nsn.startswith(plan.area):
            area = plan.area
            break
    return nsn, area, intl


def spaced(rng, text):
    """Extra spaces, as pasted lists have them."""
    if not text:
        return text
    r = rng.random()
    if r < 0.35:
        return "  " + text + " "
    if r < 0.6 and " " in text:
        return text.replace(" ", "  ", 1) + "  "
    return " " + text


def swap_legal_form(rng, company, m):
    for form, alternatives in sorted(m.form_alt.items(), key=lambda kv: -len(kv[0])):
        if form in company:
            alt = alternatives[rng.randrange(len(alternatives))]
            if m.code == "RU" and company.startswith(form + " "):
                name = company[len(form) + 1:].strip("«»\"")
                return [f"{name} {alt}", f"{alt} {name}", f"{alt} «{name}»", f"{name}, {alt}"][rng.randrange(4)]
            if m.code == "KR":
                name = company.replace(form, "").strip()
                return [f"{alt} {name}", f"{name} {alt}", f"{alt}{name}"][rng.randrange(3)]
            return company.replace(form, alt, 1)
    return company


CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})


def duplicate_of(rng, row):
    first, sur, company, phone, email, website, city, postcode, country = row
    m = market_of(country)
    changes = 0
    # The phone in the other notation: national <-> international.
    if phone:
        nsn, area, intl = parse_phone(phone, m)
        if area and rng.random() < 0.85:
            phone = m.fmt(nsn, area, not intl, rng.randrange(4))
            changes += 1
    # The e-mail in other letter cases.
    if email and rng.random() < 0.7:
        local, _, host = email.partition("@")
        r = rng.random()
        email = email.upper() if r < 0.5 else (local.title() + "@" + host.title() if r < 0.8 else local + "@" + host.upper())
        changes += 1
    # Name order swapped, or cased/spaced differently.
    r = rng.random()
    if r < 0.2 and first and sur:
        first, sur = sur, first
    elif r < 0.35 and sur:
        sur = sur.upper()
    first, sur = spaced(rng, first) if rng.random() < 0.3 else first, spaced(rng, sur) if rng.random() < 0.3 else sur
    # Company: another way of writing the legal form ("LLC" for "ООО", "SL" for "S.L.", "㈜" for "(주)").
    if company and rng.random() < 0.6:
        company = swap_legal_form(rng, company, m)
    if company and rng.random() < 0.3:
        company = spaced(rng, company)
    if m.code == "RO" and rng.random() < 0.5:  # the old cedilla letters ş/ţ for ș/ț
        first, sur, company, city = (s.translate(CEDILLA) for s in (first, sur, company, city))
    if website and rng.random() < 0.5:
        bare = re.sub(r"^https?://", "", website).strip("/")
        bare = bare[4:] if bare.startswith("www.") else bare
        website = [f"https://www.{bare}/", bare, f"http://{bare}", f"www.{bare}"][rng.randrange(4)]
    # Another name of the country (keeps national phones readable).
    if country or m.code != "NO":
        country = m.countries[0][rng.randrange(len(m.countries[0]))] or m.code
    # Sometimes one of phone / e-mail is missing in the second list; never both.
    r = rng.random()
    if r < 0.1 and email:
        phone = ""
    elif r < 0.2 and phone:
        email = ""
    if changes == 0 and email:
        email = email.upper()
    return [first, sur, company, phone, email, website, city, postcode, country]


def read_existing(path, count_wanted, rng):
    """Chooses count_wanted rows of the earlier file; also returns its e-mail addresses (lower case)."""
    with open(path, "rb") as f:
        total = sum(1 for _ in f) - 1
    wanted = set(rng.sample(range(total), min(count_wanted, total)))
    chosen = {}
    emails = set()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for i, row in enumerate(reader):
            if row[4]:
                emails.add(row[4].strip().lower())
            if i in wanted:
                chosen[i] = row
    rows = [chosen[i] for i in sorted(chosen)]
    rng.shuffle(rows)
    return rows, emails, total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duplicates", type=float, default=0.10)
    ap.add_argument("--existing")
    ap.add_argument("--out")
    args = ap.parse_args()
    started = time.monotonic()

    gen = Generator(args.seed)
    dup_rng = random.Random(args.seed * 7_919 + 13)
    dups, existing_emails = [], set()
    if args.existing:
        dups, existing_emails, _ = read_existing(args.existing, round(args.rows * args.duplicates), dup_rng)
    dup_at = set(dup_rng.sample(range(args.rows), len(dups))) if dups else set()

    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else io.TextIOWrapper(
        sys.stdout.buffer, encoding="utf-8", newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    chunk, next_dup, collisions = [], 0, 0
    for i in range(args.rows):
        if i in dup_at:
            chunk.append(duplicate_of(dup_rng, dups[next_dup]))
            next_dup += 1
        else:
            row = gen.new_row()
            if existing_emails and row[4] and row[4].lower() in existing_emails:
                collisions += 1
            chunk.append(row)
        if len(chunk) == 10_000:
            writer.writerows(chunk)
            chunk.clear()
    writer.writerows(chunk)
    out.flush()
    if args.out:
        out.close()
    if collisions:
        sys.exit(f"{collisions} new rows share an e-mail with {args.existing}: use a seed that differs mod 10")
    print(f"generate_leads: {args.rows} rows ({len(dups)} duplicates of {args.existing or '-'}), seed {args.seed}, "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
