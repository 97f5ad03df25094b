"""The wikitext renderer on small strings: the text it writes, and each link's span in it.

Each case is a little wikitext, in an infobox parameter or in the prose, and what a
reader of the page sees, worked out by hand; every link's span must slice the
rendered text to exactly the label the link shows.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, LEXICON
from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_kg.build.pipeline import build_graph
from aleppo_kg.build.wikitext import Rendered, render_article
from aleppo_kg.build.wikitext.titles import page_title, pipe_trick
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon.wikitext import load_wikitext

WHERE = "t.wiki"
WIKITEXT = FIXTURES / "wikitext"


def render(infobox: str = "", prose: str = "") -> Rendered:
    """An article with an infobox holding ``infobox`` (parameter lines) and ``prose``."""
    wikitext = f"{{{{Infobox military conflict\n| conflict = Test clashes\n{infobox}\n}}}}\n{prose}"
    return render_article(wikitext, "Test clashes", LEXICON, WHERE)


def value(rendered: Rendered, key: str) -> str | None:
    """The value of the infobox line ``- key: ...``, None when there is no such line."""
    prefix = f"- {key}: "
    found = [line[len(prefix) :] for line in rendered.text.splitlines() if line.startswith(prefix)]
    assert len(found) <= 1
    return found[0] if found else None


def prose(rendered: Rendered) -> list[str]:
    """The rendered lines after the infobox block, blank lines left out."""
    after = rendered.text.split("\n\n", 2)[2]
    return [line for line in after.splitlines() if line]


def links(rendered: Rendered) -> list[tuple[str, str]]:
    """Each link's label, as its span slices the text, and its target."""
    return [(link.span.slice(rendered.text), link.target) for link in rendered.links]


# --- the layout ------------------------------------------------------------------------


def test_title_infobox_block_lead_and_sections():
    done = render(
        "| date = 2012\n| place = Azaz",
        "The '''Test clashes''' were ''fought''.\n\nSecond paragraph\ngoes on.\n\n"
        "==Course==\nOn 3 May, it began.\n\n=== Later ===\nIt ended.\n\n= Top =\nTop level.",
    )
    assert done.text == (
        "= Test clashes =\n\nInfobox\n- Conflict: Test clashes\n- Date: 2012\n- Place: Azaz\n\n"
        "The Test clashes were fought.\n\nSecond paragraph goes on.\n\n== Course ==\n\n"
        "On 3 May, it began.\n\n=== Later ===\n\nIt ended.\n\n== Top ==\n\nTop level.\n"
    )
    assert done.links == () and done.warnings == ()


def test_prose_list_items_are_paragraphs_and_tables_are_dropped():
    done = render(
        prose='Before the list:\n* one [[Azaz]]\n** two\n\n{| class="wikitable"\n! A !! B\n|-\n'
        "| 40 killed || x\n|}\nAfter.",
    )
    assert prose(done) == ["Before the list:", "- one Azaz", "- two", "After."]
    assert links(done) == [("Azaz", "Azaz")]


def test_references_comments_files_categories_and_other_languages_are_dropped():
    done = render(
        prose="Azaz fell.<ref name=a>{{cite web|url=https://example.org}}</ref> It "
        "held<ref name=a/>.<!-- a note --> [[File:Azaz.jpg|thumb|The town, [[Azaz]]]] "
        "[[Image:X.png]]Done.[[Category:Battles]][[fr:Azaz]]",
    )
    assert prose(done) == ["Azaz fell. It held. Done."]
    assert done.links == () and done.warnings == ()


# --- links -----------------------------------------------------------------------------


def test_a_link_shows_its_label_and_names_its_target():
    done = render(
        "| combatant1 = [[Free Syrian Army|FSA]]",
        "The [[free_Syrian   Army]] and [[Al-Nusra Front|al-''Nusra'']] fought [[rebel]]s.",
    )
    assert value(done, "Combatant1") == "FSA"
    assert prose(done) == ["The free Syrian Army and al-Nusra fought rebels."]
    assert links(done) == [
        ("FSA", "Free Syrian Army"),
        ("free Syrian Army", "Free Syrian Army"),  # first letter upper-case, "_" a space
        ("al-Nusra", "Al-Nusra Front"),
        ("rebels", "Rebel"),  # the letters glued after a link are its label's
    ]


def test_links_to_sections_and_other_namespaces_name_no_article():
    done = render(
        prose="The [[Syrian civil war#Early insurgency|early phase]], [[#Course|below]], "
        "[[:Category:Battles|battles]], [[wikt:clash|clash]] and [[Syria: A History]].",
    )
    assert prose(done) == ["The early phase, below, battles, clash and Syria: A History."]
    assert links(done) == [("Syria: A History", "Syria: A History")]


def test_entities_escapes_and_the_pipe_trick_in_links():
    done = render(prose="[[People&#39;s Protection Units]], [[Anadan, Syria|]], [[Al%2DBab]].")
    assert prose(done) == ["People's Protection Units, Anadan, Al%2DBab."]
    assert links(done) == [
        ("People's Protection Units", "People's Protection Units"),
        ("Anadan", "Anadan, Syria"),
        ("Al%2DBab", "Al-Bab"),
    ]


def test_titles_as_mediawiki_normalises_them():
    assert page_title(" al-Bab ") == "Al-Bab"
    assert page_title("Tell_Rifaat") == "Tell Rifaat"
    assert page_title("Syrian civil war#Background") is None
    assert page_title("Kobanî") == "Kobanî"
    assert pipe_trick("Liwa al-Tawhid (Aleppo)") == "Liwa al-Tawhid"
    assert pipe_trick("Anadan, Syria") == "Anadan"


# --- templates -------------------------------------------------------------------------


def test_fates_are_the_markers_the_commander_reader_knows():
    done = render(
        "| commander1 = [[Hassan Darwish]]{{KIA}}<br />Samir Kanaan{{WIA}}<br>Ali Saleh {{POW}}"
    )
    assert value(done, "Commander1") == "Hassan Darwish KIA, Samir Kanaan WIA, Ali Saleh POW"
    assert links(done) == [("Hassan Darwish", "Hassan Darwish")]


def test_flag_templates_keep_a_country_name_only_where_they_show_one():
    done = render(
        "| combatant1 = {{flag|Syria}}<br />{{flag|Syria|name=Syrian Government}}"
        "<br />{{flagcountry|Lebanon}}<br />{{flagu|Iraq}}\n"
        "| combatant2 = {{flagicon|Syria}} {{flagdeco|Syria|1963}} "
        "{{flagicon image|Flag of the Free Syrian Army.svg}} [[Free Syrian Army]]"
    )
    assert value(done, "Combatant1") == "Syria, Syrian Government, Lebanon, Iraq"
    assert value(done, "Combatant2") == "Free Syrian Army"
    assert links(done) == [
        ("Syria", "Syria"),
        ("Syrian Government", "Syria"),  # what {{flag}} shows links the country's article
        ("Lebanon", "Lebanon"),
        ("Free Syrian Army", "Free Syrian Army"),
    ]


def test_list_templates_and_line_breaks_give_one_item_each():
    done = render(
        "| units1 = {{plainlist|\n* [[Syrian Army]]\n** 4th Division\n*** 42nd Brigade\n}}\n"
        "| units2 = {{ubl|A Brigade|B Brigade}}\n"
        "| strength1 = {{unbulleted list|1,000 fighters|20 tanks}}\n"
        "| strength2 = {{hlist|500 fighters|class=x|3 tanks}}\n"
        "| casualties1 = 12 killed<br/>3 wounded<br>{{nowrap|2 captured}}\n"
        "| commander1 = A Hassan{{br}}B Saleh"
    )
    assert value(done, "Units1") == "Syrian Army, * 4th Division, ** 42nd Brigade"
    assert value(done, "Units2") == "A Brigade, B Brigade"
    assert value(done, "Strength1") == "1,000 fighters, 20 tanks"
    assert value(done, "Strength2") == "500 fighters, 3 tanks"
    assert value(done, "Casualties1") == "12 killed, 3 wounded, 2 captured"
    assert value(done, "Commander1") == "A Hassan, B Saleh"
    assert links(done) == [("Syrian Army", "Syrian Army")]


def test_bullets_nest_by_depth_and_a_rule_parts_factions():
    done = render(
        "| units1 = [[Syrian Armed Forces]]\n* Syrian Army\n** 6th Division\n*** 12th Brigade\n"
        "* Air Force\n"
        "| combatant1 = [[Free Syrian Army]]\n----\n[[Al-Nusra Front]]<hr/>[[Jaish al-Islam]]"
    )
    assert value(done, "Units1") == (
        "Syrian Armed Forces, * Syrian Army, ** 6th Division, *** 12th Brigade, * Air Force"
    )
    assert value(done, "Combatant1") == "Free Syrian Army<hr> Al-Nusra Front<hr> Jaish al-Islam"


def test_dates_and_measures():
    done = render(
        "| date = {{start date|2012|05|28}} – {{end date|2012|7|19|df=y}}\n"
        "| partof = {{start date|2011|3}}, {{end date|2014}}, {{dts|12 June 2013}}\n"
        "| result = Withdrawal {{convert|5|km}} north; front {{convert|5|-|7|km|mi}} long, "
        "{{convert|3|to|4|mi|km}} wide"
    )
    assert value(done, "Date") == "28 May 2012 – 19 July 2012"
    assert value(done, "Partof") == "March 2011, 2014, 12 June 2013"
    assert value(done, "Result") == "Withdrawal 5 km north; front 5–7 km long, 3 to 4 mi wide"


def test_a_result_keeps_its_outcomes_apart():
    done = render("| result = Government victory<br />Rebels withdraw\n* Ceasefire agreed")
    assert value(done, "Result") == "Government victory; Rebels withdraw; Ceasefire agreed"


def test_text_templates_keep_their_text_and_dropped_ones_leave_no_empty_brackets():
    done = render(
        prose="Azaz ({{lang-ar|أعزاز}}) is a {{small|town}} in {{lang|ar|حلب}}.{{cn|date=2012}}"
    )
    assert prose(done) == ["Azaz is a town in حلب."]
    assert done.warnings == (f"{WHERE}: template {{{{lang-ar}}}} not understood: dropped",)


def test_unknown_templates_are_dropped_with_one_warning_each_naming_them():
    done = render("| strength1 = {{Foo|1}} 300 fighters", "{{Foo}} A {{bar baz}} B {{Foo|2}}.")
    assert value(done, "Strength1") == "300 fighters"
    assert prose(done) == ["A B ."]  # the space before a dropped template stays
    assert done.warnings == (
        f"{WHERE}: template {{{{Foo}}}} not understood: dropped (3 times)",
        f"{WHERE}: template {{{{bar baz}}}} not understood: dropped",
    )


def test_templates_that_cannot_be_read_are_warnings():
    done = render(
        "| date = {{start date|2012|13|40}} – {{end date|2012|07|19}}\n"
        "| strength1 = {{convert|many|km}} 300 fighters\n| combatant1 = {{flag}} FSA"
    )
    assert value(done, "Date") == "– 19 July 2012"
    assert value(done, "Strength1") == "300 fighters"
    assert value(done, "Combatant1") == "FSA"
    assert done.warnings == (
        f"{WHERE}: {{{{start date|2012|13|40}}}} cannot be read: dropped",
        f"{WHERE}: {{{{convert|many|km}}}} cannot be read: dropped",
        f"{WHERE}: {{{{flag}}}} names no country: dropped",
    )


# --- the infobox -----------------------------------------------------------------------


def test_parameters_become_the_keys_the_readers_know_and_presentation_is_dropped():
    done = render(
        "| partof = the [[Syrian civil war]]\n| image = X.jpg\n| caption = A [[Azaz|town]]\n"
        "| map_type = Syria\n| combatant1 = A\n| combatant1a = B\n| commander2 = C\n"
        "| units3 = D\n| strength1 = 5\n| casualties3 = 9 civilians killed\n| status = Ongoing\n"
        "| territory = E\n| location = F\n| notes = G\n| casus belli = H\n| result =\n"
    )
    assert done.text.split("\n\n")[1].splitlines() == [
        "Infobox",
        "- Conflict: Test clashes",
        "- Partof: the Syrian civil war",
        "- Combatant1: A<hr> B",
        "- Commander2: C",
        "- Units3: D",
        "- Strength1: 5",
        "- Casualties3: 9 civilians killed",
        "- Status: Ongoing",
        "- Territory: E",
        "- Place: F",
        "- Notes: G",
        "- casus belli: H",
    ]
    assert links(done) == [("Syrian civil war", "Syrian civil war")]


def test_a_parameter_given_twice_is_its_last_value_as_mediawiki_reads_it():
    assert value(render("| result = Stalemate\n| result = Rebel victory"), "Result") == (
        "Rebel victory"
    )


@pytest.mark.parametrize(
    "opening",
    ["Infobox military conflict", "infobox_battle", "Template:Infobox war", "#invoke:Infobox "
     "military conflict|main"],
)  # fmt: skip
def test_the_infobox_by_any_of_its_names(opening):
    done = render_article(f"{{{{{opening}\n| date = 2012\n}}}}\nText.", "X", LEXICON, WHERE)
    assert value(done, "Date") == "2012"
    assert done.warnings == ()


def test_a_parameter_that_swallowed_the_next_lines_is_named():
    done = render("| result = Stalemate{{Update inline|date=2014\n| status = Disputed\n}}")
    assert value(done, "Result") == "Stalemate"
    assert value(done, "Status") is None
    assert done.warnings == (
        f"{WHERE}: infobox parameter 'result': a template or link in it is not closed and "
        "holds the lines of status: they are not read",
    )


def test_a_citations_own_lines_and_a_closed_template_swallow_nothing():
    done = render(
        "| casualties2 = 9 killed<ref>{{cite web\n | url = https://example.org\n"
        " | date = 12 May 2012\n}}</ref>\n| result = Win{{Update inline|date=June 2014}}\n"
        "| status = Ongoing"
    )
    assert (value(done, "Casualties2"), value(done, "Result")) == ("9 killed", "Win")
    assert value(done, "Status") == "Ongoing"
    assert done.warnings == ()


def test_a_link_not_closed_is_a_warning_and_its_text_is_kept():
    done = render("| casualties2 = [[Syrian Army|45 soldiers killed\n| casualties3 = 9 killed")
    assert value(done, "Casualties2") == "Syrian Army"
    assert value(done, "Casualties3") == "9 killed"
    assert done.warnings == (
        f"{WHERE}: stray '[[' (a template or link not closed?): dropped",
        f"{WHERE}: infobox: unnamed parameter '45 soldiers killed' (a '|' of a link or "
        "template not closed?): dropped",
    )


@pytest.mark.parametrize(
    "wikitext, problem",
    [
        ("'''X''' is a town.", "no {{Infobox military conflict}} template"),
        ("{{Infobox military conflict\n| date = 2012\nText.", "the infobox template is not closed"),
        ("#REDIRECT [[Battle of Aleppo]]", "a redirect to [[Battle of Aleppo]], not an article"),
    ],
)
def test_what_is_no_article_is_an_input_error(wikitext, problem):
    with pytest.raises(InputError, match=re.escape(problem)):
        render_article(wikitext, "X", LEXICON, WHERE)


# --- damaged wikitext ------------------------------------------------------------------

FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(WIKITEXT.glob("*.wiki"))]
MARKUP = ["{{", "}}", "[[", "]]", "|", "<ref>", "</ref>", "<!--", "-->", "\n*", "\n**", "''",
          "<hr>", "<br>", "{|", "|}", "=", "\n== X ==\n", "{{KIA", "[[File:", "#"]  # fmt: skip


@st.composite
def damaged_wikitext(draw) -> str:
    """A fixture's wikitext with pieces cut out, repeated, and markup dropped in."""
    text = draw(st.sampled_from(FIXTURE_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 200)))
        edit = draw(st.sampled_from(["cut", "repeat", "markup"]))
        piece = draw(st.sampled_from(MARKUP)) if edit == "markup" else text[start:end]
        text = (
            text[:start]
            + ("" if edit == "cut" else piece)
            + text[start if edit != "cut" else end :]
        )
    return text


@settings(max_examples=40, deadline=None, database=None)
@given(wikitext=damaged_wikitext())
def test_damaged_wikitext_renders_or_is_one_input_error(wikitext):
    try:
        done = render_article(wikitext, "Damaged", LEXICON, WHERE)
    except InputError as error:
        assert str(error).startswith(f"{WHERE}: ") and "\n" not in str(error)
        return
    assert not set("\x02\x03") & set(done.text)
    for link in done.links:
        label = link.span.slice(done.text)
        assert label and label == label.strip() and "\n" not in label and link.target


@settings(max_examples=6, deadline=None, database=None)
@given(wikitext=damaged_wikitext())
def test_damaged_wikitext_builds_a_conforming_graph_or_is_one_input_error(
    wikitext, tmp_path_factory
):
    path = tmp_path_factory.mktemp("damaged") / "Damaged.wiki"
    path.write_text(wikitext, encoding="utf-8")
    try:
        result = build_graph([path])
    except InputError:
        return
    assert result.violations == ()


# --- the tables ------------------------------------------------------------------------


def test_every_fate_template_writes_a_marker_of_the_fates_table():
    fates = {name: rule.argument for name, rule in LEXICON.wikitext.templates.items()
             if rule.role == "fate"}  # fmt: skip
    assert fates == {"kia": "KIA", "wia": "WIA", "pow": "POW"}
    assert set(fates.values()) <= set(LEXICON.fates)


def test_a_table_row_with_an_unknown_role_is_refused():
    def table(name: str) -> list[dict[str, str]]:
        if name == "wikitext.tsv":
            return [{"name": "KIA", "kind": "template", "role": "fates", "argument": "KIA"}]
        return []

    refused = "wikitext.tsv: 'KIA': no role 'fates' for a 'template'"
    with pytest.raises(ValueError, match=re.escape(refused)):
        load_wikitext(table)
