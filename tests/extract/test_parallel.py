from pathlib import Path

from digest.extract.parallel import POOL_MIN_ENTRIES, extract_all
from digest.model import Entry, Topic
from digest.people import People


def test_the_pool_gives_what_one_process_gives() -> None:
    entries = [
        Entry(Path(f"e{i}.md"), f"e{i}", f"Report {i}",
              f'"We will not send troops number {i}," the minister Jane Roe said in Kursk.\n')
        for i in range(POOL_MIN_ENTRIES + 10)
    ]
    topics = (Topic("Kursk", "kursk", ("Kursk",)),)
    pooled = extract_all(entries, topics, People(), {}, workers=2)
    alone = extract_all(entries, topics, People(), {}, workers=1)
    assert pooled == alone
    assert [x.entry.slug for x in pooled] == [e.slug for e in entries]
    assert pooled[7].topics == ("Kursk",) and pooled[7].quotes[0].speaker == "Jane Roe"
