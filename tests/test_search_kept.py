"""The search index kept from one rebuild to the next (mkdocs serve): after any series of
pages added, edited, moved to another day and dropped, ``finish`` gives the bytes a fresh
build of the same pages gives. Pure: no site is built."""

from __future__ import annotations

import multiprocessing
import random
import threading

import pytest

from site_plugins.search_index.extract import DEFAULT_SKIP_CLASSES, PageText, article, read
from site_plugins.search_index.index import IndexBuilder, IndexFiles, build, read_shard
from site_plugins.search_index.layout import MIN_DAY_WIDTH, Layout, slot
from site_plugins.search_index.worker import _serve

WORDS = [
    "书法",
    "进乡村",
    "戏曲",
    "下乡",
    "重阳",
    "敬老",
    "志愿",
    "服务",
    "防溺水",
    "安全",
    "教育",
    "春联",
    "福字",
    "黄梅戏",
    "广场舞",
]
PLACES = ["张庄村", "李家湾村", "柳河镇 · 兴隆村", "示范县"]
COLUMNS = ["活动", "活动", "活动", "好人", "实践站", "月度通报", "月度主题"]
PEOPLE = {"h/0/": ["王"], "a/3/": ["张", "王"]}
OTHER_PEOPLE = {"a/3/": ["張"], "a/5/": ["李"]}  # 張: folded to 张 like the text


def _page(rng: random.Random, url: str, dates: list[str]) -> PageText:
    column = rng.choice(COLUMNS)
    date = "" if column == "实践站" or rng.random() < 0.1 else rng.choice(dates)
    title = "".join(rng.sample(WORDS, 2))
    text = " ".join(rng.choices(WORDS, k=rng.randint(0, 12)))
    return PageText(url, title, rng.choice(PLACES), date, text, column)


def _apply(
    builder: IndexBuilder,
    pages: dict[str, PageText],
    shard_bytes: int,
    people: dict[str, list[str]] = PEOPLE,
) -> IndexFiles:
    kept = builder.finish(shard_bytes, 4, people, "honorees/")
    fresh = build(pages.values(), shard_bytes, 4, people, "honorees/")
    assert kept.files == fresh.files
    assert (kept.docs, kept.terms, kept.postings) == (fresh.docs, fresh.terms, fresh.postings)
    return kept


@pytest.mark.parametrize("seed", range(6))
def test_a_kept_index_equals_a_fresh_one_after_every_round(seed: int) -> None:
    rng = random.Random(seed)
    dates = [f"2026-0{m}-1{d}" for m in (3, 4) for d in range(3)]
    shard_bytes = rng.choice([64, 400, 16_384])  # many term files, a few, one
    pages: dict[str, PageText] = {}
    builder = IndexBuilder()
    for number in range(40):
        url = f"a/{number}/"
        pages[url] = _page(rng, url, dates)
        builder.add(pages[url])
    before = _apply(builder, pages, shard_bytes)
    for _ in range(12):
        builder.segment_some(rng.randint(0, 30))  # as the second process does between rebuilds
        for _ in range(rng.randint(1, 6)):
            action = rng.random()
            url = rng.choice(sorted(pages))
            if "#" not in url and action < 0.55:
                # A page drawn again comes with its entries: here without them.
                for entry in [u for u in pages if u.startswith(url + "#")]:
                    del pages[entry]
            if action < 0.4:  # edited: a new title, text, day or column
                pages[url] = _page(rng, url, dates)
                builder.add(pages[url])
            elif action < 0.55:  # drawn again unchanged
                builder.add(pages[url])
            elif action < 0.8:  # a new page, maybe with entries of its own
                new = f"n/{rng.randrange(10**6)}/"
                pages[new] = _page(rng, new, dates)
                builder.add(pages[new])
                if rng.random() < 0.3:
                    entry = f"{new}#item{rng.randrange(3)}"
                    pages[entry] = _page(rng, entry, dates)
                    builder.add(pages[entry])
            elif len(pages) > 5:  # deleted, with its entries
                gone = [u for u in pages if u.partition("#")[0] == url.partition("#")[0]]
                builder.drop([url.partition("#")[0]])
                for each in gone:
                    del pages[each]
        after = _apply(builder, pages, shard_bytes, rng.choice([PEOPLE, OTHER_PEOPLE]))
        assert builder.changed is not None
        # Only what changed is reported changed; what it reports gone is gone.
        assert {p for p in after.files if before.files.get(p) != after.files[p]} == (
            builder.changed
        )
        assert set(builder.removed) == before.files.keys() - after.files.keys()
        before = after


def test_a_title_edit_changes_only_the_files_of_its_words() -> None:
    pages = {
        f"a/{n}/": PageText(f"a/{n}/", f"活动{n}", "张庄村", f"2026-03-{n % 28 + 1:02}", "写春联")
        for n in range(400)
    }
    builder = IndexBuilder()
    for page in pages.values():
        builder.add(page)
    first = builder.finish(shard_bytes=256)
    edited = PageText("a/7/", "重阳敬老", "张庄村", "2026-03-08", "写春联")
    builder.add(edited)
    again = builder.finish(shard_bytes=256)
    assert again.files == build([*pages.values(), edited], shard_bytes=256).files
    shards = sum(p.startswith("t/") for p in first.files)
    changed = builder.changed or set()
    # The new words' term files, the old title's, its document file and meta.json.
    assert 0 < sum(p.startswith("t/") for p in changed) < shards / 4
    assert sum(p.startswith("d/") for p in changed) == 1 and "meta.json" in changed


def test_a_new_page_renumbers_only_its_own_day() -> None:
    day = [PageText(f"a/{n}/", f"活动{n}", "", "2026-03-02", "") for n in range(5)]
    other = PageText("b/", "别的", "", "2026-03-01", "")
    layout = Layout.of({slot(day[0]): 6, slot(other): 1}, 16)
    assert layout.day_width == MIN_DAY_WIDTH
    # The next day's first id does not depend on how many pages the day before has.
    assert layout.start(slot(other)) - layout.start(slot(day[0])) == MIN_DAY_WIDTH
    builder = IndexBuilder()
    for page in [*day, other]:
        builder.add(page)
    builder.finish()
    builder.add(PageText("a/0a/", "新的", "", "2026-03-02", ""))
    builder.finish()
    changed = builder.changed or set()
    assert [p for p in changed if p.startswith("d/")] == [
        f"d/{layout.start(slot(day[0])) // 16}.json"
    ]


def test_a_day_outgrowing_its_room_moves_every_id_and_still_equals_a_fresh_build() -> None:
    pages = [PageText(f"a/{n:03}/", f"活动{n}", "", "2026-03-02", "书法") for n in range(256)]
    pages.append(PageText("b/", "别的", "", "2026-03-01", "戏曲"))
    builder = IndexBuilder()
    for page in pages:
        builder.add(page)
    builder.finish()
    extra = PageText("a/999/", "又一个", "", "2026-03-02", "书法")
    builder.add(extra)
    assert builder.finish().files == build([*pages, extra]).files
    builder.drop(["a/999/"])
    assert builder.finish().files == build(pages).files


def test_the_second_process_sends_back_only_the_files_that_changed() -> None:
    parts = [article(f"{n}/", page_html(f"标题{n}", f"正文{n}", n)) for n in "abc"]
    edited = article("b/", page_html("新标题", "新正文", "b"))
    assert edited is not None and all(parts)
    ours, theirs = multiprocessing.Pipe()
    worker = threading.Thread(target=_serve, args=(theirs, DEFAULT_SKIP_CLASSES, 64, 4))
    worker.start()
    ours.send(parts)
    ours.send(({"a/": ("王",)}, "", True))
    first: IndexFiles = ours.recv()
    ours.send([edited])
    ours.send((None, "", True))  # the same people as last time
    second: IndexFiles = ours.recv()
    ours.close()
    worker.join(timeout=10)
    fresh = IndexBuilder()
    for part in (parts[0], edited, parts[2]):
        assert part is not None
        fresh.add(read(part))
    expected = fresh.finish(64, 4, {"a/": ("王",)})
    assert not first.partial and second.partial and second.removed == ()
    assert 0 < len(second.files) < len(first.files)
    assert {**first.files, **second.files} == expected.files
    assert "@王" in dict(
        read_shard(b"".join(v for k, v in expected.files.items() if k[:2] == "t/"))
    )


def page_html(title: str, text: str, date_day: str) -> str:
    day = "abc".index(date_day) + 1
    meta = f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2026-03-0{day}">'
    return f'{meta}<article class="md-content__inner"><h1>{title}</h1><p>{text}</p></main>'


def test_a_new_undated_page_renumbers_only_its_own_folder() -> None:
    def honoree(station: str, name: str) -> PageText:
        return PageText(f"stations/t1/{station}/honorees/{name}/", name, "", "", "", "好人")

    pages = [honoree(s, n) for s in ("s1", "s2", "s3") for n in ("h1", "h3", "h5")]
    builder = IndexBuilder()
    for page in pages:
        builder.add(page)
    first = builder.finish()
    builder.add(honoree("s1", "h2"))  # before s1's h3 and h5, and every page of s2, s3
    again = builder.finish()
    assert again.files == build([*pages, honoree("s1", "h2")]).files
    changed = builder.changed or set()
    # Only s1's document file changed: s2 and s3 kept their ids.
    assert [p for p in changed if p.startswith("d/")] == ["d/0.json"]
    assert {p for p in first.files if p.startswith("d/")} == {"d/0.json", "d/1.json", "d/2.json"}
