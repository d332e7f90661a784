"""`salesbot settings`: set up a company's bot from a YAML or JSON file, exactly as the `settings`
function does, with the user's own rights.

    salesbot settings example --lang ru > bot.yaml     # a complete, commented document to edit
    salesbot settings set bot.yaml --email E           # validated in full; every problem with its path
    salesbot settings show --email E [--json]
    salesbot settings import-offerings prices.csv --email E [--replace] [--currency RUB]

A user of several companies names the one with --company <owner_id>.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

from salesbot.commands.common import as_user


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = commands.add_parser("settings", help="show, set or import a company's bot settings")
    actions = settings.add_subparsers(dest="settings_command", required=True, parser_class=type(settings))
    show = actions.add_parser("show", help="print the company's settings document (YAML, or --json)")
    show.add_argument("--email", required=True, help="a member of the company")
    show.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    show.add_argument("--json", action="store_true", help="JSON instead of YAML")
    show.set_defaults(handler=_show)
    put = actions.add_parser("set", help="replace the settings with a YAML or JSON document")
    put.add_argument("file", type=Path)
    put.add_argument("--email", required=True, help="an admin or owner of the company")
    put.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    put.set_defaults(handler=_set)
    example = actions.add_parser("example", help="print a complete, commented settings document to start from")
    example.add_argument("--lang", choices=["ru", "en"], default="ru")
    example.set_defaults(handler=_example)
    prices = actions.add_parser("import-offerings", help="update the offerings from a CSV price list")
    prices.add_argument("file", type=Path)
    prices.add_argument("--email", required=True, help="an admin or owner of the company")
    prices.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    prices.add_argument("--replace", action="store_true", help="drop the offerings the file does not list")
    prices.add_argument("--currency", help="ISO 4217 code for prices that name none (default: the region's)")
    prices.set_defaults(handler=_import_offerings)


def _show(args: argparse.Namespace) -> int:
    from salesbot.settings import service

    with as_user(args.email) as (database, claims):
        stored = service.read(database, claims, args.company)
    print(json.dumps(stored.document, ensure_ascii=False, indent=2) if args.json else _yaml(stored.document), end="")
    if args.json:
        print()
    return 0


def _set(args: argparse.Namespace) -> int:
    from salesbot.settings import InvalidSettings, service, validate

    document = _read(args.file)
    try:
        validate(document)  # every problem at once, before touching the database
    except InvalidSettings as invalid:
        return _refused(args.file, [str(problem) for problem in invalid.problems])
    with as_user(args.email) as (database, claims):
        stored = service.replace(database, claims, document, owner_id=args.company)
    print(f"saved: {_summary(stored.document)} (revision {stored.revision})")
    return 0


def _example(args: argparse.Namespace) -> int:
    print(resources.files("salesbot.settings").joinpath("examples", f"{args.lang}.yaml").read_text(encoding="utf-8"),
          end="")
    return 0


def _import_offerings(args: argparse.Namespace) -> int:
    from salesbot.extract import company_currency
    from salesbot.settings import InvalidSettings, service, validate
    from salesbot.settings.prices_csv import PriceListError, merge, read_offerings

    text = _text(args.file)  # before signing in: a missing file is the user's typo, not a server matter
    with as_user(args.email) as (database, claims):
        stored = service.read(database, claims, args.company)
        currency = args.currency or company_currency(validate(stored.document))
        try:
            imported = read_offerings(text, currency)
        except PriceListError as error:
            return _refused(args.file, error.problems)
        document = {**stored.document, "offerings": merge(stored.document.get("offerings", []), imported,
                                                           replace=args.replace)}
        try:
            validate(document)
        except InvalidSettings as invalid:
            return _refused(args.file, [str(problem) for problem in invalid.problems])
        saved = service.replace(database, claims, document, stored.etag, args.company)
    print(f"imported {len(imported)} offering(s): {_summary(saved.document)} (revision {saved.revision})")
    return 0


def _read(path: Path) -> Any:
    from salesbot.settings import parse_file

    text = _text(path)
    try:
        return parse_file(text, path.name)
    except ValueError as error:  # JSON's and YAML's errors both say where
        raise SystemExit(f"salesbot: error: {path} is not JSON or YAML: {error}") from None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SystemExit(f"salesbot: error: cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SystemExit(f"salesbot: error: {path} is not UTF-8 text (save it as CSV UTF-8)") from None


def _refused(path: Path, problems: list[str]) -> int:
    print(f"salesbot: error: {path}: {len(problems)} problem(s), nothing was saved:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 2


def _summary(document: dict[str, Any]) -> str:
    return (f"{len(document.get('offerings', []))} offering(s), {len(document.get('faq', []))} FAQ entries, "
            f"{len(document.get('not_offered', []))} not offered")


def _yaml(document: dict[str, Any]) -> str:
    import yaml

    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120))
