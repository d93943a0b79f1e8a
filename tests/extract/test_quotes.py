"""extract_quotes on small made-up paragraphs: each pattern, away from the seed wording."""

from __future__ import annotations

import time
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract.quotes import extract_quotes, find_spans
from digest.model import Quote
from digest.people import People, Person, RoleSeen


def quotes(paragraphs: Sequence[str], people: People | None = None) -> tuple[Quote, ...]:
    found = extract_quotes(paragraphs, people)
    for q in found:
        assert paragraphs[q.paragraph][q.start:q.end] == q.text
    return found


def direct(paragraphs: Sequence[str], people: People | None = None) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(paragraphs, people) if q.kind == "direct"]


def test_curly_quote_with_name_after() -> None:
    assert direct(["“The bridge will open in May,” Maria Lopez said."]) == [
        ("The bridge will open in May", "Maria Lopez")]


def test_straight_quote_with_verb_first() -> None:
    assert direct(['"We have no plans to resign," said Tomas Berg.']) == [
        ("We have no plans to resign", "Tomas Berg")]


def test_guillemets_and_low_high_quotes() -> None:
    found = direct(["«Prices will fall next year,» Anna Weiss told reporters.",
                    "„Das ist gut“, sagte er. Weiss added: „The plan works.“"])
    assert found[0] == ("Prices will fall next year", "Anna Weiss")
    assert ("The plan works.", "Anna Weiss") in found


def test_multi_sentence_quote_is_one_quote() -> None:
    found = direct(["“Rain is coming. Take an umbrella. Stay home,” forecaster Ian Moss said."])
    assert found == [("Rain is coming. Take an umbrella. Stay home", "Ian Moss")]


def test_split_quote_gives_two_quotes_one_speaker() -> None:
    found = direct(['"The talks failed," Helen Park said, "but we will try again."'])
    assert found == [("The talks failed", "Helen Park"), ("but we will try again.", "Helen Park")]


def test_colon_introduced_quotes() -> None:
    # The text names the speaker, if by surname only: digest says so too.
    assert direct(['Quote from Park: "Nothing is agreed until everything is agreed."']) == [
        ("Nothing is agreed until everything is agreed.", "Park")]
    assert direct(['Mayor Helen Park said: "The budget is balanced."']) == [
        ("The budget is balanced.", "Helen Park")]


def test_colon_at_end_of_paragraph_introduces_next() -> None:
    found = direct(["The mayor, Helen Park, said at the council meeting:",
                    "“We will rebuild the library.”"])
    assert found == [("We will rebuild the library.", "Helen Park")]


def test_name_after_role_aside_and_pronoun_after_it() -> None:
    found = quotes(["Meanwhile, Ivan Petrov, head of the regional water board, wrote on his blog"
                    " that the reservoir was full.", "“It has not been this full,” he wrote."])
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "Ivan Petrov"),
                                                    ("direct", "Ivan Petrov")]
    assert found[1].role == "head of the regional water board"


def test_document_quote_has_no_speaker() -> None:
    found = direct(["The contract is explicit:", '"The supplier shall deliver every month."'])
    assert found == [("The supplier shall deliver every month.", None)]


def test_pronoun_resolves_to_last_speaker() -> None:
    found = direct(["Economist Rita Sand said that inflation had peaked.",
                    "“Rates will come down slowly,” she added."])
    assert found == [("Rates will come down slowly", "Rita Sand")]


def test_pronoun_with_no_speaker_before_stays_unknown() -> None:
    assert direct(["“It is over,” he said."]) == [("It is over", None)]


def test_role_resolves_to_holder_named_in_article() -> None:
    found = quotes(["Finance Minister Omar Haddad presented the budget.",
                    '"Taxes will not rise," the finance minister said.'])
    assert [(q.speaker, q.role) for q in found if q.kind == "direct"] == [
        ("Omar Haddad", "finance minister")]


def test_role_resolves_through_registry() -> None:
    people = People([Person("Omar Haddad", roles=(RoleSeen("Finance Minister"),))])
    assert direct(['"Taxes will not rise," the Finance Minister said.'], people) == [
        ("Taxes will not rise", "Omar Haddad")]


def test_role_two_people_hold_stays_unknown() -> None:
    found = direct(["Foreign Minister Ana Ruiz met Foreign Minister Li Wen.",
                    '"It was a good meeting," the foreign minister said.'])
    assert found == [("It was a good meeting", None)]


def test_title_stripped_and_surname_resolved() -> None:
    found = quotes(["Army chief of staff General Jonas Vik inspected the base.",
                    '"Morale is high," Vik said.'])
    assert [(q.speaker, q.role) for q in found if q.kind == "direct"] == [
        ("Jonas Vik", "Army chief of staff General")]


def test_unknown_speaker_is_not_guessed() -> None:
    assert direct(['"The dam will hold," Reuters wrote.']) == [("The dam will hold", None)]
    assert direct(['"The dam will hold," officials said.']) == [("The dam will hold", None)]


def test_registry_canonicalises_spellings() -> None:
    people = People([Person("Volodymyr Zelenskyy", aliases=("Zelensky",))])
    assert direct(['"We stand firm," President Zelensky said.'], people) == [
        ("We stand firm", "Volodymyr Zelenskyy")]


def test_partial_quote_in_reported_speech() -> None:
    found = quotes(["Senator Clara Holm warned that the deal was a “historic mistake” for all."])
    partial = [(q.text, q.speaker) for q in found if q.kind == "partial"]
    assert partial == [("historic mistake", "Clara Holm")]


def test_names_of_things_are_not_quotes() -> None:
    found = quotes([
        'The ministers signed a treaty on “lasting friendship” in Oslo.',
        'A "northern volunteer unit" was formed last spring.',
        'The story first ran in "Morning Herald Weekly" on Monday, the newspaper reported.',
        'Rebels seized the so-called "green zone" overnight, the army said.',
    ])
    assert [q for q in found if q.kind != "indirect"] == []


def test_unmarked_quote_closed_by_signature() -> None:
    text = "We will not back down. The strike goes on until we win. Petra Novak Union Leader"
    found = quotes([text])
    assert [(q.text, q.speaker, q.role) for q in found] == [
        ("We will not back down. The strike goes on until we win.", "Petra Novak",
         "Union Leader")]


def test_unmarked_first_person_paragraph_after_attribution() -> None:
    found = direct(["Coach Lena Frey said that the team had trained hard.",
                    "We are ready for the final. Our defence is the best in the league."])
    assert found == [("We are ready for the final. Our defence is the best in the league.",
                      "Lena Frey")]


def test_first_person_without_attribution_before_is_not_a_quote() -> None:
    assert direct(["The stadium opened in 1990.", "We visited it last summer."]) == []


INDIRECT = [
    ("According to Nordic Daily, the plant will close in June.", None, "Nordic Daily"),
    ("The plant will close in June, according to plant manager Eva Lind.", "Eva Lind",
     "Eva Lind"),
    ("Local radio, citing police sources, reported that two men were arrested.", None,
     "police sources"),
    ("This was reported by the Baltic Times with reference to the ministry.", None,
     "the ministry"),
    ("Mayor Helen Park said that the bridge would reopen.", "Helen Park", "Helen Park"),
    ("The flood, Mayor Helen Park suggested, was the worst in a century.", "Helen Park",
     "Helen Park"),
    ("Investigators confirmed the cause of the fire.", None, "Investigators"),
]


def test_indirect_forms() -> None:
    for sentence, speaker, cited in INDIRECT:
        found = [q for q in quotes([sentence]) if q.kind == "indirect"]
        assert [(q.speaker, q.cited, q.sentence) for q in found] == [
            (speaker, cited, sentence)], sentence


def test_not_indirect_without_a_claim() -> None:
    for sentence in ("The mayor called on residents to stay home.",
                     "Trains were delayed by snow.", "It is said to be cold."):
        assert quotes([sentence]) == (), sentence


def test_pronoun_in_opinion_phrase() -> None:
    found = quotes(["Judge Amir Saleh said that the case was closed.",
                    "In his view, the evidence was weak."])
    assert [q.speaker for q in found] == ["Amir Saleh", "Amir Saleh"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(
    [*"aAbBzZ .,:;!?-—()\"“”„«»'’\n", "he said", " Austin", "according to ", " that ",
     "Lloyd Austin US Defense Minister", "we ", "— ed.)", "the NATO Secretary General",
     " called ", "President ", "citing "]), max_size=40).map("".join), max_size=6))
def test_never_raises_and_offsets_hold(paragraphs: list[str]) -> None:
    for q in extract_quotes(paragraphs):
        assert paragraphs[q.paragraph][q.start:q.end] == q.text
        assert q.kind in {"direct", "partial", "indirect"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=4))
def test_never_raises_on_any_text(paragraphs: list[str]) -> None:
    for q in extract_quotes(paragraphs):
        assert paragraphs[q.paragraph][q.start:q.end] == q.text


def test_quote_paragraph_continues_the_speaker_before() -> None:
    found = direct(["“The harvest was poor,” farmer Olga Brandt said.",
                    "“Next year will be better. It has to be.”"])
    assert found == [("The harvest was poor", "Olga Brandt"),
                     ("Next year will be better. It has to be.", "Olga Brandt")]


def test_large_paragraphs_stay_fast() -> None:
    # Linear-time rules: a long paragraph of many quotes and verbs must not take quadratic time.
    unit = '“Yes,” he said, and Anna Berg said that “no” was the answer, according to Reuters. '
    started = time.perf_counter()
    found = extract_quotes([unit * 2000, "J. " * 5000, " said" * 5000, "." + " " * 20000 + "-"])
    assert len(found) > 2000
    assert time.perf_counter() - started < 20


def test_unmarked_quote_closed_by_dash_line() -> None:
    found = direct(["Nobody will be left behind. Every village gets a school.",
                    "— Maria Costa, Education Minister", "Schools open in September."])
    assert found == [("Nobody will be left behind. Every village gets a school.", "Maria Costa")]


def test_paragraph_ending_in_a_credit_is_not_a_quote() -> None:
    assert direct(["The river rose overnight. Photo Getty Images"]) == []


def test_surname_only_speakers_are_named() -> None:
    # No full name in the article, no registry: the surname is still who said it.
    assert direct(['"We will win," Tuttle said.']) == [("We will win", "Tuttle")]
    assert direct(['"We will win," said Ryan.']) == [("We will win", "Ryan")]
    # A surname the article spells out in full is that full name.
    assert direct(["Senator Paul Ryan spoke on Monday.", '"We will win," Ryan said.']) == [
        ("We will win", "Paul Ryan")]


def test_honorifics_and_initials_leave_the_name() -> None:
    assert direct(['"We will win," said Sen. Claire McCaskill (D-Mo.).']) == [
        ("We will win", "Claire McCaskill")]
    assert direct(['"We will win," said John F. Kelly.']) == [("We will win", "John Kelly")]
    assert direct(['"We will win," Mr. Obama said.']) == [("We will win", "Obama")]


def test_groups_outlets_and_places_are_no_person() -> None:
    for sentence in ('"We will win," Democrats said.', '"We will win," Moscow said.',
                     '"We will win," Politico reported.', '"We will win," Critics said.',
                     '"We will win," BuzzFeed reported.'):
        assert direct([sentence]) == [("We will win", None)], sentence


def test_a_dash_signs_a_quote() -> None:
    assert direct(["“This is the best day of my life.” ― Jane Roe"]) == [
        ("This is the best day of my life.", "Jane Roe")]
    assert direct(['"We will win" — Jane Roe, Ohio']) == [("We will win", "Jane Roe")]
    assert direct(["“We will win.”", "— Jane Roe"]) == [("We will win.", "Jane Roe")]


def test_a_quote_after_an_attributed_one_goes_on_in_its_voice() -> None:
    assert direct(['"Did he lose time? Probably," said one former official. "But it was right."']) \
        == [("Did he lose time? Probably", None), ("But it was right.", None)]
    assert direct(['"It is wrong," said Tom Cole of Oklahoma. "We will fight it."']) == [
        ("It is wrong", "Tom Cole"), ("We will fight it.", "Tom Cole")]


def test_a_participle_takes_its_clause_source() -> None:
    found = direct(['"If she wins," Trump said before adding: "Maybe there is a way."'])
    assert found == [("If she wins", "Trump"), ("Maybe there is a way.", "Trump")]
    found = [(q.text, q.speaker) for q in quotes(
        ['Senator Sanders took to Twitter, writing: "We have a path to victory."'])
        if q.kind == "direct"]
    assert found == [("We have a path to victory.", "Sanders")]


def test_says_name_will_is_no_inverted_attribution() -> None:
    found = [(q.text, q.speaker) for q in quotes(
        ["Dean Johnson, a salesman from Sumter, says Cruz will “leave here with momentum.”"])
        if q.kind == "partial"]
    assert found == [("leave here with momentum.", "Dean Johnson")]


def test_nouns_that_look_like_speech_verbs_are_no_cue() -> None:
    partial = [(q.text, q.speaker) for q in quotes(
        ['Carson called that report Friday a "boldfaced lie."']) if q.kind == "partial"]
    assert partial == [("boldfaced lie.", "Carson")]
    partial = [(q.text, q.speaker) for q in quotes(
        ["According to Trump, he is part of the so-called establishment, but is now "
         "“the worst thing that ever happened to it.”"]) if q.kind == "partial"]
    assert partial == [("the worst thing that ever happened to it.", "Trump")]


def test_titles_asides_and_party_tags_around_a_name() -> None:
    assert direct(['"It is special," said conservative activist Bob Klaus, who is unaffiliated.']) \
        == [("It is special", "Bob Klaus")]
    assert direct(['"We are strong," Jeff Weaver, the campaign manager, said in a statement.']) \
        == [("We are strong", "Jeff Weaver")]
    assert direct(['Sen. Ron Johnson, R-Wis., said in an op-ed, “The department failed.”']) == [
        ("The department failed.", "Ron Johnson")]


def test_any_past_tense_verb_after_a_quote_attributes_it() -> None:
    assert direct(['“Would it be negotiable?” Hannity pressed. “Maybe let some stay?”']) == [
        ("Would it be negotiable?", "Hannity"), ("Maybe let some stay?", "Hannity")]
    assert direct(["“If they were serious,” Toomey fumed on Tuesday."]) == [
        ("If they were serious", "Toomey")]
    assert direct(["“It is done,” the crowd roared."]) == []


def test_a_colon_after_a_clause_about_a_person_introduces_their_words() -> None:
    assert direct(["Kaine has adopted the stance of many Catholics: “I’m pro-life.”"]) == [
        ("I’m pro-life.", "Kaine")]
    assert direct(['The agreement provides: "Both sides will help."']) == [
        ("Both sides will help.", None)]


def test_a_quoted_headline_is_nobody_s_words_unless_it_says_whose() -> None:
    found = direct(['"We will win," Trump said.', '"Trump Vows To Fight On In Ohio"'])
    assert found == [("We will win", "Trump"), ("Trump Vows To Fight On In Ohio", None)]
    # A quote paragraph of its own, in sentence case, goes on in the voice before it.
    found = direct(['"We will win," Trump said.', '"We will not stop."'])
    assert found == [("We will win", "Trump"), ("We will not stop.", "Trump")]


def test_marks_inside_pasted_markup_pair_with_nothing() -> None:
    text = '<tweet pic="" author="realDonaldTrump">Another "horrible" attack</tweet>'
    assert [text[s.start:s.end] for s in find_spans(text)] == ["horrible"]


def test_who_after_a_name_is_that_name() -> None:
    assert direct(["This came from Rikkie Wells who tweeted, “Nothing is ever done.”"]) == [
        ("Nothing is ever done.", "Rikkie Wells")]


def test_particle_names_nouns_like_verbs_and_a_quote_ending_a_clause() -> None:
    partial = [(q.text, q.speaker) for q in quotes(
        ["De Blasio, speaking on the radio, called Trump a “blowhard.”"]) if q.kind == "partial"]
    assert partial == [("blowhard.", "De Blasio")]
    assert direct(["Hillary Clinton posted a Twitter comment of her own, saying, “We are so "
                   "excited!”"]) == [("We are so excited!", "Hillary Clinton")]
    partial = [(q.text, q.speaker) for q in quotes(
        ["Donald Trump defended “New York values,” saying the city was “the heart of America.”"])
        if q.kind == "partial"]
    assert ("the heart of America.", "Donald Trump") in partial


def test_british_single_quotes_with_apostrophes_inside() -> None:
    assert direct(["‘We don’t know yet,’ said Keir Starmer. ‘It is too early.’"]) == [
        ("We don’t know yet", "Keir Starmer"), ("It is too early.", "Keir Starmer")]
    partial = [(q.text, q.speaker) for q in quotes(
        ["The leaders’ meeting was ‘a disaster’, Mr Sunak said."]) if q.kind == "partial"]
    assert partial == [("a disaster", "Sunak")]


def test_a_company_the_article_names_is_nobody_when_it_speaks() -> None:
    found = quotes(["NEW YORK, March 3 - Canrad Inc said it had bought Dunhill.",
                    'Canrad said the deal would add "a lot" to revenue.'])
    assert [q.speaker for q in found] == [None] * len(found)
    assert [q.speaker for q in quotes(['"It is fine," Samantha Power said.'])] == [
        "Samantha Power"]
