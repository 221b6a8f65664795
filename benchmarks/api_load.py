"""Load the web service from separate client processes on loopback and report latency and throughput.

    python benchmarks/api_load.py --store-dir /tmp/cypkg-bench --build       # build the store from data/ first
    python benchmarks/api_load.py --store-dir /tmp/cypkg-bench --seconds 300  # the issue's 5-minute run
    python benchmarks/api_load.py --store-dir /tmp/cypkg-bench --workers 2 --clients 4

Starts `uvicorn api.main:create_app --factory` on 127.0.0.1 (a free port) against the embedded
store in --store-dir, then for each target runs --clients client processes, each a tight
httpx loop with keep-alive for --seconds, and prints p50/p99 latency, requests/s, errors and the
server's memory (RSS of every server process) after the first minute and at the end.
Targets (issue 13, 2 cores, 2 workers, 4 client processes, the 1.2M-triple data): /plans/{id} p50 <= 3 ms,
p99 <= 15 ms, >= 800 req/s; over a 5-minute run, 0 errors and RSS at the end within 10% of RSS after the
first minute. "/plans/{id}" is the cached answer (keep-alive, as a council system polls); "revalidated"
sends the ETag back (304); "uncached" adds a new query parameter to every request, so every answer is
built from the store (the one-query path).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "/plans/{id}": ("GET", "/plans/kent-cypp-2008-2011", None),
    "/plans/{id} revalidated (304)": ("GET", "/plans/kent-cypp-2008-2011", "etag"),
    "/plans/{id} uncached": ("GET", "/plans/kent-cypp-2008-2011", "fresh"),
    "/partners/{id}/priorities": ("GET", "/partners/kent-childrens-trust/priorities", None),
    "named query": ("GET", "/queries/indicator_trend?authority=medway&indicator=lait-lac", None),
    "/sparql lookup": (
        "GET",
        "/sparql?query=SELECT+%3Ft+WHERE+%7B+%3Chttps%3A%2F%2Fw3id.org%2Fcypkg%2Fid%2Fplan%2Fkent-cypp-2008-2011%3E"
        "+dcterms%3Atitle+%3Ft+%7D",
        None,
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(store_dir: Path) -> None:
    from kg.store.build import build_store, data_sources
    from kg.store.embedded import OxigraphStore

    summary = build_store(OxigraphStore(store_dir), data_sources())
    print(f"built {summary.triples:,} triples in {summary.seconds:.0f} s")


def start_server(store_dir: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "CYPKG_STORE_DIR": str(store_dir), "CYPKG_API_TOKEN": ""}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


def client_loop(
    base: str, method: str, path: str, mode: str | None, seconds: float, out: multiprocessing.Queue
) -> None:
    latencies: list[float] = []
    errors = 0
    with httpx.Client(base_url=base, timeout=30) as c:
        first = c.request(method, path)
        headers = {"If-None-Match": first.headers.get("etag", "")} if mode == "etag" else {}
        expected = 304 if mode == "etag" else 200
        end = time.perf_counter() + seconds
        n = 0
        while (now := time.perf_counter()) < end:
            n += 1
            target = f"{path}?n={os.getpid()}-{n}" if mode == "fresh" else path
            r = c.request(method, target, headers=headers)
            latencies.append(time.perf_counter() - now)
            if r.status_code != expected:
                errors += 1
    out.put((latencies, errors))


def process_tree(root_pid: int) -> set[int]:
    """A process and all its descendants (from /proc)."""
    pids, todo = set(), [root_pid]
    while todo:
        pid = todo.pop()
        pids.add(pid)
        for child in Path(f"/proc/{pid}/task").glob("*/children"):
            todo += [int(c) for c in child.read_text().split()]
    return pids


def cpu_seconds(root_pid: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants.

    Other work on a shared machine stretches latency and throughput, but not the CPU a request costs
    the server, so this is the figure to compare across runs.
    """
    ticks = 0
    for pid in process_tree(root_pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    total = 0
    for pid in process_tree(root_pid):
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            line = next((ln for ln in status.read_text().splitlines() if ln.startswith("VmRSS:")), "VmRSS: 0 kB")
            total += int(line.split()[1])
    return total / 1024


def run_target(
    base: str, method: str, path: str, mode: str | None, seconds: float, clients: int, server_pid: int
) -> dict[str, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=client_loop, args=(base, method, path, mode, seconds, queue))
        for _ in range(clients)
    ]
    cpu_before = cpu_seconds(server_pid)
    for p in procs:
        p.start()
    time.sleep(min(60.0, seconds / 2))
    rss_first = rss_mb(server_pid)
    results = [queue.get() for _ in procs]
    rss_end = rss_mb(server_pid)
    cpu = cpu_seconds(server_pid) - cpu_before
    for p in procs:
        p.join()
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 100 else [latencies[-1]] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "errors": errors,
        "cpu_ms": cpu * 1000 / max(1, len(latencies)),
        "rss_first": rss_first,
        "rss_end": rss_end,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store-dir", type=Path, required=True, help="embedded store folder to serve")
    parser.add_argument("--build", action="store_true", help="build the store from data/ first")
    parser.add_argument("--seconds", type=float, default=30.0, help="load time per target")
    parser.add_argument("--clients", type=int, default=1, help="client processes per target")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--only", action="append", help="run only this target (repeatable)")
    args = parser.parse_args()
    if args.build:
        build(args.store_dir)
    port = free_port()
    server = start_server(args.store_dir, port, args.workers)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": count}, timeout=60).json()
    triples = int(answer["results"]["bindings"][0]["n"]["value"])
    print(
        f"store: {triples:,} triples; {args.workers} worker(s), {args.clients} client(s), {args.seconds:g} s each;"
        f" {os.cpu_count()} CPUs"
    )
    print(f"load average at the start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "| target | requests | req/s | p50 ms | p99 ms | errors | server CPU ms per request "
        "| server RSS after min(60 s, half) | at the end |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    try:
        for name, (method, path, mode) in TARGETS.items():
            if args.only and name not in args.only:
                continue
            r = run_target(f"http://127.0.0.1:{port}", method, path, mode, args.seconds, args.clients, server.pid)
            print(
                f"| {name} | {r['requests']:,} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} "
                f"| {r['errors']} | {r['cpu_ms']:.2f} | {r['rss_first']:.0f} MB | {r['rss_end']:.0f} MB |",
                flush=True,
            )
        print(f"load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
