"""The local server mounts exactly the HTTP targets `functions/main.py` lists, each at `/<name>`."""

from __future__ import annotations

import ast

from salesbot.local.paths import FUNCTIONS_MAIN
from salesbot.local.server import function_names


def _decorated_targets() -> set[str]:
    tree = ast.parse(FUNCTIONS_MAIN.read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(decorator) == "functions_framework.http" for decorator in node.decorator_list)
    }


def test_targets_lists_every_http_function_and_nothing_else():
    assert set(function_names()) == _decorated_targets()


def test_an_unknown_path_is_a_json_404_naming_the_functions(client):
    answer = client.get("/nope")
    assert answer.status_code == 404
    assert "chat" in answer.get_json()["error"]["message"]
