"""Column letters of A1 cell references, for the list reader and the workbook writer alike."""

from __future__ import annotations


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n
