"""Command line: `digest new`, `digest ingest`, `digest build`, `digest serve`.

Exit codes: 0 success; 1 an error in the content (or a warning under --strict);
2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from digest import __version__
from digest.config import CONFIG_NAME, PEOPLE_FILE, PROPOSED_PEOPLE_FILE, Config, load_config
from digest.engine.engine import Engine
from digest.engine.state import BuildOptions, BuildResult, code_version, last_build, state_file
from digest.engine.store import Store
from digest.errors import DigestError, Finding
from digest.textio import write_atomic
from digest.timings import table

# Each command imports the parts of the pipeline it runs, when it runs (the imports inside
# the functions below): a `digest build` that finds nothing changed must not pay ~0.4 s
# for importing markdown-it, Jinja2 and the rest.

OK, FAILED, USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "new":  # makes a digest: the folder it runs in need not be one
        try:
            return _new(args)
        except DigestError as exc:
            return _fail(exc, args.debug, FAILED)
    try:
        config = load_config(Path.cwd(), args.config)
    except DigestError as exc:
        return _fail(exc, args.debug, USAGE)
    try:
        code: int = args.run(args, config)
        return code
    except DigestError as exc:
        return _fail(exc, args.debug, FAILED)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `digest ingest ... | head`: the reader left, not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
        return OK


def _fail(exc: DigestError, debug: bool, code: int) -> int:
    if debug:
        traceback.print_exc()
    print(exc, file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=None,
                        help=f"the project's config file (default: ./{CONFIG_NAME})")
    common.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="start a digest of your own in a new folder")
    p.add_argument("folder", type=Path, metavar="DIR", help="the folder to make (or an empty one)")
    p.add_argument("--title", help="the site's title (default: from the folder's name)")
    p.add_argument("--description", help="shown on the home page")
    p.add_argument("--language", default="en", help="the site's language (default: en)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser("ingest", parents=[common], help="turn raw articles into entries")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, folders or web addresses (none: the feeds in digest.yaml)")
    p.add_argument("--feed", action="append", default=[], dest="feeds", metavar="URL",
                   help="an RSS or Atom feed: ingest each article it lists (repeatable)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="give up on a web page or feed after this long (default: 20)")
    p.add_argument("--content", type=Path, help="content folder (default: from digest.yaml)")
    for name in ("title", "date", "source", "url", "author", "language", "summary"):
        p.add_argument(f"--{name}", help=f"set `{name}` on every entry of this run")
    p.add_argument("--topic", action="append", default=[], dest="topics",
                   help="add a topic (repeatable)")
    p.set_defaults(run=_ingest)

    p = sub.add_parser("build", parents=[common], help="render the content into a site")
    p.add_argument("--content", type=Path, help="content folder (default: from digest.yaml)")
    p.add_argument("--out", type=Path, help="output folder (default: site/)")
    p.add_argument("--base-url", help="absolute URL the site is published at (feeds, sitemap)")
    p.add_argument("--drafts", action="store_true", help="include drafts, with a banner")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--fresh", action="store_true",
                   help="ignore what earlier builds remembered in .cache/ and redo everything")
    p.add_argument("--timings", action="store_true",
                   help="print each stage's wall and CPU time and how many items it handled")
    p.set_defaults(run=_build)

    p = sub.add_parser("check", parents=[common], help="validate content and config")
    p.add_argument("--content", type=Path, help="content folder (default: from digest.yaml)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=_check)

    p = sub.add_parser("serve", parents=[common], help="preview with live reload")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks one)")
    p.add_argument("--content", type=Path, help="content folder (default: from digest.yaml)")
    p.add_argument("--out", type=Path, help="output folder (default: site/)")
    p.add_argument("--seeds", type=Path, default=Path("seeds"),
                   help="raw articles to ingest when they change (default: seeds/)")
    p.add_argument("--base-url", help="absolute URL the site is published at")
    p.add_argument("--drafts", action="store_true", help="include drafts, with a banner")
    p.add_argument("--follow", type=float, nargs="?", const=30.0, metavar="MINUTES",
                   help="read the feeds in digest.yaml now and every MINUTES (default: 30)")
    p.set_defaults(run=_serve)
    return parser


def _print_findings(findings: Sequence[Finding | DigestError]) -> None:
    for finding in findings:
        print(finding, file=sys.stderr)


def _new(args: argparse.Namespace) -> int:
    from digest.scaffold import Scaffold, default_title, new_digest

    folder: Path = args.folder
    scaffold = Scaffold(args.title or default_title(folder),
                        args.description or Scaffold.description, args.language)
    for path in new_digest(folder, scaffold):
        print(f"created {path}{'/' if path.is_dir() else ''}")
    print(f"next: cd {folder} && digest ingest URL-OR-FILE... && digest build")
    return OK


def _ingest(args: argparse.Namespace, config: Config) -> int:
    from digest.ingest import IngestOptions, ingest
    from digest.ingest.boilerplate import compile_patterns
    from digest.ingest.dates import parse_date

    overrides: dict[str, Any] = {
        key: getattr(args, key) for key in ("title", "source", "url", "author", "language",
                                            "summary") if getattr(args, key)
    }
    if args.topics:
        overrides["topics"] = args.topics
    if args.date:
        day = parse_date(args.date)
        if day is None:
            raise DigestError(f"--date {args.date!r} is not a date",
                              hint="write it as 2024-10-31 or 2024-10-31T11:40")
        overrides["date"] = day.moment or day.day
    content_dir = (args.content or config.content_dir).resolve()
    urls = [p for p in args.paths if p.startswith(("http://", "https://"))]
    files = [Path(p) for p in args.paths if p not in urls]
    feeds = args.feeds or ([] if args.paths else list(config.feeds))
    if not args.paths and not feeds:
        return _fail(DigestError("nothing to ingest", hint="name files, folders or web "
                                 "addresses, --feed URL, or list feeds under `feeds:` in "
                                 f"{CONFIG_NAME}"), args.debug, USAGE)
    if args.timeout <= 0:
        return _fail(DigestError(f"--timeout {args.timeout:g}: give a number of seconds "
                                 "above 0"), args.debug, USAGE)
    failed = False
    if files:
        options = IngestOptions(
            content_dir=content_dir,
            root=config.root,
            boilerplate=compile_patterns(config.boilerplate),
            max_bytes=config.max_bytes,
            overrides=overrides,
        )
        report = ingest(files, options)
        for outcome in report.outcomes:
            print(outcome)
        _print_findings(report.findings)
        print(report.summary())
        failed = report.failed
    if urls or feeds:
        from digest.ingest.fetch import Limits
        from digest.ingest.web import WebOptions, ingest_web

        web = ingest_web(urls, feeds, WebOptions(
            content_dir, Limits(timeout=args.timeout, max_bytes=config.max_bytes), overrides))
        for line in web.outcomes:
            print(line, file=sys.stderr if line.status == "failed" else sys.stdout)
        print(web.summary())
        failed = failed or web.failed
    return FAILED if failed else OK


def _build(args: argparse.Namespace, config: Config) -> int:
    if args.base_url is not None:
        config = replace(config, base_url=args.base_url.rstrip("/"))
    options = BuildOptions(
        content_dir=(args.content or config.content_dir).resolve(),
        output_dir=(args.out or config.output_dir).resolve(),
        drafts=args.drafts,
    )
    store = Store(state_file(config.root), fresh=args.fresh)
    try:
        engine = Engine(store, salt=code_version())
        last = last_build(config, options, engine, engine.salt)
        result: BuildResult | None = last.current
        if result is None:
            from digest.build import BuildFailed, build

            try:
                result = build(config, options, engine, last)
            except BuildFailed as failed:
                _print_findings(failed.errors)
                print(f"build failed: {len(failed.errors)} errors; the previous site is "
                      "unchanged", file=sys.stderr)
                return FAILED
    finally:
        store.close()
    proposals = config.root / PROPOSED_PEOPLE_FILE
    new = result.proposed_people
    if new is not None and (not proposals.is_file() or proposals.read_text("utf-8") != new):
        write_atomic(proposals, new.encode("utf-8"))
        print(f"{proposals.name}: speakers and roles not yet in {PEOPLE_FILE}; review them "
              f"and copy what is right into {PEOPLE_FILE}", file=sys.stderr)
    _print_findings(result.findings)
    if args.timings:
        print(table(result.timings))
    print(result.summary())
    return FAILED if args.strict and result.findings else OK


def _check(args: argparse.Namespace, config: Config) -> int:
    from digest.check import check

    findings = check(config, (args.content or config.content_dir).resolve())
    _print_findings(findings)
    errors = sum(1 for f in findings if f.level == "error")
    print(f"checked: {errors} errors, {len(findings) - errors} warnings")
    return FAILED if errors or (args.strict and findings) else OK


def _serve(args: argparse.Namespace, config: Config) -> int:
    from digest.serve.preview import PreviewOptions, serve

    if args.follow is not None and args.follow <= 0:
        return _fail(DigestError(f"--follow {args.follow:g}: give minutes above 0"),
                     args.debug, USAGE)
    if args.follow is not None and not config.feeds:
        return _fail(DigestError("--follow: no feeds to follow", config.root / CONFIG_NAME,
                                 hint="list their addresses under `feeds:`"), args.debug, USAGE)
    options = PreviewOptions(
        build=BuildOptions(
            content_dir=(args.content or config.content_dir).resolve(),
            output_dir=(args.out or config.output_dir).resolve(),
            drafts=args.drafts,
        ),
        host=args.host, port=args.port,
        seeds=args.seeds.resolve() if args.seeds.is_dir() else None,
        base_url=args.base_url,
        follow=args.follow * 60 if args.follow is not None else None,
    )
    return serve(config, options)


if __name__ == "__main__":
    sys.exit(main())
