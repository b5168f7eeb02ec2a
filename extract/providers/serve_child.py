"""Run llama.cpp's OpenAI-compatible server as a child that stops when its parent dies.

A run killed by SIGKILL (or a crash) cannot stop its server; an orphaned server would keep a
model in memory and its threads spinning. This watches the parent and exits with it.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)  # the parent is gone: nobody is left to ask this server anything


def main() -> None:
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    sys.argv = ["llama_cpp.server", *sys.argv[1:]]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
