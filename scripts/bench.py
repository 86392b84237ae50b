#!/usr/bin/env python3
"""make bench: dxskills against PostgreSQL's own limits, measured in one run on the same data.

Every line of the table is a ratio of two measurements taken here, now, on this machine: ours
(through the release binary, the HTTP API and the service role under RLS) and a baseline that
asks PostgreSQL for the same thing as directly as it can be asked. Medians of several runs.
Writes bench/results.json. Not part of `make test`.
"""
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# BENCH_BIN: another build to measure (make bench builds and measures the release build).
BIN = os.environ.get("BENCH_BIN", os.path.join(ROOT, ".build", "release", "dxskills"))
BIG, MID, SMALL = "141003", "122033", "139999"
STAFF = int(os.environ.get("BENCH_STAFF", "50000"))
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
AS_OF = "2026-03-31"


def free_port():
    return int(subprocess.run(["scripts/pg.sh", "free-port"], cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout)


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


class Cluster:
    def __init__(self, folder):
        self.folder = folder
        # The same server settings serve both sides of every ratio; fsync stays on, as in production.
        settings = "shared_buffers = '1GB'\nwork_mem = '32MB'\nmax_wal_size = '4GB'\nmaintenance_work_mem = '256MB'"
        self.url = subprocess.run(["scripts/pg.sh", "cluster", folder, "bench"], cwd=ROOT, check=True, stdout=subprocess.PIPE,
                                  text=True, env=dict(os.environ, PG_EXTRA_CONF=settings, PG_FSYNC="on")).stdout.strip()
        self.port = int(subprocess.run(["scripts/pg.sh", "port", folder], cwd=ROOT, check=True, stdout=subprocess.PIPE,
                                       text=True).stdout)

    def psql(self, db, sql, user="postgres", capture=True):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", user, "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtX", "-c", sql],
            check=True, capture_output=capture, text=True)
        return result.stdout.strip() if capture else ""

    def stop(self):
        subprocess.run(["scripts/pg.sh", "stop", self.folder], cwd=ROOT, check=False)


def timed(command, env=None, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MiB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {errors}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs, measure):
    return statistics.median(measure() for _ in range(runs))


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak(pid):
    with open(f"/proc/{pid}/clear_refs", "w") as refs:
        refs.write("5")


def main():
    if not os.path.exists(BIN):
        raise SystemExit("bench: build first: swift build -c release")
    work = tempfile.mkdtemp(prefix="dxskills-bench.")
    os.chmod(work, 0o755)
    cluster = Cluster(os.path.join(work, "pg"))
    env = dict(os.environ, DATABASE_URL=cluster.url)
    server = None
    results = []
    try:
        subprocess.run([BIN, "db", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        loads = {}
        for tenant, staff, name in [(BIG, STAFF, "政令市"), (MID, 5000, "中核市"), (SMALL, 300, "みなと市")]:
            say(f"generating and loading tenant {tenant} with about {staff} staff…")
            seconds, _ = timed([BIN, "admin", "demo", "--staff", str(staff), "--seed", "7", "--tenant", tenant, "--name", name], env)
            loads[tenant] = seconds
        cluster.psql("bench", "VACUUM ANALYZE")
        counts = cluster.psql(
            "bench",
            f"SELECT (SELECT count(*) FROM staff WHERE tenant_id = '{BIG}') || ' ' || "
            f"(SELECT count(*) FROM training_records WHERE tenant_id = '{BIG}') || ' ' || (SELECT count(*) FROM training_records)")
        staff_count, big_training, all_training = (int(x) for x in counts.split())
        say(f"tenant {BIG}: {staff_count} staff, {big_training} training records ({all_training} in all tenants)")

        port = free_port()
        token = subprocess.run(
            [BIN, "admin", "token", "issue", "--tenant", BIG, "--user", "hr1"], env=env, check=True, capture_output=True,
            text=True).stdout.strip()
        server_log = open(os.path.join(work, "serve.log"), "w")
        server = subprocess.Popen([BIN, "serve", "--port", str(port)], env=env, stderr=server_log, stdout=server_log)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        client = dict(os.environ, DXSKILLS_URL=f"http://127.0.0.1:{port}", DXSKILLS_TOKEN=token, LANG="C")

        # 1. Import of a million new training rows, its re-import, and the service's peak memory.
        # Staff hired by April 2015: the rows' days lie after it (training before hire is refused).
        employees = cluster.psql(
            "bench", f"SELECT employee_no FROM staff WHERE tenant_id = '{BIG}' AND hired_on <= '2015-04-01' "
            "ORDER BY employee_no").split()
        courses = cluster.psql("bench", f"SELECT code FROM courses WHERE tenant_id = '{BIG}' ORDER BY code").split()
        data = os.path.join(work, "training.csv")
        with open(data, "w") as out:
            out.write("employee_no,course_code,completed_on,status,score,hours\n")
            written = 0
            day = 0
            while written < ROWS:
                # FY2019 and earlier: days no demo record uses, so every row is new.
                date = time.strftime("%Y-%m-%d", time.gmtime(1553990400 - 86400 * day))
                for employee in employees:
                    if written == ROWS:
                        break
                    out.write(f"{employee},{courses[(written + day) % len(courses)]},{date},completed,,\n")
                    written += 1
                day += 1
        cluster.psql("bench", "CREATE TABLE plain_training (employee_no text, course_code text, completed_on date, "
                     "status text, score integer, hours numeric)")

        def baseline_copy():
            cluster.psql("bench", "TRUNCATE plain_training")
            return timed(["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "bench", "-qAtX", "-c",
                          f"\\copy plain_training FROM '{data}' CSV HEADER"])[0]

        copy_seconds = median_of(RUNS, baseline_copy)

        # The same rows, already valid, into an empty table with training_records' primary key, indexes
        # and foreign keys, but no row-level security and no trigger: what PostgreSQL needs to store
        # them with integrity.
        guarded = os.path.join(work, "training-guarded.csv")
        with open(data) as source, open(guarded, "w") as out:
            next(source)
            out.write("tenant_id,employee_no,course_code,completed_on,status,score,hours\n")
            for row in source:
                out.write(f"{BIG},{row}")
        cluster.psql("bench", "CREATE TABLE guarded_training (LIKE training_records INCLUDING DEFAULTS "
                     "INCLUDING CONSTRAINTS INCLUDING INDEXES)")
        for number, definition in enumerate(cluster.psql(
                "bench", "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'training_records'::regclass AND contype = 'f' ORDER BY conname").splitlines()):
            cluster.psql("bench", f"ALTER TABLE guarded_training ADD CONSTRAINT guarded_fk_{number} {definition}")

        def guarded_copy():
            cluster.psql("bench", "TRUNCATE guarded_training")
            return timed(["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "bench", "-qAtX", "-c",
                          "\\copy guarded_training (tenant_id, employee_no, course_code, completed_on, status, score, hours) "
                          f"FROM '{guarded}' CSV HEADER"])[0]

        guarded_seconds = median_of(RUNS, guarded_copy)
        cluster.psql("bench", "DROP TABLE guarded_training")
        peaks = []

        def remove_new_rows():
            # As the superuser with triggers off: cleaning up is not what is measured.
            cluster.psql("bench", "SET session_replication_role = replica; "
                         f"DELETE FROM training_records WHERE tenant_id = '{BIG}' AND completed_on < '2019-04-01'")

        def import_once():
            reset_peak(server.pid)
            seconds, _ = timed([BIN, "import", "training", data, "--format", "json"], client)
            peaks.append(peak_rss_mib(server.pid))
            return seconds

        def import_new():
            remove_new_rows()
            cluster.psql("bench", "VACUUM ANALYZE training_records")
            return import_once()

        say(f"importing {ROWS} new training rows, {RUNS} times…")
        new_seconds = median_of(RUNS, import_new)
        say("re-importing them unchanged…")
        again_seconds = median_of(RUNS, import_once)
        # Re-import with nothing to change: COPY into a temporary table and one hand-written join
        # that finds nothing to change, in one session.
        check = os.path.join(work, "reimport.sql")
        with open(check, "w") as out:
            out.write("BEGIN;\nCREATE TEMP TABLE incoming (employee_no text, course_code text, completed_on date, status text, "
                      "score integer, hours numeric) ON COMMIT DROP;\n"
                      f"\\copy incoming FROM '{data}' CSV HEADER\n"
                      "SELECT count(*) FROM incoming i JOIN training_records r ON r.tenant_id = "
                      f"'{BIG}' AND r.employee_no = i.employee_no AND r.course_code = i.course_code "
                      "AND r.completed_on = i.completed_on "
                      "WHERE (r.status::text, r.score, r.hours) IS DISTINCT FROM (i.status, i.score, i.hours);\nCOMMIT;\n")
        rejoin_seconds = median_of(RUNS, lambda: timed(
            ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "bench", "-qAtX", "-f", check])[0])
        results.append(line("import_new_same_guarantees",
                            f"import {ROWS:,} new training rows, against \\copy with the same keys and foreign keys",
                            ROWS / new_seconds, "rows/s", ROWS / guarded_seconds,
                            "rows/s (psql \\copy into a table with training_records' PK, indexes and FKs; no RLS, no trigger)",
                            higher=True, goal=0.6))
        results.append(line("reimport_same_guarantees", "re-import the same rows (no change), against COPY and one join",
                            ROWS / again_seconds, "rows/s", ROWS / rejoin_seconds,
                            "rows/s (COPY into a temporary table + one join finding nothing to change)",
                            higher=True, goal=0.5))
        results.append(line("import_new_bare_copy", f"import {ROWS:,} new training rows (dxskills import training)",
                            ROWS / new_seconds, "rows/s", ROWS / copy_seconds, "rows/s (psql \\copy into a plain table)",
                            higher=True, goal=0.5, informational=True))
        results.append(line("reimport_bare_copy", "re-import the same rows (no change)", ROWS / again_seconds, "rows/s",
                            ROWS / copy_seconds, "rows/s (same baseline)", higher=True, goal=0.3, informational=True))
        results.append({"id": "memory_1m", "what": "peak memory of the service during those imports", "ours": round(max(peaks), 1),
                        "ours_unit": "MiB", "baseline": None, "baseline_unit": "", "ratio": None, "goal": "≤ 200 MiB",
                        "met": max(peaks) <= 200, "informational": False})

        # 2. Coverage of the whole tenant × every skill on one day.
        say("coverage…")
        ours = median_of(RUNS + 2, lambda: timed([BIN, "coverage", "--as-of", AS_OF, "--format", "json"], client)[0])
        best = median_of(RUNS + 2, lambda: timed(psql_command(cluster, coverage_sql(BIG, AS_OF)))[0])
        check_same_coverage(cluster, client)
        results.append(line("coverage_city_query", f"coverage, {staff_count}-staff tenant × all skills, one day", ours, "s", best,
                            "s (one hand-written query through psql)", higher=False, goal=1.5))

        # 3. Rankings export as CSV.
        say("rankings export…")
        ranked = os.path.join(work, "ranking.csv")
        ours = median_of(RUNS, lambda: timed([BIN, "rankings", "--fiscal-year", "2025", "--format", "csv", "-o", ranked], client)[0])
        rows = sum(1 for _ in open(ranked, encoding="utf-8-sig")) - 1
        plain = os.path.join(work, "ranking-psql.csv")
        best = median_of(RUNS, lambda: timed(psql_command(cluster, f"\\copy ({ranking_sql(BIG, 2025, AS_OF)}) TO '{plain}' CSV HEADER"))[0])
        check_same_totals(ranked, plain)
        results.append(line("rankings_export_csv", f"rankings export, {rows} staff, CSV", rows / ours, "rows/s", rows / best,
                            "rows/s (psql \\copy (same totals) TO)", higher=True, goal=0.6))

        # 4. One staff record through the API, 32 concurrent clients, against pgbench -S.
        say("API under load…")
        script = os.path.join(work, "staff.lua")
        with open(script, "w") as lua:
            sample = employees[:: max(1, len(employees) // 1000)][:1000]
            lua.write("local ids = {" + ",".join(f'"{e}"' for e in sample) + "}\nlocal i = 0\n"
                      "request = function()\n  i = i + 1\n"
                      "  return wrk.format('GET', '/api/v1/staff/' .. ids[(i % #ids) + 1])\nend\n")
        api = median_of(RUNS, lambda: wrk_rate(port, token, script))
        subprocess.run(["scripts/pg.sh", "bootstrap", cluster.folder, "pgbench"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["pgbench", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-i", "-q", "-s", "10", "pgbench"],
                       check=True, capture_output=True)
        pgbench = median_of(RUNS, lambda: pgbench_rate(cluster))
        results.append(line("api_get_one_vs_pgbench", "API GET of one staff record, 32 concurrent clients", api, "req/s",
                            pgbench, "tx/s (pgbench -S, 32 clients)", higher=True, goal=0.2))

        # 5. One tenant's query under RLS against the same query with explicit tenant filters.
        say("row-level security…")
        under_rls = median_of(RUNS + 2, lambda: execution_ms(cluster, "dxskills_app", rls_sql(None), BIG))
        explicit = median_of(RUNS + 2, lambda: execution_ms(cluster, "postgres", rls_sql(BIG), None))
        results.append(line("rls_report_query", "a tenant's report query under RLS (training hours per unit, FY2025)",
                            under_rls, "ms", explicit,
                            "ms (explicit WHERE tenant_id, RLS bypassed)", higher=False, goal=1.5))
    finally:
        if server:
            server.terminate()
            server.wait()
        cluster.stop()
    machine = {"cpus": os.cpu_count(), "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
               "kernel": platform.release(), "postgresql": subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()}
    document = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine, "runs": RUNS,
                "data": {"tenants": {BIG: staff_count, MID: 5000, SMALL: 300}, "training_records": all_training,
                         "load_seconds": {k: round(v, 1) for k, v in loads.items()}},
                "results": results}
    os.makedirs(os.path.join(ROOT, "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results.json"), "w") as out:
        json.dump(document, out, ensure_ascii=False, indent=2)
    print_table(results)
    shutil.rmtree(work, ignore_errors=True)


def line(id, what, ours, ours_unit, baseline, baseline_unit, higher, goal, informational=False):
    """One row of bench/results.json, under a stable `id`. An informational row keeps an earlier
    round's baseline for comparison: its goal is printed, but it is not one of this round's goals."""
    ratio = ours / baseline
    met = ratio >= goal if higher else ratio <= goal
    return {"id": id, "what": what, "ours": round(ours, 3), "ours_unit": ours_unit, "baseline": round(baseline, 3),
            "baseline_unit": baseline_unit, "ratio": round(ratio, 3), "goal": ("≥ " if higher else "≤ ") + str(goal) +
            ("" if higher else "×"), "met": met, "informational": informational}


def print_table(results):
    rows = [["id", "what", "ours", "baseline", "ratio", "goal", "met"]]
    for r in results:
        met = "yes" if r["met"] else "NO"
        rows.append([r["id"], r["what"], f"{r['ours']:,} {r['ours_unit']}",
                     "—" if r["baseline"] is None else f"{r['baseline']:,} {r['baseline_unit']}",
                     "—" if r["ratio"] is None else f"{r['ratio']:.3f}", r["goal"],
                     f"({met}, for information)" if r.get("informational") else met])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def psql_command(cluster, sql):
    # JIT off on the baseline too, as the service runs its transactions: at these sizes compiling
    # costs more than it saves, and "the best hand-written query" should not pay for it.
    return ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "bench", "-qAtX", "-o", "/dev/null",
            "-c", "SET jit = off", "-c", sql]


def baseline_sql(name, **values):
    """The hand-written baseline query bench/baseline-NAME.sql on one line (\\copy wants one), its
    psql variables replaced: :'name' by a quoted literal, :name by the value itself."""
    with open(os.path.join(ROOT, "bench", f"baseline-{name}.sql"), encoding="utf-8") as f:
        sql = " ".join(line for line in f.read().splitlines() if not line.lstrip().startswith("--"))
    sql = re.sub(r":'(\w+)'", lambda m: "'" + str(values[m.group(1)]) + "'", sql)
    sql = re.sub(r"(?<!:):(\w+)", lambda m: str(values[m.group(1)]), sql)
    return " ".join(sql.split()).rstrip(";")


def coverage_sql(tenant, day):
    """Per unit valid on the day (its whole subtree counted) × every skill: headcount and staff at level ≥ 1."""
    return baseline_sql("coverage", tenant=tenant, day=day)


def ranking_sql(tenant, year, day):
    """The demo criteria's totals in numeric arithmetic, ranked, for psql's \\copy."""
    return baseline_sql("ranking", tenant=tenant, year=year, day=day, first=f"{year}-04-01", last=f"{year + 1}-03-31")


def check_same_coverage(cluster, client):
    ours = json.loads(subprocess.run([BIN, "coverage", "--as-of", AS_OF, "--format", "json"], env=client, check=True,
                                     capture_output=True, text=True).stdout)
    theirs = cluster.psql("bench", coverage_sql(BIG, AS_OF)).splitlines()
    mine = sorted(f"{o['unit_code']}|{o['skill_code']}|{o['headcount']}|{o['count']}" for o in ours)
    if mine != sorted(theirs):
        raise SystemExit(f"bench: coverage differs from the hand-written query ({len(mine)} vs {len(theirs)} lines)")


def check_same_totals(ours_file, psql_file):
    import csv
    with open(ours_file, encoding="utf-8-sig") as f:
        mine = {r["employee_no"]: r["total"] for r in csv.DictReader(f) if r["total"]}
    with open(psql_file) as f:
        theirs = {r["employee_no"]: r["total"] for r in csv.DictReader(f) if r["total"]}
    differ = [e for e in mine if theirs.get(e) != mine[e]]
    if differ:
        say(f"note: {len(differ)} of {len(mine)} totals differ from numeric arithmetic (e.g. {differ[0]}: ours "
            f"{mine[differ[0]]}, psql {theirs.get(differ[0])})")


def wrk_rate(port, token, script):
    out = subprocess.run(["wrk", "-t2", "-c32", "-d10s", "-s", script, "-H", f"Authorization: Bearer {token}",
                          f"http://127.0.0.1:{port}"], check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"bench: the API answered errors under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def pgbench_rate(cluster):
    out = subprocess.run(["pgbench", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-S", "-c", "32", "-j", "2",
                          "-T", "10", "pgbench"], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def rls_sql(tenant):
    f = (lambda alias: f"AND {alias}.tenant_id = '{tenant}'") if tenant else (lambda alias: "")
    return (f"SELECT a.unit_code, sum(coalesce(r.hours, c.hours)) FROM training_records r "
            f"JOIN courses c ON c.tenant_id = r.tenant_id AND c.code = r.course_code "
            f"JOIN assignments a ON a.tenant_id = r.tenant_id AND a.employee_no = r.employee_no AND a.is_primary "
            f"AND a.valid_from <= r.completed_on AND (a.valid_to IS NULL OR r.completed_on <= a.valid_to) "
            f"WHERE r.status = 'completed' AND r.completed_on BETWEEN '2025-04-01' AND '2026-03-31' {f('r')} {f('c')} {f('a')} "
            f"GROUP BY a.unit_code")


def execution_ms(cluster, user, sql, tenant):
    prefix = f"SELECT set_config('dxskills.tenant_id', '{tenant}', false); " if tenant else ""
    out = cluster.psql("bench", prefix + f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}", user=user)
    plan = json.loads(out[out.index("["):])
    return plan[0]["Execution Time"]


if __name__ == "__main__":
    main()
