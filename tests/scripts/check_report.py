#!/usr/bin/env python3
"""Reads platslage-report's CSV files back as a spreadsheet would, with Python's own csv
module, and checks their figures against plain SQL on the event log they were made from.

    check_report.py DB REPORT_DIR STATION FROM TO [--purged-before YYYY-MM-DD]

STATION is a station id; FROM and TO are months (YYYY-MM). With --purged-before the
report was made after a purge: only what SQL can still see before that day is checked to
be gone, and the totals are checked against the figures the report itself shows.
Prints one line per check and exits 1 on the first failure list.
"""
import csv
import datetime as dt
import json
import sqlite3
import sys
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def month_start_ms(month):
    y, m = map(int, month.split("-"))
    return int(dt.datetime(y, m, 1, tzinfo=STOCKHOLM).timestamp() * 1000)


def next_month(month):
    y, m = map(int, month.split("-"))
    return f"{y + (m == 12)}-{1 if m == 12 else m + 1:02d}"


def number(text):
    """A cell: an int, a decimal with a comma, '<3' (hidden) or '..' (none)."""
    if text in ("<3", ".."):
        return text
    return float(text.replace(",", ".")) if "," in text else int(text)


def read_table(path):
    raw = open(path, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: starts with a UTF-8 byte-order mark")
    check(b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), f"{path.name}: lines end in CRLF")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, body = rows[0], rows[1:]
    check(all(len(r) == len(header) for r in body), f"{path.name}: every row has {len(header)} fields")
    check(body[-1][0] == "Totalt", f"{path.name}: ends with the total row")
    return header, [[r[0]] + [number(c) for c in r[1:]] for r in body]


def column(header, rows, name):
    i = header.index(name)
    return [r[i] for r in rows[:-1]], rows[-1][i]


def months_add_up(name, header, rows):
    """Each count column: the months add up to the total (when no month is hidden)."""
    for i, h in enumerate(header[1:], start=1):
        if "%" in h or "(min)" in h:
            continue
        months, total = [r[i] for r in rows[:-1]], rows[-1][i]
        if total in ("<3", "..") or any(c in ("<3", "..") for c in months):
            visible = sum(c for c in months if isinstance(c, int))
            check(total == "<3" or visible <= total, f"{name}: {h}: the visible months are at most the total")
            continue
        check(sum(months) == total, f"{name}: {h}: months add up to the total {total}")


def share(part, whole):
    return round(100.0 * part / whole, 1) if whole else ".."


def main():
    args = sys.argv[1:]
    purged_before = None
    if "--purged-before" in args:
        i = args.index("--purged-before")
        purged_before = args[i + 1]
        del args[i:i + 2]
    db_path, report_dir, station, first, last = args
    import pathlib
    report = pathlib.Path(report_dir)
    lo, hi = month_start_ms(first), month_start_ms(next_month(last))
    db = sqlite3.connect(db_path)
    sql = lambda q, *p: db.execute(q, p).fetchone()[0]

    tables = {}
    for path in sorted(report.glob("*.csv")):
        header, rows = read_table(path)
        tables[path.stem] = (header, rows)
        months_add_up(path.stem, header, rows)
        check((report / "sammanfattning.md").read_text(encoding="utf-8").count("\n## ") >= len(tables),
              f"{path.stem}: in the Markdown summary")
    check(len(tables) == 11, f"eleven tables ({', '.join(tables)})")
    for png in report.glob("*.png"):
        check(png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{png.name}: a PNG")
    check("å" in (report / "nattharbargen.csv").read_text(encoding="utf-8-sig"), "å ä ö are intact")

    # Guards' reports against the events table.
    h, rows = tables["rapporter"]
    where = "kind='guard_report' AND station=? AND heard_ms>=? AND heard_ms<?"
    if purged_before is None:
        for name, kind in (("Observationer", "observation"), ("Incidenter", "incident"), ("Ronder", "patrol")):
            n = sql(f"SELECT count(*) FROM events WHERE {where} AND json_extract(body,'$.kind')=?", station, lo, hi, kind)
            check(column(h, rows, name)[1] == n, f"rapporter: {name} total {column(h, rows, name)[1]} = SQL {n}")
        for name, field in (("Personer", "persons"), ("Kvinnor", "women"), ("Män", "men")):
            n = sql(f"SELECT ifnull(sum(json_extract(body,'$.{field}')),0) FROM events WHERE {where}", station, lo, hi)
            check(column(h, rows, name)[1] == n, f"rapporter: {name} total {column(h, rows, name)[1]} = SQL {n}")
    total = rows[-1]
    women, men = total[h.index("Kvinnor")], total[h.index("Män")]
    check(total[h.index("Kvinnor %")] == share(women, women + men), "rapporter: women's share of the known, in the total row")
    check(total[h.index("Okänt")] == total[h.index("Personer")] - women - men, "rapporter: unknown = persons - women - men")

    # Alerts against the alert steps, which a purge keeps.
    h, rows = tables["larm"]
    raised = sql("SELECT count(*) FROM alert_steps WHERE step=0 AND station=? AND at_ms>=? AND at_ms<?", station, lo, hi)
    check(column(h, rows, "Larm")[1] == raised, f"larm: raised {column(h, rows, 'Larm')[1]} = SQL {raised}")
    expired = sql("SELECT count(DISTINCT a.alert_id) FROM alert_steps a JOIN alert_steps r ON r.alert_id=a.alert_id AND r.step=0 "
                  "WHERE a.what='expired' AND r.station=? AND r.at_ms>=? AND r.at_ms<?", station, lo, hi)
    check(column(h, rows, "Utgångna")[1] == expired, f"larm: expired {column(h, rows, 'Utgångna')[1]} = SQL {expired}")

    # Hotspot hours against their table, which a purge keeps: all the station's zones, then each.
    h, rows = tables["hotspottimmar"]
    for name, low in (("Timmar ≥ 30", 30), ("Timmar ≥ 60", 60)):
        n = sql("SELECT count(*) FROM hotspot_hours WHERE station=? AND hour_ms>=? AND hour_ms<? AND peak>=?", station, lo, hi, low)
        check(column(h, rows, name)[1] == n, f"hotspottimmar: {name} {column(h, rows, name)[1]} = SQL {n}")
    check(column(h, rows, "Timmar ≥ 30")[1] > 0, "hotspottimmar: a winter has hotspot hours")
    zone_names = {"Väntytor": "centralen.vantytor", "Centralhallen": "centralen.centralhallen"}
    for name, zone in zone_names.items():
        if station != "centralen":
            break
        n = sql("SELECT count(*) FROM hotspot_hours WHERE zone=? AND hour_ms>=? AND hour_ms<?", zone, lo, hi)
        check(column(h, rows, name + " ≥ 30")[1] == n, f"hotspottimmar: {name} {column(h, rows, name + ' ≥ 30')[1]} = SQL {n}")

    # Outreach against the outcomes in the events table.
    h, rows = tables["uppsokande"]
    if purged_before is None:
        where = "kind='dispatch_outcome' AND station=? AND heard_ms>=? AND heard_ms<?"
        visits = sql(f"SELECT count(*) FROM events WHERE {where}", station, lo, hi)
        rounds = sql(f"SELECT count(*) FROM events WHERE {where} AND json_extract(body,'$.dispatch') IS NULL", station, lo, hi)
        persons = sql(f"SELECT ifnull(sum(json_extract(body,'$.persons')),0) FROM events WHERE {where}", station, lo, hi)
        check(column(h, rows, "Besök")[1] == visits, f"uppsokande: visits {column(h, rows, 'Besök')[1]} = SQL {visits}")
        check(column(h, rows, "Egna rundor")[1] == rounds, f"uppsokande: own rounds {column(h, rows, 'Egna rundor')[1]} = SQL {rounds}")
        check(column(h, rows, "Personer")[1] == persons, f"uppsokande: persons {column(h, rows, 'Personer')[1]} = SQL {persons}")
    results = sum(rows[-1][h.index(c)] for c in ("Kontakt", "Stöd erbjudet", "Stöd accepterat", "Hänvisade", "Avböjde"))
    check(results == rows[-1][h.index("Personer")], "uppsokande: the results add up to the persons met")
    hr, rr = tables["hanvisningar"]
    check(rr[-1][hr.index("Totalt")] == rows[-1][h.index("Hänvisade")], "hanvisningar: total = the referred of uppsokande")

    # The shelters, the city's, by the night's fullest reading (kept by every purge).
    nights = {}
    for heard, body in db.execute("SELECT heard_ms, body FROM events WHERE kind='shelter'"):
        b = json.loads(body)
        ts = dt.datetime.fromisoformat(b["ts"].replace("Z", "+00:00")).astimezone(STOCKHOLM)
        night = ts.date() - dt.timedelta(days=1) if ts.hour < 12 else ts.date()
        key = (night, b["shelter"])
        if key not in nights or b["occupied"] > nights[key]["occupied"]:
            nights[key] = b
    y0, m0 = map(int, first.split("-"))
    y1, m1 = map(int, next_month(last).split("-"))
    inside = [b for (night, _), b in nights.items() if dt.date(y0, m0, 1) <= night < dt.date(y1, m1, 1)]
    h, rows = tables["nattharbargen"]
    for name, field in (("Nätter", "occupied"), ("Kvinnor", "women"), ("Män", "men"), ("Platsnätter", "places")):
        n = sum(b.get(field, 0) for b in inside)
        check(column(h, rows, name)[1] == n, f"nattharbargen: {name} {column(h, rows, name)[1]} = the events' {n}")
    days = (dt.date(y1, m1, 1) - dt.date(y0, m0, 1)).days
    check(column(h, rows, "Platsnätter")[1] == 115 * days, f"nattharbargen: 115 places on each of {days} nights")
    total = rows[-1]
    check(total[h.index("Beläggning %")] == share(total[h.index("Nätter")], total[h.index("Platsnätter")]),
          "nattharbargen: occupancy = nights / place-nights")

    if purged_before is not None:
        y, m, d = map(int, purged_before.split("-"))
        cut = int(dt.datetime(y, m, d, tzinfo=STOCKHOLM).timestamp() * 1000)
        left = sql("SELECT count(*) FROM events WHERE kind!='shelter' AND heard_ms<?", cut)
        check(left == 0, f"no raw event before {purged_before} is left ({left})")
        check(sql("SELECT count(*) FROM refusals WHERE heard_ms<?", cut) == 0, "no refusal before the cutoff is left")
        check(sql("SELECT count(*) FROM alert_steps WHERE what='note' AND detail!='' AND at_ms<?", cut) == 0,
              "no operator's note before the cutoff is left")
        check(sql("SELECT count(*) FROM kept_figures") > 0, "the purged rows' figures are kept")

    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


main()
