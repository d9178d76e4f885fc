#!/usr/bin/env python3
"""Runs xir-verify on every (kernel file, case) of the corpus and prints a family x dialect table.

  python3 bench/corpus/run_corpus.py --bin build/bin [--dialect cuda ...] [--jobs N] [--markdown OUT]

Each dialect's bench/kernels/<dialect>/manifest.json maps files to cases (bench/specs/<case>.json).
A cell reads `passed/total`; failures are listed below the table with xir-verify's failing stage.
Exits 1 if any case failed or a manifest names a missing file or case.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIALECTS = ("cuda", "hip", "bang", "vnni")


def load_manifest(dialect):
    path = os.path.join(ROOT, "bench", "kernels", dialect, "manifest.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def family_of(case):
    return case.split("/", 1)[0]


def verify(binary, dialect, kernel, case, timeout, extra):
    spec = os.path.join(ROOT, "bench", "specs", case + ".json")
    start = time.monotonic()
    try:
        proc = subprocess.run([binary, kernel, "--dialect", dialect, "--spec", spec, "--json"] + extra,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"ok": False, "why": f"xir-verify timed out after {timeout} s", "seconds": timeout}
    seconds = time.monotonic() - start
    why = ""
    if proc.returncode != 0:
        why = f"exit {proc.returncode}"
        try:
            report = json.loads(proc.stdout)
            why = report.get("failed_stage") or report.get("stage") or report.get("error") or why
            why = f"{why}: {report.get('message', '')}".strip(": ")
        except (json.JSONDecodeError, AttributeError):
            tail = (proc.stderr or proc.stdout).strip().splitlines()
            why = tail[-1] if tail else why
    return {"ok": proc.returncode == 0, "why": why, "seconds": seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="folder holding xir-verify")
    parser.add_argument("--dialect", action="append", choices=DIALECTS, help="repeatable; default: all")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--markdown", help="also write the table and failures to this file")
    parser.add_argument("--vnni-emulate", action="store_true",
                        help="run vnni kernels through the intrinsic emulation instead of natively")
    args = parser.parse_args()

    binary = os.path.join(args.bin, "xir-verify")
    if not os.access(binary, os.X_OK):
        print(f"error: {binary} is not an executable", file=sys.stderr)
        return 2

    dialects = args.dialect or list(DIALECTS)
    jobs, problems = [], []
    for dialect in dialects:
        manifest = load_manifest(dialect)
        if manifest is None:
            problems.append(f"{dialect}: no manifest.json")
            continue
        for file_name, cases in sorted(manifest.items()):
            kernel = os.path.join(ROOT, "bench", "kernels", dialect, file_name)
            if not os.path.exists(kernel):
                problems.append(f"{dialect}/{file_name}: file missing")
                continue
            for case in cases:
                if not os.path.exists(os.path.join(ROOT, "bench", "specs", case + ".json")):
                    problems.append(f"{dialect}/{file_name}: case {case} missing")
                    continue
                jobs.append((dialect, file_name, kernel, case))

    # Cases of one file share its cached build: run them in one worker, files in parallel.
    by_file = {}
    for job in jobs:
        by_file.setdefault((job[0], job[2]), []).append(job)

    results = {}

    def run_file(group):
        extra = ["--vnni-emulate"] if args.vnni_emulate and group[0][0] == "vnni" else []
        return [(job, verify(binary, job[0], job[2], job[3], args.timeout, extra)) for job in group]

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for done in pool.map(run_file, by_file.values()):
            for job, result in done:
                results[job] = result
                status = "ok  " if result["ok"] else "FAIL"
                print(f"{status} {job[0]:5} {job[3]:40} {result['seconds']:6.1f}s {result['why']}", flush=True)
    elapsed = time.monotonic() - started

    families = sorted({family_of(job[3]) for job in jobs})
    cells = {}
    for (dialect, _, _, case), result in results.items():
        cell = cells.setdefault((family_of(case), dialect), [0, 0])
        cell[0] += result["ok"]
        cell[1] += 1

    lines = ["| family | " + " | ".join(dialects) + " |", "|---" * (len(dialects) + 1) + "|"]
    for family in families:
        row = [f"{cells[(family, d)][0]}/{cells[(family, d)][1]}" if (family, d) in cells else "-" for d in dialects]
        lines.append(f"| {family} | " + " | ".join(row) + " |")
    totals = []
    for d in dialects:
        passed = sum(v[0] for (f, dd), v in cells.items() if dd == d)
        total = sum(v[1] for (f, dd), v in cells.items() if dd == d)
        totals.append(f"**{passed}/{total}**")
    lines.append("| all | " + " | ".join(totals) + " |")

    failures = [f"- {j[0]} {j[1]} {j[3]}: {r['why']}" for j, r in sorted(results.items()) if not r["ok"]]
    failures += [f"- {p}" for p in problems]
    passed = sum(r["ok"] for r in results.values())
    summary = f"{passed} passed, {len(results) - passed + len(problems)} failed"

    report = "\n".join(lines)
    if failures:
        report += "\n\nFailures:\n" + "\n".join(failures)
    report += f"\n\n{len(results)} cases in {elapsed:.0f} s\n"
    print()
    print(report)
    print(summary)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("# Corpus verification (xir-verify on every file and case)\n\n" + report + "\n" + summary + "\n")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
