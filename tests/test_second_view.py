"""A picture's second view (from the front or above): where it goes beside the side view, under
it, or left out (core/picture/layout.py's `fit_row`, and the rules in widgets/exercise_picture.py
built on it), each at its edge; and plain mode saying it in words, made safe."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from textual.style import Style

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.picture.figure import Box, picture_box, second_box
from lowback_tui.core.picture.layout import GAP, NARROWEST, fit_row
from lowback_tui.core.picture.model import HELD, START, Picture, Pose, SecondView, ViewName
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.session.picture_moment import PictureMoment
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain
from lowback_tui.widgets.exercise_picture import (
    SECOND_VIEW_MIN_WIDTH,
    PictureRows,
    PoseView,
)

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_countdown_screen import seconds_into, start, wait
from .test_plain import Script

SQUARE = Box(0, 0, 40, 40)
"""A figure as wide as it is tall: drawn `rows` tall it is `natural_width` 6 cells wide at 3
rows ((40 × 11/40 + 1) / 2 dots), 16 at 8 rows ((40 × 31/40 + 1) / 2)."""

TOWEL, SQUAT, SEATED = 4, 5, 6
"""The bundled towel reach (lying: long), squat with a twist (standing: tall) and seated twist
(sitting tall), each with a view from above."""


# ---- the core: fit_row at each of its edges ------------------------------------------------


def test_one_figure_takes_the_whole_row() -> None:
    assert fit_row([SQUARE], 5, 3) == [5]


def test_side_by_side_from_exactly_two_narrowest_figures_and_the_gap() -> None:
    """Two figures 6 cells wide alone, 3 rows tall: each is given at least NARROWEST (8) cells,
    so they need 8 + GAP + 8 = 18 columns."""
    assert (NARROWEST, GAP) == (8, 2)
    assert fit_row([SQUARE, SQUARE], 18, 3) == [8, 8]
    assert fit_row([SQUARE, SQUARE], 17, 3) is None  # 7 cells each: no longer a figure


def test_side_by_side_while_each_keeps_seven_tenths_of_its_size() -> None:
    """8 rows tall, alone each is 0.775 dots a unit (31/40); side by side each gets half the
    room: 12 cells (23/40 = 0.575 a unit) at 26 columns, at least 0.7 × 0.775 = 0.5425;
    11 cells (21/40 = 0.525) at 25 columns, less: one under the other instead."""
    assert fit_row([SQUARE, SQUARE], 26, 8) == [12, 12]
    assert fit_row([SQUARE, SQUARE], 25, 8) is None


def test_side_by_side_only_where_each_label_fits_under_its_figure() -> None:
    """Labels 10 long under figures 6 cells wide: 10 + 2 + 10 = 22 columns."""
    assert fit_row([SQUARE, SQUARE], 22, 3, least=[10, 10]) == [10, 10]
    assert fit_row([SQUARE, SQUARE], 21, 3, least=[10, 10]) is None


# ---- the countdown's figure: beside, under, or left out ----------------------------------


def held_moment(picture: Picture) -> PictureMoment:
    assert picture.second is not None
    return PictureMoment(picture, picture.held, HELD, picture.second.held)


def countdown_lines(moment: PictureMoment, width: int, height: int) -> list[str]:
    """The countdown's figure drawn `width` × `height`, as lines of text."""
    view = PoseView()
    view.moment = moment
    visual = view.render()
    strips = visual.render_strips(width, height, Style(), None)  # type: ignore[union-attr,arg-type]
    assert len(strips) <= height and all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


def placement(lines: list[str]) -> str:
    """Where the second view went: "beside" the side view (both labels on one line), "under"
    it (its label on a later line), or "left out"."""
    held = next(n for n, line in enumerate(lines) if HELD in line.split())
    second = [n for n, line in enumerate(lines) if "from above" in line]
    if not second:
        return "left out"
    return "beside" if second == [held] else "under" if second[0] > held else "above?"


def beside_edge(picture: Picture, rows: int, least: list[int]) -> int:
    """The fewest columns in which `fit_row` puts the side view and the second view side by
    side (the widths above it are tested on their own, at their edges, above)."""
    assert picture.second is not None
    boxes = [picture_box(picture), second_box(picture.second)]
    return next(w for w in range(1, 200) if fit_row(boxes, w, rows, least=least) is not None)


def test_standing_the_second_view_is_beside_from_its_edge_and_left_out_a_column_less(
    routine: Routine,
) -> None:
    """A standing figure is as tall as the widget: one under the other, each would be half its
    size, so where the two do not fit side by side the second view is left out."""
    picture = routine.exercises[SQUAT].picture
    assert picture is not None
    height = 17
    edge = beside_edge(picture, height - 1, [len(HELD), len("from above")])
    assert 20 < edge < 60  # a real edge, inside the countdown's width at 80 columns
    assert placement(countdown_lines(held_moment(picture), edge, height)) == "beside"
    assert placement(countdown_lines(held_moment(picture), edge - 1, height)) == "left out"


FLAT = Picture(
    held=Pose({"head": (6, 5), "shoulder": (14, 4), "hip": (44, 4), "near_foot": (94, 3)}),
    description="Lying flat",
    second=SecondView(
        ViewName.ABOVE,
        Pose({"head": (6, 50), "shoulder": (14, 50), "hip": (44, 50), "near_foot": (94, 50)}),
        "Seen from above, lying straight",
    ),
)
"""A figure lying flat, long and low: one under the other it keeps its size (its width sets its
scale), so only the rows decide."""


@pytest.mark.parametrize(("height", "where"), [(8, "under"), (7, "left out")])
def test_lying_the_second_view_goes_under_from_three_rows_each(height: int, where: str) -> None:
    """Two figures one under the other, each with its label: (8 - 2) // 2 = 3 rows each
    (STACKED_MIN_ROWS) at a height of 8; 2 rows each at 7, too few: left out."""
    assert placement(countdown_lines(held_moment(FLAT), 38, height)) == where


def test_a_lying_figure_and_its_view_from_above_never_fit_side_by_side() -> None:
    assert placement(countdown_lines(held_moment(FLAT), 80, 20)) == "under"


@pytest.mark.parametrize(
    ("exercise", "where"), [(SQUAT, "beside"), (TOWEL, "under"), (SEATED, "left out")]
)
async def test_the_countdown_at_80x24_places_each_second_view(
    routine: Routine, exercise: int, where: str
) -> None:
    """In the app during the hold: the squat's view from above beside it, the towel reach's
    under it, and the seated twist's left out (sitting tall, there is room for neither)."""
    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, Kind.HOLD, exercise))
        figure = app.screen.query_one(PoseView)
        assert figure.moment is not None and figure.moment.label == HELD
        assert figure.moment.picture == routine.exercises[exercise].picture
        shown = screen_text(app).splitlines()[figure.region.y : figure.region.bottom]
        left = [line[figure.region.x : figure.region.right] for line in shown]
        assert placement(left) == where


# ---- the detail (d): beside the two positions, in a row of its own, or left out ----------


def detail_lines(picture: Picture, width: int) -> list[str]:
    visual = PictureRows(picture)
    strips = visual.render_strips(width, None, Style(), None)  # type: ignore[arg-type]
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


def test_the_detail_leaves_the_second_view_out_below_twenty_columns(routine: Routine) -> None:
    picture = routine.exercises[SQUAT].picture
    assert picture is not None
    assert SECOND_VIEW_MIN_WIDTH == 20
    assert any("from above" in line for line in detail_lines(picture, 20))
    assert not any("from above" in line for line in detail_lines(picture, 19))


def test_the_detail_puts_all_four_in_one_row_from_their_edge(routine: Routine) -> None:
    """Start and hold, and both from above, side by side where `fit_row` fits all four (each
    label under its figure); a column less, the view from above goes in a row of its own."""
    picture = routine.exercises[SQUAT].picture
    assert picture is not None and picture.second is not None
    boxes = [picture_box(picture)] * 2 + [second_box(picture.second)] * 2
    labels = [len(START), len(HELD), len("start, from above"), len("hold, from above")]
    edge = next(w for w in range(20, 200) if fit_row(boxes, w, 8, least=labels) is not None)
    assert edge <= 76  # the d window's width at 80 columns: one row there

    def label_lines(width: int) -> list[int]:
        lines = detail_lines(picture, width)
        return [n for n, line in enumerate(lines) if HELD in line.split() or "above" in line]

    assert len(label_lines(edge)) == 1  # every label on the one line
    assert len(label_lines(edge - 1)) > 1


# ---- plain mode says it --------------------------------------------------------------------


def test_plain_mode_says_the_second_view_made_safe(routine: Routine, tmp_path: Path) -> None:
    """The squat's view from above in words after the side view's, once; a description holding
    control characters and markup (past the file check, say, edited in memory) is printed with
    each control as a visible escape and the markup as written, never acted on."""
    squat = routine.exercises[SQUAT]
    assert squat.picture is not None and squat.picture.second is not None
    hostile = "From above: \x1b]0;owned\x07hips \x1b[2Jsquare\u202e, [bold red]turn[/] \x9b31m"
    second = squat.picture.second._replace(description=hostile)
    exercise = replace(squat, picture=squat.picture._replace(second=second))
    save(Settings(safety_read=True))
    out = io.StringIO()
    clock = FakeClock()
    store = HistoryStore.open(tmp_path / "h.db")
    one = replace(routine, exercises=(exercise,))
    Plain(out, Script(clock, [""] * 6, {})).run(Trainer(one, clock=clock, store=store))
    said = [line for line in out.getvalue().splitlines() if line.startswith("The position:")]
    assert said == [
        "The position: Standing tall, arms straight out in front; then knees bent a little, hips"
        " back, chest and arms turned gently to one side."
        " From above: \\x1b]0;owned\\x07hips \\x1b[2Jsquare\\u202e, [bold red]turn[/] \\x9b31m."
    ]
    assert not any(ch in out.getvalue() for ch in "\x1b\x9b\u202e")  # (a bell is plain's own)
