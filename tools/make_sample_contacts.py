"""Write contacts/samples/member-states.csv: one fictional minister per ITU Member State.

The people are invented; the ministries are plausible names in each state's working
language; every address is on the state's reserved ``<iso3>.example`` domain (RFC 2606), so
nothing can ever reach a real mailbox. The output is deterministic: each state's choices
come from a random generator seeded with its ISO code, so rerunning gives the same bytes.

    python tools/make_sample_contacts.py            # rewrites the sample file
    python tools/make_sample_contacts.py --check    # fails if the shipped file is out of date

``salutation`` is the opening of the letter without its punctuation (templates add the
language's own: ",", ":", "،", "："); about a quarter are left empty so that templates fall
back on their neutral form.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from circular.countries import Country, member_states  # noqa: E402

OUTPUT = ROOT / "contacts" / "samples" / "member-states.csv"
# The date CL-21/4 was sent: the sample holds the 193 Member States of that day.
AS_OF = date(2021, 2, 3)
COLUMNS = (
    "country",
    "language",
    "salutation",
    "title",
    "name",
    "position",
    "ministry",
    "email",
    "cc",
)
SHARE_WITHOUT_SALUTATION = 0.25
SHARE_WITH_CC = 0.35


@dataclass(frozen=True)
class Words:
    """What one language needs to address a minister: by gender, "m" and "f"."""

    salutation: dict[str, str]
    title: dict[str, str]
    minister: dict[str, str]  # the word for the office, prefixed to the ministry's field
    # Full names in the language's usual order, by M49 region ("*": any) and then by gender.
    names: dict[str, dict[str, tuple[str, ...]]]
    fields: tuple[str, ...]  # what the ministry is for, as it follows "Ministry"/"Minister"
    ministry: str  # "{field}" is replaced
    position: str  # "{minister}" and "{field}" are replaced
    mailbox: dict[str, str]  # local part of the minister's address


WORDS: dict[str, Words] = {
    "en": Words(
        salutation={"m": "Dear Sir", "f": "Dear Madam"},
        title={"m": "H.E. Mr", "f": "H.E. Ms"},
        minister={"m": "Minister", "f": "Minister"},
        names={
            "Africa": {
                "m": ("Samuel Mensah", "David Okello", "Tendai Moyo", "Olusegun Adeyemi"),
                "f": ("Grace Wanjiru", "Thandiwe Dlamini", "Abena Owusu", "Ngozi Eze"),
            },
            "Americas": {
                "m": ("Michael Thompson", "André Williams", "Ricardo Almeida"),
                "f": ("Sandra Joseph", "Camille Baptiste", "Beatriz Souza"),
            },
            "Asia": {
                "m": ("Rajesh Kumar", "Kenji Watanabe", "Nguyen Van Minh", "Somchai Srisuk"),
                "f": ("Priya Raman", "Siti Rahmawati", "Mei Ling Tan", "Nilufar Rahman"),
            },
            "Europe": {
                "m": ("Thomas Lindqvist", "Peter Novak", "João Pereira", "Luca Bianchi"),
                "f": ("Emma Jansen", "Maria Kowalska", "Chiara Rossi", "Ingrid Halvorsen"),
            },
            "Oceania": {
                "m": ("Sione Tupou", "James Kalsakau", "Tevita Fifita"),
                "f": ("Aroha Ngata", "Losa Faleolo", "Mere Tuilagi"),
            },
        },
        fields=("Communications and Digital Economy", "Information and Communication Technology",
                "Transport and Communications", "Digital Transformation", "Innovation, Science "
                "and Technology"),
        ministry="Ministry of {field}",
        position="{minister} of {field}",
        mailbox={"m": "minister", "f": "minister"},
    ),
    "es": Words(
        salutation={"m": "Señor Ministro", "f": "Señora Ministra"},
        title={"m": "Excmo. Sr.", "f": "Excma. Sra."},
        minister={"m": "Ministro", "f": "Ministra"},
        names={"*": {
            "m": ("Carlos Méndez Ruiz", "Jorge Alberto Castillo", "Luis Fernández Ortega",
                  "Andrés Villalobos Paz"),
            "f": ("María José Herrera", "Lucía Romero Salinas", "Gabriela Núñez Vargas",
                  "Carmen Iglesias Soto"),
        }},
        fields=("Asuntos Económicos y Transformación Digital",
                "Tecnologías de la Información y las Comunicaciones",
                "Transportes y Comunicaciones",
                "Ciencia, Tecnología e Innovación", "Obras Públicas y Telecomunicaciones"),
        ministry="Ministerio de {field}",
        position="{minister} de {field}",
        mailbox={"m": "ministro", "f": "ministra"},
    ),
    "fr": Words(
        salutation={"m": "Monsieur le Ministre", "f": "Madame la Ministre"},
        title={"m": "S.E. M.", "f": "S.E. Mme"},
        minister={"m": "Ministre", "f": "Ministre"},
        names={"*": {
            "m": ("Jean-Baptiste Kaboré", "Amadou Diallo", "Pierre Lefèvre", "Didier Mbemba"),
            "f": ("Aminata Traoré", "Claire Dubois", "Fatou Ndiaye", "Hélène Rakotomalala"),
        }},
        fields=("de l'Économie numérique et des Postes", "des Postes et Télécommunications",
                "de la Communication et de l'Économie numérique",
                "de la Transformation numérique", "des Technologies de l'information"),
        ministry="Ministère {field}",
        position="{minister} {field}",
        mailbox={"m": "ministre", "f": "ministre"},
    ),
    "ru": Words(
        salutation={"m": "Уважаемый господин Министр", "f": "Уважаемая госпожа Министр"},
        title={"m": "г-н", "f": "г-жа"},
        minister={"m": "Министр", "f": "Министр"},
        names={"*": {
            "m": ("Алексей Викторович Смирнов", "Тимур Маратович Ахметов",
                  "Андрей Николаевич Козлов"),
            "f": ("Ольга Сергеевна Морозова", "Айгуль Ерлановна Сагинтаева",
                  "Наталья Петровна Волкова"),
        }},
        fields=("цифрового развития, связи и массовых коммуникаций", "связи и информатизации",
                "транспорта и коммуникаций", "информационных технологий и связи"),
        ministry="Министерство {field}",
        position="{minister} {field}",
        mailbox={"m": "minister", "f": "minister"},
    ),
    "zh": Words(
        salutation={"m": "尊敬的部长阁下", "f": "尊敬的部长阁下"},
        title={"m": "阁下", "f": "阁下"},
        minister={"m": "部长", "f": "部长"},
        names={"*": {"m": ("王建国", "李志强", "张伟"), "f": ("陈丽华", "刘芳", "赵敏")}},
        fields=("工业和信息化部",),
        ministry="{field}",
        position="{field}{minister}",
        mailbox={"m": "buzhang", "f": "buzhang"},
    ),
    "ar": Words(
        salutation={"m": "معالي الوزير", "f": "معالي الوزيرة"},
        title={"m": "معالي السيد", "f": "معالي السيدة"},
        minister={"m": "وزير", "f": "وزيرة"},
        names={"*": {
            "m": ("أحمد سالم المنصوري", "خالد عبد الله الحربي", "يوسف محمد بن علي",
                  "عمر حسن الخطيب"),
            "f": ("فاطمة علي الزهراني", "مريم خليل حداد", "ليلى أحمد بن سعيد", "هدى يوسف العلي"),
        }},
        fields=("الاتصالات وتقنية المعلومات", "الاقتصاد الرقمي والريادة",
                "البريد والمواصلات السلكية واللاسلكية",
                "الاتصالات والتحول الرقمي", "النقل والاتصالات"),
        ministry="وزارة {field}",
        position="{minister} {field}",
        mailbox={"m": "minister", "f": "minister"},
    ),
}  # fmt: skip

# A few states keep the name of the ministry they really had in 2021 (the person is fictional).
MINISTRY_FIELD = {
    "ESP": "Asuntos Económicos y Transformación Digital",
    "FRA": "de l'Économie, des Finances et de la Relance",
    "RUS": "цифрового развития, связи и массовых коммуникаций",
    "EGY": "الاتصالات وتكنولوجيا المعلومات",
}

# Offices that get a copy, by the local part of their address.
CC_MAILBOXES = ("cabinet", "protocol", "international", "dg.telecom", "itu.focalpoint")


def contact(country: Country) -> dict[str, str]:
    """One fictional minister for ``country``, the same on every run."""
    rng = random.Random(f"circular-sample-{country.iso3}")
    words = WORDS[country.language]
    gender = rng.choice("mf")
    names = words.names.get(country.region) or words.names["*"]
    field = MINISTRY_FIELD.get(country.iso3) or rng.choice(words.fields)
    domain = f"{country.iso3.lower()}.example"
    cc = ""
    if rng.random() < SHARE_WITH_CC:
        offices = rng.sample(CC_MAILBOXES, rng.randint(1, 3))
        cc = ";".join(f"{office}@{domain}" for office in offices)
    with_salutation = rng.random() >= SHARE_WITHOUT_SALUTATION
    return {
        "country": country.iso3,
        "language": country.language,
        "salutation": words.salutation[gender] if with_salutation else "",
        "title": words.title[gender],
        "name": rng.choice(names[gender]),
        "position": words.position.format(minister=words.minister[gender], field=field),
        "ministry": words.ministry.format(field=field),
        "email": f"{words.mailbox[gender]}@{domain}",
        "cc": cc,
    }


def render() -> str:
    """The CSV text: UTF-8 without BOM, LF line ends, a header and 193 rows by ISO3."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(contact(country) for country in member_states(AS_OF))
    return out.getvalue()


def main() -> None:
    """Write (or with --check, verify) contacts/samples/member-states.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: run tools/make_sample_contacts.py")
        print(f"{OUTPUT} is up to date")
        return
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} contacts)")


if __name__ == "__main__":
    main()
