from boards.diagram import BOX_HEIGHT, BOX_WIDTH, layout
from tests.boards.factories import BoardFactory


def test_a_parent_is_centred_over_its_children_one_row_per_level(db):
    top = BoardFactory()
    left, right = BoardFactory(reports_to=top), BoardFactory(reports_to=top)
    below = BoardFactory(reports_to=left)
    diagram = layout([top, left, right, below])
    nodes = {node.board: node for node in diagram.nodes}
    assert nodes[top].centre_x == (nodes[left].centre_x + nodes[right].centre_x) / 2
    assert nodes[top].y < nodes[left].y == nodes[right].y < nodes[below].y
    assert len(diagram.edges) == 3
    assert diagram.width >= 2 * BOX_WIDTH and diagram.height >= 3 * BOX_HEIGHT


def test_no_boards_no_diagram_error():
    assert layout([]).nodes == []
