"""The headings above an item, read back from a stored text (graph/outline.py): what alignment compares
besides the item's own words."""

from __future__ import annotations

import pytest

from graph.outline import Outline, marker_rank

# TP. Hồ Chí Minh's 3210/QĐ-UBND and Bộ LĐ-TB&XH's 20/2021/TT-BLĐTBXH, as the normaliser leaves them
PLAN = """II. NỘI DUNG THỰC HIỆN
4. Phương thức thực hiện xây dựng, sửa chữa nhà ở
4.1. Yêu cầu về kỹ thuật và chất lượng:
4.1.b. Việc hỗ trợ người có công với cách mạng xây dựng mới nhà ở hoặc sửa chữa nhà ở phải bảo đảm yêu cầu sau đây:
- Đối với trường hợp nhà ở phải phá dỡ để xây dựng lại thì nhà ở mới phải bảo đảm tiêu chuẩn 3 cứng;
4.2. Yêu cầu về tổ chức xây dựng nhà ở:
4.2.b. Ủy ban nhân dân xã, phường, thị trấn có trách nhiệm theo dõi, giám sát và giúp đỡ các hộ gia đình.
III. TỔ CHỨC THỰC HIỆN
1. Đối với Ủy ban nhân dân các cấp
1.3. Ủy ban nhân dân xã, phường, thị trấn:
- Thành lập Ban Chỉ đạo thực hiện hỗ trợ nhà ở cho người có công với cách mạng.
- Tổ chức rà soát, lập danh sách các hộ gia đình người có công với cách mạng được hỗ trợ nhà ở trên địa bàn.
"""
CIRCULAR = """Chương IV
TRÁCH NHIỆM THỰC HIỆN
Điều 15. Trách nhiệm của các đơn vị thuộc Bộ Lao động - Thương binh và Xã hội
1. Cục Quản lý lao động ngoài nước, Bộ Lao động - Thương binh và Xã hội có trách nhiệm:
a) Quản lý người lao động đi làm việc ở nước ngoài theo hợp đồng bằng mã số;
Điều 16. Trách nhiệm của cơ quan chuyên môn về lao động thuộc Ủy ban nhân dân cấp tỉnh
1. Cập nhật thông tin về người lao động đi làm việc ở nước ngoài theo hợp đồng.
"""


@pytest.mark.parametrize(
    ("text", "item", "headings"),
    [
        (
            PLAN,
            "4.2.b. Ủy ban nhân dân xã",
            [
                "II. NỘI DUNG THỰC HIỆN",
                "4. Phương thức thực hiện xây dựng, sửa chữa nhà ở",
                "4.2. Yêu cầu về tổ chức xây dựng nhà ở:",
            ],
        ),
        # a dash item of a sibling section above is not a heading of 4.2.b, nor of the dashes of 1.3
        (
            PLAN,
            "- Tổ chức rà soát",
            [
                "III. TỔ CHỨC THỰC HIỆN",
                "1. Đối với Ủy ban nhân dân các cấp",
                "1.3. Ủy ban nhân dân xã, phường, thị trấn:",
            ],
        ),
        (
            CIRCULAR,
            "a) Quản lý người lao động",
            [
                "Chương IV",
                "Điều 15. Trách nhiệm của các đơn vị thuộc Bộ Lao động - Thương binh và Xã hội",
                "1. Cục Quản lý lao động ngoài nước, Bộ Lao động - Thương binh và Xã hội có trách nhiệm:",
            ],
        ),
        (
            CIRCULAR,
            "1. Cập nhật thông tin",
            ["Chương IV", "Điều 16. Trách nhiệm của cơ quan chuyên môn về lao động thuộc Ủy ban nhân dân cấp tỉnh"],
        ),
    ],
)
def test_headings_above_an_item(text: str, item: str, headings: list[str]) -> None:
    assert Outline.of(text).headings(text.index(item)) == headings


@pytest.mark.parametrize(
    ("line", "rank"),
    [
        ("Chương VII", 0),
        ("III. TỔ CHỨC THỰC HIỆN", 1),
        ("Điều 16. Trách nhiệm của cơ quan chuyên môn", 2),
        ("1. Đối với Ủy ban nhân dân các cấp", 3),
        ("1.3. Ủy ban nhân dân xã, phường, thị trấn:", 4),
        ("2.1.b. Hướng dẫn và tiếp nhận hồ sơ:", 7),
        ("c) Bộ Tài chính:", 7),
        ("- Thành lập Ban Chỉ đạo", 8),
        ("+ Đơn đề nghị hỗ trợ về nhà ở của hộ gia đình;", 9),
        ("Ủy ban nhân dân xã, phường, thị trấn thành lập Ban Chỉ đạo", 10),
        ("2013 là năm đầu tiên", 10),
        ("15 ngày kể từ ngày nhận được hồ sơ", 10),
        ("1.1 Ủy ban nhân dân Thành phố", 4),
    ],
)
def test_marker_rank(line: str, rank: int) -> None:
    assert marker_rank(line) == rank
