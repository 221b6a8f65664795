"""A soak of `cypkg serve`: mixed reads (and a trickle of writes) for minutes, counting errors and watching memory.

    python benchmarks/soak.py --store-dir /tmp/cypkg-bench --build          # build the store from data/ first
    python benchmarks/soak.py --store-dir /tmp/cypkg-bench --seconds 300    # the 5-minute soak (#14)
    python benchmarks/soak.py --store-dir /tmp/cypkg-bench --workers 2 --clients 4 --writes

Starts `cypkg serve --workers N` on a free loopback port over the embedded store in --store-dir,
then runs --clients client processes, each looping over the reads of benchmarks/api_load.py
(a plan, a partner's priorities, a named query, a SPARQL lookup, /health) with keep-alive; with
--writes one more client replaces a graph of its own every few seconds and reads it back. Every
10 s it samples the resident memory (RSS) of the whole server: the uvicorn processes, the query
workers, the writer and its executor. At the end it prints requests, errors, latency and the RSS
after the first minute against the RSS at the end (flat = within 10%). Exit code 1 on any error.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.api_load import TARGETS, build, free_port  # noqa: I001

TOKEN = "soak-token-0123456789abcdef"
ORG = "https://w3id.org/cypkg/id/organisation/"
READS = [path for _, (method, path, _) in TARGETS.items() if method == "GET"] + ["/health"]


def descendants(pid: int) -> list[int]:
    """The process and every process below it (from /proc), so the writer and workers count too."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def rss_mb(pid: int) -> float:
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def reader(base: str, seconds: float, seed: int, out: multiprocessing.Queue) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    with httpx.Client(base_url=base, timeout=60) as c:
        end = time.perf_counter() + seconds
        i = seed
        while (now := time.perf_counter()) < end:
            path = READS[i % len(READS)]
            i += 1
            try:
                r = c.get(path)
                if r.status_code != 200:
                    errors.append(f"{path}: {r.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - now)
    out.put(("read", latencies, errors))


def writer(base: str, seconds: float, out: multiprocessing.Queue) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=120, headers=auth) as c:
        end = time.perf_counter() + seconds
        i = 0
        while (now := time.perf_counter()) < end:
            body = f'<{ORG}soak> <http://www.w3.org/2004/02/skos/core#prefLabel> "soak {i}" .'
            try:
                r = c.put("/store", params={"graph": "soak"}, content=body, headers={"Content-Type": "text/turtle"})
                back = c.get("/store", params={"graph": "soak"}, headers={"Accept": "application/n-triples"})
                if r.status_code != 200 or f'"soak {i}"' not in back.text:
                    errors.append(f"write {i}: {r.status_code}, read back {back.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"write {i}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - now)
            i += 1
            time.sleep(2)
        c.delete("/store", params={"graph": "soak"})
    out.put(("write", latencies, errors))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store-dir", type=Path, required=True)
    parser.add_argument("--build", action="store_true", help="build the store from data/ first")
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--clients", type=int, default=1, help="reading client processes")
    parser.add_argument("--workers", type=int, default=1, help="service worker processes")
    parser.add_argument("--writes", action="store_true", help="also replace a graph every 2 s")
    args = parser.parse_args()
    if args.build:
        build(args.store_dir)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CYPKG_STORE_DIR": str(args.store_dir), "CYPKG_API_TOKEN": TOKEN}
    cypkg = Path(sys.executable).with_name("cypkg")
    server = subprocess.Popen(
        [str(cypkg), "serve", "--workers", str(args.workers), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(1)
    else:
        server.kill()
        raise SystemExit("the server did not start within 600 s")
    time.sleep(5)  # let every worker finish starting
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=reader, args=(base, args.seconds, s, queue)) for s in range(args.clients)]
    if args.writes:
        procs.append(multiprocessing.Process(target=writer, args=(base, args.seconds, queue)))
    started = time.monotonic()
    for p in procs:
        p.start()
    samples: list[tuple[float, float]] = []
    while any(p.is_alive() for p in procs):
        samples.append((time.monotonic() - started, rss_mb(server.pid)))
        time.sleep(10)
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    server.send_signal(signal.SIGINT)
    server.wait(120)
    reads = sorted(x for kind, lat, _ in results if kind == "read" for x in lat)
    writes = sorted(x for kind, lat, _ in results if kind == "write" for x in lat)
    errors = [e for _, _, errs in results for e in errs]
    q = statistics.quantiles(reads, n=100)
    after_minute = next((mb for t, mb in samples if t >= 60), samples[0][1])
    end_mb = samples[-1][1]
    print(
        f"{args.seconds:g} s, {args.workers} worker(s), {args.clients} reading client(s)"
        + (", one writer every 2 s" if args.writes else "")
        + f", {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    rate, p50, p99 = len(reads) / args.seconds, q[49] * 1000, q[98] * 1000
    print(f"reads: {len(reads):,} ({rate:,.0f}/s), p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    if writes:
        print(f"writes: {len(writes):,}, median {statistics.median(writes) * 1000:.0f} ms (write + read back)")
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    print(
        f"server RSS: {after_minute:,.0f} MB after the first minute, {end_mb:,.0f} MB at the end "
        f"({(end_mb - after_minute) / after_minute * 100:+.1f}%), peak {max(mb for _, mb in samples):,.0f} MB"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
