"""bench.reuters: one text file per newswire, as a person would save it."""

from pathlib import Path

from bench.reuters import convert

# Two newswires in the collection's SGML, written for this test (not from the corpus).
SGML = b"""<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="7">
<DATE> 3-MAR-1987 09:07:54.17</DATE>
<TOPICS><D>grain</D></TOPICS>
<UNKNOWN> &#5;&#5;&#5;F
&#22;&#22;&#1;f0986&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>FARM GROUP &lt;FG> SEES LOWER WHEAT STOCKS</TITLE>
<DATELINE>    CHICAGO, March 3 - </DATELINE><BODY>A farm group said wheat stocks
would fall this year, its chairman told a news conference.
    "We expect a smaller crop," he said in Z\xfcrich.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="8">
<DATE> 3-MAR-1987 09:18:26.80</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>OIL COMPANY RAISES CRUDE PRICES
</TITLE>Blah blah blah.
&#3;
</TEXT>
</REUTERS>
"""


def test_each_newswire_becomes_a_text_file_with_headline_date_and_paragraphs(
    tmp_path: Path,
) -> None:
    (tmp_path / "sgm").mkdir()
    (tmp_path / "sgm" / "reut2-000.sgm").write_bytes(SGML)
    assert convert(tmp_path / "sgm", tmp_path / "out") == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["00007.txt", "00008.txt"]
    first = (tmp_path / "out" / "00007.txt").read_bytes()
    assert first == (
        b"FARM GROUP <FG> SEES LOWER WHEAT STOCKS\n\n3 March 1987 09:07\n\n"
        b"CHICAGO, March 3 - A farm group said wheat stocks\n"
        b"would fall this year, its chairman told a news conference.\n\n"
        b'"We expect a smaller crop," he said in Z\xfcrich.\n Reuter\n')
    assert (tmp_path / "out" / "00008.txt").read_bytes() == (
        b"OIL COMPANY RAISES CRUDE PRICES\n\n3 March 1987 09:18\n")
