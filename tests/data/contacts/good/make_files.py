"""Writes the code-page contact files of this folder from the UTF-8 sample contacts.

Run once from the project root (``python tests/data/contacts/good/make_files.py``); the files
are committed, so tests read fixed bytes. Each ``<file>.expected.txt`` lists, in UTF-8, the
country, name and ministry intake must store for each row, letter for letter.
"""

# ruff: noqa: E501 (rows of data read best one per line)
from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent
SAMPLE = HERE.parents[3] / "contacts" / "samples" / "member-states.csv"
HEADER = ["country", "language", "title", "name", "ministry", "email"]
CHINESE = [
    ["中国", "zh", "阁下", "张伟", "工业和信息化部", "buzhang@chn.example"],
    ["新加坡", "zh", "阁下", "杨莉明", "通讯及新闻部", "minister@sgp.example"],
    ["马来西亚", "zh", "阁下", "法米·法兹尔", "通讯部", "minister@mys.example"],
    ["泰国", "zh", "阁下", "巴瑟·占塔拉雷", "数字经济与社会部", "minister@tha.example"],
    ["越南", "zh", "阁下", "阮孟雄", "信息和传媒部", "minister@vnm.example"],
    ["蒙古", "zh", "阁下", "乌其尔·巴特", "数字发展和通信部", "minister@mng.example"],
]
JAPANESE = [
    ["JPN", "en", "閣下", "松本剛明", "総務省", "daijin@jpn.example"],
    ["KOR", "en", "閣下", "李宗昊", "科学技術情報通信部", "minister@kor.example"],
    ["CHN", "en", "閣下", "金壮龍", "工業情報化部", "buzhang@chn.example"],
    ["MNG", "en", "閣下", "ウチラル・バト", "デジタル開発通信省", "minister@mng.example"],
    ["THA", "en", "閣下", "プラセート・チャンタラルアントーン", "デジタル経済社会省", "minister@tha.example"],
]  # fmt: skip


def sample_rows(languages: set[str]) -> list[list[str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return [
        [row["country"], row["language"], row["title"], row["name"], row["ministry"], row["email"]]
        for row in rows
        if row["language"] in languages
    ]


def write(name: str, encoding: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *rows])
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))
    expected = "".join(f"{row[0]}\t{row[3]}\t{row[4]}\n" for row in rows)
    (HERE / f"{name}.expected.txt").write_text(expected, encoding="utf-8")


def main() -> None:
    russian = sample_rows({"ru"})
    arabic = sample_rows({"ar"})
    western = sample_rows({"fr", "es"})
    # Windows-1252 has letters ISO-8859-1 lacks (curly quotes, œ): one file uses them.
    curly = [[*row[:4], row[4].replace("'", "’"), row[5]] for row in western]
    curly[0][4] = "Ministère de l’Économie et des Œuvres numériques"
    write("russian.cp1251.csv", "cp1251", russian)
    write("arabic.cp1256.csv", "cp1256", arabic)
    write("chinese.gbk.csv", "gbk", CHINESE)
    write("chinese.gb18030.csv", "gb18030", CHINESE)
    write("japanese.shift_jis.csv", "shift_jis", JAPANESE)
    write("western.iso-8859-1.csv", "iso-8859-1", western)
    write("western.cp1252.csv", "cp1252", curly)
    write("western.mac_roman.csv", "mac_roman", western)


if __name__ == "__main__":
    main()
