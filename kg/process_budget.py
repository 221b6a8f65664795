"""A process's resource budget: a cap on its memory, and few malloc arenas so the cap leaves room to work.

The store's writer executor (kg.validation.writer) and the API's worker processes (api.runner) each run
jobs that could grow without bound; both set their budget with these before taking work. The address
space is read from `/proc` (Linux); `mallopt` is glibc's, and without it the arenas are left as they are.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import resource


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space, so a runaway job fails here instead of starving the machine.

    The cap is `megabytes` on top of what the loaded process already reserves: that reservation (malloc
    arenas, thread stacks, the store's caches) is mostly untouched address space and differs between
    machines, and a cap that counted it left some machines too little room to start a store thread.
    """
    if megabytes > 0:
        limit = address_space_bytes() + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


M_ARENA_MAX = -8  # glibc's malloc.h


def few_malloc_arenas(arenas: int = 2) -> None:
    """Let glibc's malloc keep at most `arenas` arenas in this process; call it before threads start.

    Otherwise each thread that finds the arenas busy reserves a new 64 MB one (up to eight per core): on
    a loaded machine the store's threads then used up a capped worker's room and it died starting a thread.
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return
    mallopt = getattr(ctypes.CDLL(name), "mallopt", None)  # glibc only
    if mallopt is not None:
        mallopt(M_ARENA_MAX, arenas)


def address_space_bytes() -> int:
    """This process's address space now (VmSize), in bytes."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()
