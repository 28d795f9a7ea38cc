"""Each command is declared once, and the bindings, the palette and the help come from
that one table."""

from __future__ import annotations

from collections import Counter

from hldtui.ui.commands import COMMANDS, PLACES, bindings, palette_commands


def test_ids_are_unique_and_every_place_is_known() -> None:
    assert len({command.id for command in COMMANDS}) == len(COMMANDS)
    assert {command.place for command in COMMANDS} <= set(PLACES)


def test_no_key_does_two_things_in_one_place() -> None:
    keys = Counter(
        (command.place, key)
        for command in COMMANDS
        for key in command.keys.split(",")
        if command.keys
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_bindings_carry_the_command_s_id_label_and_footer_choice() -> None:
    main = {binding.id: binding for binding in bindings("main")}
    favourite = main["favourite"]
    assert (favourite.key, favourite.action, favourite.description) == (
        "f,space",
        "cycle_interest",
        "Favourite",
    )
    assert favourite.show and not main["export"].show
    assert "jump" not in main, "a palette-only command has no key"


def test_the_palette_offers_named_commands_of_the_main_screen_and_the_app() -> None:
    names = [command.palette for command in palette_commands()]
    assert "Jump to session…" in names and "About this conference" in names
    assert all(command.place in ("main", "app") for command in palette_commands())
    assert len(names) == len(set(names))


def serving_classes() -> dict[str, type]:
    """The class whose BINDINGS serve each place, and so whose method each action names."""
    from hldtui.ui.app import HldApp
    from hldtui.ui.screens.about import AboutScreen
    from hldtui.ui.screens.confirm import ConfirmScreen
    from hldtui.ui.screens.help import HelpScreen
    from hldtui.ui.screens.main import MainScreen
    from hldtui.ui.screens.note import NoteScreen
    from hldtui.ui.screens.picker import PickerScreen
    from hldtui.ui.screens.share import ShareScreen
    from hldtui.ui.widgets.search_input import SearchInput
    from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
    from hldtui.ui.widgets.session_list import SessionList
    from hldtui.ui.widgets.timetable_grid import TimetableGrid

    return {
        "app": HldApp,
        "main": MainScreen,
        "list": SessionList,
        "detail": SessionDetail,
        "papers": PaperList,
        "grid": TimetableGrid,
        "search": SearchInput,
        "about": AboutScreen,
        "share": ShareScreen,
        "note": NoteScreen,
        "picker": PickerScreen,
        "confirm": ConfirmScreen,
        "help": HelpScreen,
    }


def test_every_command_runs_a_method_that_exists() -> None:
    classes = serving_classes()
    assert set(classes) == set(PLACES)
    missing = []
    for command in COMMANDS:
        owner = classes[command.place]
        if command.keys:
            assert bindings(command.place) == owner.BINDINGS, command.place
        namespace, _, action = command.action.rpartition(".")
        if namespace == "screen":
            owner = classes["main"]
        elif namespace == "app":
            owner = classes["app"]
        name = action.split("(", 1)[0]
        if not callable(getattr(owner, f"action_{name}", None)):
            missing.append(f"{command.id}: {owner.__name__}.action_{name}")
    assert missing == []
