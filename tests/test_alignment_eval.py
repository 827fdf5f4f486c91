"""The hand-made alignment set (tests/fixtures/alignment_set.json): 8 chains read by hand — 22/2013/QĐ-TTg
carried down by TP. Hồ Chí Minh's plan, Bộ Tài chính's circular, Bộ Xây dựng's two letters and the 2018 national
plan 773/QĐ-TTg; 98/2013/TT-BTC by TP. Hồ Chí Minh's plan; two decrees by the circulars that guide them — 177
duty-document pairs. The aligner (graph.align) must stay at or above the figures it reaches today, in-sample and
left one chain out; `python tests/eval_alignment.py --cv` prints them and the pairs it gets wrong."""

from __future__ import annotations

import pytest
from eval_alignment import cross_validated, load_cases, score
from store_fixtures import corpus_results  # noqa: F401

from graph.align import Duty, Lead, align, cites_upstream, role_fit

# what graph.align reaches on the set today (README "How good the matching is"); the goal is 0.90
FLOORS = {"precision_none": 0.94, "recall_none": 0.94, "precision_item": 0.66, "recall_item": 0.66}
# fitted on seven chains, judged on the eighth, for each chain in turn
CV_FLOORS = {"precision_none": 0.95, "recall_none": 0.93, "precision_item": 0.53, "recall_item": 0.56}


@pytest.fixture(scope="module")
def cases(corpus_results):  # type: ignore[no-untyped-def]  # noqa: F811
    return load_cases(corpus_results)


@pytest.fixture(scope="module")
def figures(cases):  # type: ignore[no-untyped-def]
    return score(cases)


def test_the_set_is_what_the_readme_says(figures) -> None:  # type: ignore[no-untyped-def]
    # 10 upstream duties of the set are not read as duties by the extractor (a decree's powers and a circular's
    # procedure steps: eval_alignment.UPSTREAM_MISSES); 5 carried duties are carried by items it does not read
    assert (figures.duties, figures.carried, figures.not_carried, figures.extraction_misses) == (167, 30, 132, 5)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_alignment_figures_stay_above_their_floors(figures, name: str) -> None:  # type: ignore[no-untyped-def]
    assert getattr(figures, name) >= FLOORS[name], figures.errors


def test_cross_validated_figures_stay_above_their_floors(cases) -> None:  # type: ignore[no-untyped-def]
    cv = cross_validated(cases, by="chain")
    got = dict(zip(("precision_none", "recall_none", "precision_item", "recall_item"), cv.four(), strict=True))
    assert all(got[k] >= v for k, v in CV_FLOORS.items()), got


PROVINCE = Lead("Ủy ban nhân dân cấp tỉnh", "ủy ban nhân dân", "province")
COMMUNE = Lead("Ủy ban nhân dân cấp xã", "ủy ban nhân dân", "commune")


@pytest.mark.parametrize(
    ("duty", "item", "low", "high"),
    [
        # "UBND cấp tỉnh" -> the province's UBND or any of its Sở
        (PROVINCE, Lead("Ủy ban nhân dân Thành phố", "ủy ban nhân dân", "province"), 1.0, 1.0),
        (PROVINCE, Lead("Sở Xây dựng", "sở xây dựng", "province"), 0.9, 0.9),
        # handed down to the communes (a plan gives them "lập danh sách"): plausible, less than the province itself
        (PROVINCE, Lead("Ủy ban nhân dân xã, phường, thị trấn", "ủy ban nhân dân", "commune"), 0.5, 0.6),
        # a commune's duty is not a Sở's
        (COMMUNE, Lead("Sở Xây dựng", "sở xây dựng", "province"), 0.0, 0.3),
        (COMMUNE, Lead("Ủy ban nhân dân xã, phường, thị trấn", "ủy ban nhân dân", "commune"), 1.0, 1.0),
        # the same body without a known level: "Bảo hiểm xã hội Việt Nam" in a decree and in its circular
        (
            Lead("Bảo hiểm xã hội Việt Nam", "bảo hiểm xã hội việt nam", None),
            Lead("Bảo hiểm xã hội Việt Nam", "bảo hiểm xã hội việt nam", None),
            1.0,
            1.0,
        ),
        # "Ủy ban nhân dân các cấp" is every local level
        (PROVINCE, Lead("Ủy ban nhân dân các cấp", "ủy ban nhân dân", None), 0.7, 0.7),
        # another ministry
        (Lead("Bộ Tài chính", "bộ tài chính", "ministry"), Lead("Bộ Xây dựng", "bộ xây dựng", "ministry"), 0.3, 0.3),
    ],
)
def test_role_fit(duty: Lead, item: Lead, low: float, high: float) -> None:
    assert low <= role_fit(Duty(None, "", [duty]), Duty(None, "", [item])) <= high


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Hoàn thành việc hỗ trợ nhà ở … giai đoạn 2 theo Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013", 1.0),
        ("… theo Quyết định số 22/2013/QĐ - TTg …", 1.0),
        ("Đảm bảo nguồn kinh phí thực hiện chế độ ưu đãi người có công với cách mạng theo quy định.", 0.0),
        ("… theo Quyết định số 22/2014/QĐ-TTg", 0.0),
    ],
)
def test_an_item_cites_the_upstream_by_number(text: str, cited: float) -> None:
    assert cites_upstream(text, ["22/2013/QĐ-TTg"]) == cited


def test_an_item_citing_the_article_carries_it_even_when_another_duty_reads_closer() -> None:
    duties = [
        Duty(
            "Điều 4.1",
            "Các tỉnh sử dụng ngân sách địa phương để bố trí kinh phí quản lý triển khai thực hiện chính sách",
            [PROVINCE],
        ),
        Duty(
            "Điều 8.2.e",
            "Bố trí đủ vốn đối ứng và kinh phí quản lý triển khai thực hiện Chính sách theo quy định",
            [PROVINCE],
        ),
    ]
    items = [
        Duty(
            "III.1.1.-2",
            "Bố trí kinh phí quản lý theo quy định tại Khoản 1 Điều 4 của Quyết định số 22/2013/QĐ-TTg",
            [Lead("Ủy ban nhân dân Thành phố", "ủy ban nhân dân", "province")],
        ),
    ]
    decisions, pairs = align(duties, items, upstream=["22/2013/QĐ-TTg"])
    assert pairs[0][0].ref == 1.0 and decisions[0].index == 0
