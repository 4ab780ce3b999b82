"""The governance diagram: the boards as boxes in a tree, each joined by an arrow to the board it reports to.

Pure layout from data (no drawing here): the template turns the numbers into inline SVG, escaping every name.
"""

import textwrap
from dataclasses import dataclass, field

BOX_WIDTH = 240
BOX_HEIGHT = 84
GAP_X = 32
GAP_Y = 64
MARGIN = 8
LINE_HEIGHT = 18
CHARACTERS_PER_LINE = 26


@dataclass
class Node:
    board: object
    depth: int = 0
    x: float = 0
    y: float = 0
    children: list["Node"] = field(default_factory=list)

    @property
    def lines(self) -> list[dict]:
        lines = textwrap.wrap(self.board.name, CHARACTERS_PER_LINE)
        top = self.y + BOX_HEIGHT / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 5
        return [{"text": line, "y": top + index * LINE_HEIGHT} for index, line in enumerate(lines)]

    @property
    def centre_x(self) -> float:
        return self.x + BOX_WIDTH / 2


@dataclass
class Diagram:
    nodes: list[Node]
    edges: list[dict]
    width: int
    height: int
    box_width: int = BOX_WIDTH
    box_height: int = BOX_HEIGHT


def layout(boards) -> Diagram:
    """Place each board: leaves side by side, a parent centred over its children, one row per level."""
    nodes = {board.pk: Node(board) for board in boards}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.board.reports_to_id)
        (parent.children if parent else roots).append(node)
    slot = [0]

    def place(node: Node, depth: int) -> None:
        node.depth = depth
        node.y = MARGIN + depth * (BOX_HEIGHT + GAP_Y)
        for child in node.children:
            place(child, depth + 1)
        if node.children:
            node.x = sum(child.x for child in node.children) / len(node.children)
        else:
            node.x = MARGIN + slot[0] * (BOX_WIDTH + GAP_X)
            slot[0] += 1

    for root in roots:
        place(root, 0)
    placed = list(nodes.values())
    edges = [
        {
            "path": f"M{child.centre_x:g},{child.y:g} V{child.y - GAP_Y / 2:g} H{node.centre_x:g} "
            f"V{node.y + BOX_HEIGHT + 6:g}"
        }
        for node in placed
        for child in node.children
    ]
    depth = max((node.depth for node in placed), default=0)
    width = MARGIN * 2 + max(slot[0], 1) * (BOX_WIDTH + GAP_X) - GAP_X
    height = MARGIN * 2 + (depth + 1) * (BOX_HEIGHT + GAP_Y) - GAP_Y
    return Diagram(nodes=placed, edges=edges, width=width, height=height)
