"""The `citydiplomacy` command.

citydiplomacy run                 set up the embedded database, load the demo and serve it
citydiplomacy serve               migrate and serve (production: no demo)
citydiplomacy demo                load the demo into the configured database
citydiplomacy manage ARGS…        any Django management command
"""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

DEMO_LOGINS = ["coordinator", "editor", "viewer", "partner", "admin"]


def _home() -> Path:
    home = Path(os.environ.setdefault("CITYDIPLOMACY_HOME", str(Path.cwd())))
    (home / "var").mkdir(parents=True, exist_ok=True)
    # A local installation made by `citydiplomacy run` keeps its generated key here.
    key_file = home / "var" / "secret_key"
    if key_file.exists() and not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("SECRET_KEY_FILE", str(key_file))
    return home


def _demo_environment() -> None:
    """Settings for the local demo: a generated secret key kept in var/, demo mode on."""
    home = _home()
    key_file = home / "var" / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    os.environ.setdefault("SECRET_KEY_FILE", str(key_file))
    os.environ.setdefault("DEMO_MODE", "true")
    # django-environ drops one slash of filemail:///abs, so an absolute path needs four.
    os.environ.setdefault("EMAIL_URL", f"filemail:///{(home / 'var' / 'mail').resolve()}")


def _django(*args: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citydiplomacy.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["citydiplomacy", *args])


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citydiplomacy.settings")
    import django

    try:
        django.setup()
    except Exception as error:  # configuration errors: one line, not a traceback
        from django.core.exceptions import ImproperlyConfigured

        if isinstance(error, ImproperlyConfigured):
            sys.exit(f"citydiplomacy: {error}")
        raise


def _prepare(with_demo: bool) -> None:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if with_demo:
        call_command("load_demo")
    else:
        call_command("load_reference_data")


def _serve(port: str, banner: str) -> int:
    bind = f"{os.environ.get('HOST', '127.0.0.1')}:{port}"
    worker = subprocess.Popen([sys.executable, "-m", "citydiplomacy.cli", "manage", "db_worker"])
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "citydiplomacy.cli", "manage", "run_scheduler"]
    )
    print(banner.format(address=f"http://{bind}"), flush=True)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "citydiplomacy.wsgi",
            "--bind",
            bind,
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "3"),
            "--access-logfile",
            "-",
        ]
    )

    def stop(signum, frame):
        server.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        return server.wait()
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            process.wait(timeout=10)


def run() -> int:
    _demo_environment()
    _prepare(with_demo=True)
    logins = "\n".join(f"    {name:<12} password: demo" for name in DEMO_LOGINS)
    banner = (
        "\ncitydiplomacy demo is running at {address}\n"
        "The data is a clearly labelled example. Demo logins:\n" + logins + "\n"
        "Stop with Ctrl+C.\n"
    )
    return _serve(os.environ.get("PORT", "8000"), banner)


def serve() -> int:
    _home()
    _prepare(with_demo=False)
    return _serve(os.environ.get("PORT", "8000"), "citydiplomacy is serving at {address}")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "help"
    if command == "run":
        return run()
    if command == "serve":
        return serve()
    if command == "demo":
        _demo_environment()
        _setup_django()
        _django("load_demo")
        return 0
    if command == "decisions" and args[1:2] == ["import"]:
        _home()
        _setup_django()
        from citydiplomacy.decisions.cli import main as import_main

        return import_main(args[2:])
    if command == "decisions" and args[1:2] == ["parse"]:
        from citydiplomacy.decisions.parser.cli import main as parse_main

        return parse_main(args[2:])
    if command == "report":
        _home()
        _setup_django()
        from citydiplomacy.reports.cli import main as report_main

        return report_main(args[1:])
    if command == "benchmark":
        from citydiplomacy.benchmarking.engine.cli import main as benchmark_main

        return benchmark_main(args[1:])
    if command == "manage":
        _home()
        _setup_django()
        _django(*args[1:])
        return 0
    print(__doc__)
    return 0 if command in ("help", "--help", "-h") else 2


if __name__ == "__main__":
    sys.exit(main())
