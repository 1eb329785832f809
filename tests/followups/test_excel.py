from __future__ import annotations

from datetime import UTC, date, datetime

from openpyxl import load_workbook

from circular.followups.excel import write_table


def test_formula_like_text_stays_text(tmp_path) -> None:
    dangerous = ['=HYPERLINK("http://x.example","x")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]
    path = write_table(tmp_path / "r.xlsx", "Report", ["value"], [[v] for v in dangerous])
    sheet = load_workbook(path).active
    cells = [sheet.cell(row=i + 2, column=1) for i in range(len(dangerous))]
    assert [c.value for c in cells] == dangerous
    assert all(c.data_type == "s" for c in cells)  # text, not 'f' (formula)


def test_types_and_atomic_write(tmp_path) -> None:
    when = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)
    path = write_table(
        tmp_path / "sub" / "r.xlsx", "S", ["a", "b", "c", "d"], [[1, when, date(2021, 3, 1), None]]
    )
    sheet = load_workbook(path).active
    assert sheet["A2"].value == 1
    assert sheet["B2"].value == datetime(2021, 2, 3, 9, 30)
    assert sheet["C2"].value == datetime(2021, 3, 1)
    assert sheet["D2"].value is None
    assert [p.name for p in path.parent.iterdir()] == ["r.xlsx"]  # no temporary left behind
