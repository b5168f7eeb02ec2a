"""The ``extract`` command line: run, show, export, eval, report, merge, train, info, logs, cache.

One module a job: ``app`` (the groups, global flags, settings as option defaults), ``options``
(the shared options), ``console`` and ``tables`` (what the terminal shows), and a module per
command or family of commands, each registering its commands on the app when imported.
"""

from extract.cli import admin, evaluate, records, run, train
from extract.cli.app import app, main, settings
from extract.cli.options import MODEL_OPTIONS
from extract.cli.run import ProgressLines

__all__ = [
    "MODEL_OPTIONS",
    "ProgressLines",
    "admin",
    "app",
    "evaluate",
    "main",
    "records",
    "run",
    "settings",
    "train",
]
