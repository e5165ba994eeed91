"""Pictures on screen: which pose each moment shows, the detail's figures, the countdown's, and
the words said instead of them in plain mode."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from textual.style import Style

from lowback_tui.app import LowbackApp
from lowback_tui.core import wording
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.picture.figure import EMPTY, between
from lowback_tui.core.picture.model import HELD, MOVING, START, WORK_HELD, Picture, Pose
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, Phase, Side
from lowback_tui.core.session.engine import State, View
from lowback_tui.core.session.picture_moment import picture_moment, share_moved
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain
from lowback_tui.widgets.exercise_picture import PictureRows, PoseView, rows_for_screen

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_countdown_screen import start, wait
from .test_plain import Script

LYING = """
name = "Pictures"
[timing]
get_ready_seconds = 5
rest_seconds = 10
[[exercise]]
name = "Knee hug"
hold_seconds = 5
reps = 1
[exercise.picture]
description = "On the back, one knee hugged to the chest"
[exercise.picture.start]
head = [10, 6]
shoulder = [20, 4]
hip = [50, 4]
near_knee = [70, 4]
near_foot = [90, 3]
[exercise.picture.held]
head = [10, 6]
shoulder = [20, 4]
hip = [50, 4]
near_knee = [40, 30]
near_foot = [56, 22]
[[exercise]]
name = "Stand tall"
work_seconds = 10
[exercise.picture]
description = "Standing tall, arms by the sides."
[exercise.picture.held]
head = [50, 85]
shoulder = [50, 75]
hip = [50, 45]
near_hand = [52, 45]
near_foot = [50, 0]
"""


@pytest.fixture
def pictured() -> Routine:
    return loads(LYING, Path("pictures.toml"))


def view_of(routine: Routine, kind: Kind, seconds: int, left: float, exercise: int = 0) -> View:
    phase = Phase(kind, seconds, exercise, 1, Side.LEFT)
    return View(phase, routine.exercises[exercise], exercise + 1, 2, left, 60.0,
                State.RUNNING, None)  # fmt: skip


# ---- which pose, when ----------------------------------------------------------------------


def test_between_moves_each_joint_its_share_of_the_way() -> None:
    a, b = Pose({"head": (0, 0), "hip": (10, 10)}), Pose({"head": (10, 20), "knee": (5, 5)})
    assert between(a, b, 0).joints == {"head": (0, 0), "hip": (10, 10), "knee": (5, 5)}
    assert between(a, b, 0.5).joints["head"] == (5, 10)
    assert between(a, b, 1).joints["head"] == (10, 20)
    assert between(a, b, 7).joints["head"] == (10, 20)  # never past the held position
    assert between(a, b, -1).joints["head"] == (0, 0)


@pytest.mark.parametrize(
    ("shown", "seconds", "share"),
    [(5, 5, 0.0), (4, 5, 0.25), (3, 5, 0.5), (1, 5, 1.0), (6, 5, 0.0), (0, 5, 1.0),
     (1, 1, 1.0), (2, 2, 0.0), (1, 2, 1.0)],
)  # fmt: skip
def test_the_figure_moves_a_step_per_shown_second(shown: int, seconds: int, share: float) -> None:
    assert share_moved(shown, seconds) == share


def test_getting_ready_moves_from_start_to_held(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None and picture.start is not None
    first = picture_moment(view_of(pictured, Kind.GET_READY, 5, 5.0))
    middle = picture_moment(view_of(pictured, Kind.GET_READY, 5, 2.5))
    last = picture_moment(view_of(pictured, Kind.GET_READY, 5, 0.5))
    assert first is not None and middle is not None and last is not None
    assert (first.pose, first.label) == (picture.start, START)
    assert middle.label == MOVING
    assert middle.pose.joints["near_knee"] == (55.0, 17.0)  # halfway: shown 3 of 5
    assert (last.pose, last.label) == (picture.held, HELD)


@pytest.mark.parametrize(
    ("kind", "pose", "label"),
    [(Kind.HOLD, "held", HELD), (Kind.SWITCH, "start", START), (Kind.RELAX, "start", START),
     (Kind.REST, "start", START)],
)  # fmt: skip
def test_each_phase_shows_its_pose(pictured: Routine, kind: Kind, pose: str, label: str) -> None:
    picture = pictured.exercises[0].picture
    moment = picture_moment(view_of(pictured, kind, 5, 3.0))
    assert moment is not None and moment.label == label
    assert moment.pose == getattr(picture, pose)


def test_a_timed_effort_is_the_move_and_a_picture_without_start_is_always_held(
    pictured: Routine,
) -> None:
    for kind in (Kind.GET_READY, Kind.WORK, Kind.REST):
        moment = picture_moment(view_of(pictured, kind, 5, 5.0, exercise=1))
        assert moment is not None and moment.label == WORK_HELD
        assert moment.pose == moment.picture.held


def test_no_picture_no_moment(pictured: Routine) -> None:
    plain = replace(pictured, exercises=(replace(pictured.exercises[0], picture=None),))
    assert picture_moment(view_of(plain, Kind.HOLD, 5, 3.0)) is None


def test_the_picture_in_words(pictured: Routine) -> None:
    first, second = pictured.exercises
    assert (
        wording.picture_words(first) == "The position: On the back, one knee hugged to the chest."
    )
    assert wording.picture_words(second) == "The position: Standing tall, arms by the sides."
    assert wording.picture_words(replace(first, picture=None)) == ""


# ---- the detail's figures ------------------------------------------------------------------


@pytest.mark.parametrize(("height", "rows"), [(5, 2), (8, 2), (9, 3), (24, 8), (36, 12), (99, 12)])
def test_a_figure_is_a_third_of_the_screen_at_most(height: int, rows: int) -> None:
    assert rows_for_screen(height) == rows


def texts(picture: Picture, width: int, max_rows: int = 8) -> list[str]:
    visual = PictureRows(picture, True, max_rows)
    strips = visual.render_strips(width, None, Style(), None)  # type: ignore[arg-type]
    assert len(strips) == visual.get_height(None, width)  # type: ignore[arg-type]
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


def test_lying_down_the_figures_go_one_under_the_other(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None
    lines = texts(picture, 36)
    labels = [n for n, line in enumerate(lines) if line.strip() in (START, HELD)]
    assert [lines[n].strip() for n in labels] == [START, HELD]
    start_rows, held_rows = labels[0], labels[1] - labels[0] - 1
    assert start_rows <= 3 < held_rows <= 8  # the flat start without the empty rows above it


def test_side_by_side_where_they_fit(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None
    tall = picture._replace(start=picture.held, held=pictured.exercises[1].picture.held)  # type: ignore[union-attr]
    lines = texts(tall, 40)
    assert START in lines[-1] and HELD in lines[-1]  # both labels on the last line
    assert lines[-1].index(START) < lines[-1].index(HELD)


def test_the_held_label_is_bold_and_the_others_dim(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None
    strips = PictureRows(picture).render_strips(36, None, Style(), None)  # type: ignore[arg-type]
    styles = {s.text.strip(): s.style for strip in strips for s in strip if s.text.strip()}
    held, first = styles[HELD], styles[START]
    assert held is not None and held.bold
    assert first is not None and first.dim


def test_no_room_no_crash(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None
    for width in (1, 2, 7, 17):
        assert texts(picture, width, 1)


# ---- the countdown's figure ----------------------------------------------------------------


async def test_the_countdown_draws_the_figure_only_when_the_pose_changes(
    pictured: Routine,
) -> None:
    clock = FakeClock()
    app = LowbackApp(Trainer(pictured, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        figure = screen.query_one(PoseView)
        assert figure.display and figure.moment is not None
        assert figure.moment.label == START
        seen = []
        original = figure.refresh

        def counted(*args: object, **kwargs: object) -> object:
            seen.append(clock.now)
            return original(*args, **kwargs)  # type: ignore[arg-type]

        figure.refresh = counted  # type: ignore[method-assign,assignment]
        await wait(pilot, clock, 4.5, step=0.25)  # 18 ticks of getting ready
        assert figure.moment.label == HELD
        assert len(seen) == 4  # one redraw a shown second: 4, 3, 2, 1
        seen.clear()
        await wait(pilot, clock, 4, step=0.25)  # the hold itself
        assert screen.run.view().phase.kind is Kind.HOLD
        assert seen == []  # the held position stays: nothing redrawn


async def test_an_exercise_without_a_picture_has_no_figure(routine: Routine) -> None:
    bare = replace(routine, exercises=tuple(replace(e, picture=None) for e in routine.exercises))
    app = LowbackApp(Trainer(bare, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        figure = screen.query_one(PoseView)
        assert figure.moment is None and not figure.has_class("-shown")
        assert figure.region.width == 0  # the digits have the whole width, as before


# ---- plain mode says it -------------------------------------------------------------------


def test_plain_mode_says_the_position_once_per_exercise(pictured: Routine, tmp_path: Path) -> None:
    save(Settings(safety_read=True))
    out = io.StringIO()
    clock = FakeClock()
    store = HistoryStore.open(tmp_path / "h.db")
    Plain(out, Script(clock, ["", ""], {})).run(Trainer(pictured, clock=clock, store=store))
    lines = out.getvalue().replace("\a", "").splitlines()
    said = [line for line in lines if line.startswith("The position:")]
    assert said == [
        "The position: On the back, one knee hugged to the chest.",
        "The position: Standing tall, arms by the sides.",
    ]
    assert not any("\u2800" <= ch <= "\u28ff" for line in lines for ch in line)  # no dots
    # said while settling in, right after the words that say to take your time to get there
    settling = [n for n, line in enumerate(lines) if line.startswith("Take your time")]
    assert settling == [lines.index(said[0]) - 1]
    assert lines.index(said[0]) < lines.index("Get ready.")  # the knee hug's get-ready


def test_empty_parts_are_blank_cells(pictured: Routine) -> None:
    picture = pictured.exercises[0].picture
    assert picture is not None
    visual = PictureRows(picture)
    blocks = [figure for row in visual._layout(36) for figure in row]
    for _, drawing in blocks:
        for row, parts in zip(drawing.rows, drawing.parts, strict=True):
            assert all(
                (ch == "\u2800") == (part == EMPTY) for ch, part in zip(row, parts, strict=True)
            )


@pytest.mark.parametrize(("size", "shown"), [((80, 24), True), ((40, 12), True), ((29, 24), False),
                                             ((80, 10), False), ((20, 6), False)])  # fmt: skip
async def test_the_figure_gives_way_on_a_tiny_terminal(
    pictured: Routine, size: tuple[int, int], shown: bool
) -> None:
    app = LowbackApp(Trainer(pictured, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        figure = screen.query_one(PoseView)
        assert bool(figure.region.width) is shown


async def test_a_description_is_shown_as_written_never_as_markup(pictured: Routine) -> None:
    first = pictured.exercises[0]
    assert first.picture is not None
    marked = "[bold red]On[/] the back [@click=app.quit]here[/]"
    exercise = replace(first, picture=first.picture._replace(description=marked))
    app = LowbackApp(Trainer(replace(pictured, exercises=(exercise,)), clock=FakeClock()))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "[bold red]On[/] the back [@click=app.quit]here[/]" in screen_text(app)
