"""Chinese text rules shared by every output."""

from datetime import date
from decimal import Decimal

import pytest

from exporter.model import credit_code_check_char
from exporter.text import display_width, format_date, format_number, fullwidth_punctuation, parse_date


@pytest.mark.parametrize("raw, want", [
    ("范兆森讲话,动员全区", "范兆森讲话，动员全区"),
    ("会议议程:一是;二是", "会议议程：一是；二是"),
    ("见(附件1)", "见（附件1）"),
    ("(一)不折不扣", "（一）不折不扣"),
    ("是否落实?必须!", "是否落实？必须！"),
    ("时间 09:00 开始", "时间 09:00 开始"),          # between digits: untouched
    ("“2+1”转型方向", "“2+1”转型方向"),
    ("Hello, world (test)", "Hello, world (test)"),  # Latin context: untouched
    ("增长16.3%,高新", "增长16.3%，高新"),
])
def test_halfwidth_punctuation_next_to_chinese_becomes_fullwidth(raw, want):
    assert fullwidth_punctuation(raw) == want


def test_dates_print_without_zero_padding_and_parse_both_forms():
    assert format_date(date(2024, 3, 1)) == "2024年3月1日"
    assert parse_date("2024年3月11日") == parse_date("2024-03-11") == date(2024, 3, 11)
    with pytest.raises(ValueError, match="不是存在的日期"):
        parse_date("2024-02-30")


def test_numbers_print_plainly():
    assert format_number(Decimal("120.50")) == "120.5"
    assert format_number(Decimal("1E+2")) == "100"


def test_credit_code_check_character_matches_a_published_code():
    # 91350100M000100Y43 is the worked example of GB 32100-2015 Appendix
    assert credit_code_check_char("91350100M000100Y4") == "3"


def test_cjk_counts_double_width():
    assert display_width("山西ab") == 6
