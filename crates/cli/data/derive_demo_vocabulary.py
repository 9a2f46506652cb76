#!/usr/bin/env python3
"""Derives onet_demo.tsv (the demo community's vocabulary and occupation profiles) from the
O*NET Technology Skills table: keeps skills flagged Hot Technology or In Demand whose names
make tags of at most 40 characters, for occupations in the major groups the demo's teams
draw from. Everyday office software that more than a third of those occupations list (word
processors, spreadsheets, e-mail) is left out: everybody has it, few want to talk about it.
Usage: derive_demo_vocabulary.py onet_technology_skills.tsv > onet_demo.tsv"""
import csv
import sys

GROUPS = ("11-", "13-", "15-", "17-", "19-", "25-", "27-", "29-", "41-", "43-")

def main(path):
    rows = csv.DictReader(open(path, encoding="utf-8"), delimiter="\t")
    out = set()
    for r in rows:
        code, skill = r["O*NET-SOC Code"], r["Example"].strip()
        if not code.startswith(GROUPS):
            continue
        if r["Hot Technology"] != "Y" and r["In Demand"] != "Y":
            continue
        if len(skill) > 40 or any(c in skill for c in "\t\n"):
            continue
        out.add((code, skill, r["Commodity Title"].strip()))
    occupations = {code for code, _, _ in out}
    listing = {}
    for code, skill, _ in out:
        listing.setdefault(skill, set()).add(code)
    out = {r for r in out if len(listing[r[1]]) * 3 <= len(occupations)}
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["occupation", "skill", "category"])
    for row in sorted(out):
        w.writerow(row)

if __name__ == "__main__":
    main(sys.argv[1])
