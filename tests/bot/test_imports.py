"""Reading a longlist sent in one go: pasted lines, .csv, .xlsx and .txt files."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from bot.services.imports import (
    FILE_LIMIT,
    LIMIT,
    Batch,
    Refused,
    Row,
    Unreadable,
    check_file,
    from_file,
    from_text,
)


def xlsx(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def batch(read: Batch | Unreadable) -> Batch:
    assert isinstance(read, Batch), read
    return read


def names(read: Batch | Unreadable) -> list[str]:
    return [row.name for row in batch(read).rows]


def test_pasted_lines_are_a_partner_each_and_empty_lines_are_skipped() -> None:
    long = "Я" * 65
    read = batch(from_text("  Вектор \n\n«»\nАльфа   Групп\n" + long + "\n \t\n"))
    assert read.rows == (Row(1, "Вектор"), Row(4, "Альфа Групп"))
    assert read.refused == (Refused(5, "too_long", long),)
    assert read.entries == [("Вектор", None), ("Альфа Групп", None)]


def test_a_paste_of_more_than_the_limit_is_refused_whole() -> None:
    assert len(batch(from_text("\n".join(f"P{i}" for i in range(LIMIT)))).rows) == LIMIT
    assert from_text("\n".join(f"P{i}" for i in range(LIMIT + 1))) == Unreadable("too_many")


def test_a_semicolon_csv_with_a_russian_header_bom_and_all_columns() -> None:
    data = (
        "Название;Технологический;Оценщики\r\n"
        "«Вектор»;да;@boris, @vera\r\n"
        "Альфа;Нет;\r\n"
        ";да;@boris\r\n"
        "Гамма;;boris_k vera_s\r\n"
    ).encode("utf-8-sig")
    read = batch(from_file("Лонг-лист.CSV", data))
    assert read.rows == (
        Row(2, "«Вектор»", True, ("@boris", "@vera")),
        Row(3, "Альфа", False),
        Row(5, "Гамма", None, ("@boris_k", "@vera_s")),
    )
    assert read.refused == (Refused(4, "no_name"),)
    assert read.assessors == ["@boris", "@vera", "@boris_k", "@vera_s"]


def test_a_comma_csv_in_english_with_columns_in_another_order() -> None:
    data = b"Assessors,Partner,Technology\n@anna_k,Acme,TRUE\n,Globex,0\n"
    read = batch(from_file("list.csv", data))
    assert read.rows == (Row(2, "Acme", True, ("@anna_k",)), Row(3, "Globex", False))


def test_a_windows_1251_csv_without_a_header() -> None:
    data = "Вектор;да\nЛесная сказка;нет\n".encode("cp1251")
    assert batch(from_file("x.csv", data)).entries == [("Вектор", True), ("Лесная сказка", False)]


def test_one_column_keeps_commas_inside_names() -> None:
    assert names(from_file("x.csv", b'"Roga, LLC"\nAcme Inc\nBeta, LLC\n')) == [
        "Roga, LLC",
        "Acme Inc",
        "Beta, LLC",
    ]


def test_cells_that_would_not_do_refuse_their_row_only() -> None:
    data = "Вектор;может быть\nАльфа;да;Борис\nГамма;да\n".encode()
    read = batch(from_file("x.csv", data))
    assert names(read) == ["Гамма"]
    assert read.refused == (
        Refused(1, "technology", "Вектор", "может быть"),
        Refused(2, "assessor", "Альфа", "Борис"),
    )


def test_txt_is_a_partner_a_line_in_any_usual_encoding() -> None:
    assert names(from_file("a.txt", "Вектор\r\nАльфа\r\n".encode("utf-16"))) == ["Вектор", "Альфа"]
    assert names(from_file("a.txt", "Вектор\nАльфа".encode("cp1251"))) == ["Вектор", "Альфа"]


def test_an_xlsx_with_a_header_booleans_and_numbers() -> None:
    data = xlsx(
        ("Партнёр", "Технологический", "Оценщики"),
        ("Вектор", True, "@boris"),
        (None, None, None),
        ("Альфа", "нет", None),
        (1234.0, 1, "@vera_s;@boris"),
    )
    assert batch(from_file("longlist.xlsx", data)).rows == (
        Row(2, "Вектор", True, ("@boris",)),
        Row(4, "Альфа", False),
        Row(5, "1234", True, ("@vera_s", "@boris")),
    )


@pytest.mark.parametrize(
    ("file_name", "data"),
    [
        ("list.xlsx", b"\x89PNG garbage that is not a zip" * 10),
        ("list.xlsx", b"PK\x03\x04 a broken zip"),
        ("list.xlsx", "Вектор;да\n".encode()),
    ],
)
def test_what_is_not_a_workbook_is_not_a_table(file_name: str, data: bytes) -> None:
    assert from_file(file_name, data) == Unreadable("not_table", file_name)


def test_a_zip_of_something_else_is_not_a_table() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert from_file("a.xlsx", out.getvalue()) == Unreadable("not_table", "a.xlsx")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(1, 32)) * 8,
        b"%PDF-1.4\n\x9c\x98\x01stream",
    ],
)
def test_a_binary_named_csv_or_txt_is_not_text(data: bytes) -> None:
    assert from_file("list.csv", data) == Unreadable("binary", "list.csv")
    assert from_file("list.txt", data) == Unreadable("binary", "list.txt")


def test_too_many_rows_refuse_the_whole_file() -> None:
    rows = [("Название",), *((f"Партнёр {i}",) for i in range(5000))]
    assert from_file("big.xlsx", xlsx(*rows)) == Unreadable("too_many", "big.xlsx")
    text = "\n".join(f"Партнёр {i};да" for i in range(5000)).encode()
    assert from_file("big.csv", text) == Unreadable("too_many", "big.csv")
    exactly = xlsx(*rows[: LIMIT + 1])
    assert len(batch(from_file("ok.xlsx", exactly)).rows) == LIMIT


@pytest.mark.parametrize(
    ("file_name", "data"),
    [
        ("empty.csv", "Название;Технологический;Оценщики\n;да;@boris\n;нет;\n".encode()),
        ("empty.csv", b""),
        ("empty.txt", b"\n \n"),
        ("empty.xlsx", xlsx(("Name", "Technology"), (None, "yes"), (None, "no"))),
    ],
)
def test_an_empty_name_column_is_no_list(file_name: str, data: bytes) -> None:
    assert from_file(file_name, data) == Unreadable("no_names", file_name)


def test_files_are_checked_by_kind_and_size_before_they_are_read() -> None:
    assert check_file("list.csv", 1000) is None
    assert check_file("list.XLSX", None) is None
    assert check_file("list.pdf", 1000) == Unreadable("kind", "list.pdf")
    assert check_file("csv", 10) == Unreadable("kind", "csv")
    assert check_file(None, 10) == Unreadable("kind", "")
    assert check_file("big.csv", FILE_LIMIT + 1) == Unreadable("too_big", "big.csv")
    assert from_file("big.txt", b"a\n" * FILE_LIMIT) == Unreadable("too_big", "big.txt")
