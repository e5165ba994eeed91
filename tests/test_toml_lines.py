"""Finding the line of a dotted key path."""

from __future__ import annotations

from lowback_tui.core.routine.lines import KeyLines

TEXT = '''\
name = "x"          # 1
[timing]            # 2
rest_seconds = 5    # 3
[[exercise]]        # 4
name = "a"          # 5
cues = [            # 6
  "one, with a comma", # 7
  """not a key = 1""", # 8
  'three',          # 9
]                   # 10
[[exercise]]        # 11
"quoted key" = 1    # 12
note = """          # 13
fake = 1            # 14
"""                 # 15
side_names = ["l", "r"]  # 16
timing.rest_seconds = 2  # 17
'''


def test_keys_tables_and_items_are_found() -> None:
    lines = KeyLines(TEXT)
    assert lines.line_of("name") == 1
    assert lines.line_of("timing.rest_seconds") == 3
    assert lines.line_of("exercise[1]") == 4
    assert lines.line_of("exercise[1].cues") == 6
    assert lines.line_of("exercise[1].cues[1]") == 7
    assert lines.line_of("exercise[1].cues[2]") == 8
    assert lines.line_of("exercise[1].cues[3]") == 9
    assert lines.line_of("exercise[2]") == 11
    assert lines.line_of("exercise[2].quoted key") == 12
    assert lines.line_of("exercise[2].side_names[2]") == 16
    assert lines.line_of("exercise[2].timing.rest_seconds") == 17


def test_text_inside_multiline_strings_is_not_a_key() -> None:
    assert KeyLines(TEXT).line_of("exercise[2].fake") == 11  # falls back to the table


def test_missing_keys_fall_back_to_the_nearest_enclosing_one() -> None:
    lines = KeyLines(TEXT)
    assert lines.line_of("exercise[1].hold_seconds") == 4
    assert lines.line_of("exercise[1].cues[9]") == 6
    assert lines.line_of("timing.switch_seconds") == 2
    assert lines.line_of("nowhere") is None


def test_a_table_inside_an_array_of_tables_is_found_in_its_own_item() -> None:
    text = (
        "[[exercise]]\n"  # 1
        "[exercise.picture]\n"  # 2
        "[exercise.picture.held]\n"  # 3
        "head = [1, 2]\n"  # 4
        "[[exercise]]\n"  # 5
        "[exercise.picture.held]\n"  # 6
        "head = [\n"  # 7
        "  1,\n"  # 8
        "  200,\n"  # 9
        "]\n"  # 10
    )
    lines = KeyLines(text)
    assert lines.line_of("exercise[1].picture") == 2
    assert lines.line_of("exercise[1].picture.held.head") == 4
    assert lines.line_of("exercise[2].picture") == 5
    assert lines.line_of("exercise[2].picture.held.head") == 7
    assert lines.line_of("exercise[2].picture.held.head[2]") == 9
