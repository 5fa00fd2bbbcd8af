"""README's table of the mutation score (bench/mutants.py readme [--check]): the score of every
exercise on both tracks, the counts of each outcome, the exclusions, the date and revision of
the record, and which rows are not current (a solution changed since) or only a sample. Written
between two markers in README.md and README.ko.md, and the Korean section's stamp renewed (the
table is the same in both); `--check` (run by `bench/mutants.py ci`, so by CI) fails when the
README does not say what the record says."""
import os
import re
import sys

import mutation as M

BEGIN = "<!-- mutation-score: written by bench/mutants.py readme from bench/mutants/; do not edit -->"
END = "<!-- /mutation-score -->"
READMES = {"en": "README.md", "ko": "README.ko.md"}
# The subsection the table is in: its Korean twin's stamp is renewed with the table.
HEADING = {"en": "### How strong the hidden tests are", "ko": "### 숨은 테스트가 얼마나 강한가"}

WORDS = {
    "en": {
        "exercise": "exercise", "all": "all", "not current": "not current",
        "sample": "1 in {n} graded", "left": "{n} not graded yet",
        "caught": "caught", "missed": "missed", "excluded": "excluded", "timeout": "timed out",
        "unjudged": "unjudged", "unviable": "unviable", "equivalent": "equivalent",
        "duplicate": "duplicate", "ungraded": "ungraded",
        "track line": "**{Track}** ({tool}; recorded {date}, the record's last run at `{rev}`): {counts}.",
        "score note": "A cell is the score, then the mutants caught out of those graded. Missed "
                      "mutants excluded with their reason (`bench/mutants/exclusions.toml`) are out "
                      "of it, as are those that do not compile, those equivalent to the solution "
                      "and the duplicates of another.",
    },
    "ko": {
        "exercise": "실습", "all": "전체", "not current": "최신 아님",
        "sample": "{n}개에 1개 채점", "left": "{n}개는 아직 채점 안 함",
        "caught": "잡음", "missed": "놓침", "excluded": "제외", "timeout": "시간 초과",
        "unjudged": "판정 불가", "unviable": "컴파일 안 됨", "equivalent": "동등",
        "duplicate": "중복", "ungraded": "채점 안 함",
        "track line": "**{Track}** ({tool}, {date} 기록, 기록의 마지막 실행은 `{rev}`): {counts}.",
        "score note": "칸마다 점수와, 채점한 뮤턴트 가운데 잡은 수를 적었다. 이유와 함께 제외한 놓친 "
                      "뮤턴트(`bench/mutants/exclusions.toml`), 컴파일되지 않는 뮤턴트, 솔루션과 "
                      "동등한 뮤턴트, 다른 뮤턴트와 중복인 뮤턴트는 점수에 넣지 않는다.",
    },
}
ORDER = ["caught", "missed", "excluded", "timeout", "unjudged", "unviable", "equivalent",
         "duplicate", "ungraded"]


def cell(track, doc, row, ex, w):
    if not row:
        return "—"
    graded = sum(row.get(c, 0) for c in M.SCORED)
    s = M.score(row)
    text = f"{100 * s:.1f} % ({row.get('caught', 0)}/{graded})" if s is not None else "—"
    notes = []
    info = doc["exercises"].get(ex, {})
    if ex != "all":
        sample = info.get("sample")
        if sample:
            notes.append(w["sample"].format(n=sample.split("/")[1]))
        if row.get("ungraded"):
            notes.append(w["left"].format(n=row["ungraded"]))
        if info.get("hash") != M.solution_hash(track, ex):
            notes.append(w["not current"])
    return text + (f" ({', '.join(notes)})" if notes else "")


def block(lang):
    w = WORDS[lang]
    tallies = {t: M.tally(t) for t in M.TRACKS}
    names = sorted({ex for _, table in tallies.values() for ex in table})
    out = [BEGIN, "", f"| {w['exercise']} | Rust | C |", "|---|---:|---:|"]
    for ex in names + ["all"]:
        cells = []
        for track, (doc, table) in tallies.items():
            row = table.get(ex) if ex != "all" else {
                c: sum(r.get(c, 0) for r in table.values()) for c in ORDER}
            cells.append(cell(track, doc, row, ex, w))
        name = f"**{w['all']}**" if ex == "all" else ex
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    for track, (doc, table) in tallies.items():
        total = {c: sum(r.get(c, 0) for r in table.values()) for c in ORDER}
        counts = ", ".join(f"{total[c]} {w[c]}" for c in ORDER if total[c])
        tool = doc.get("tool", "?")
        out.append(w["track line"].format(Track="Rust" if track == "rust" else "C", tool=tool,
                                          date=doc.get("date", "?"),
                                          rev=doc.get("revision", "?"), counts=counts))
        out.append("")
    out += [w["score note"], "", END]
    return "\n".join(out)


def fnv(text):
    x = 0xcbf29ce484222325
    for b in text.strip().encode():
        x ^= b
        x = (x * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % x


def section_text(text, heading):
    """The text of the section under `heading` as stamps.rs hashes it (anchors left out)."""
    lines, out, inside, fence = text.split("\n"), "", False, False
    for line in lines:
        if line.lstrip().lstrip(">").lstrip().startswith("```"):
            fence = not fence
        level = len(line) - len(line.lstrip("#"))
        is_heading = not fence and 1 <= level <= 6 and line[level:].startswith(" ")
        if is_heading:
            if inside:
                break
            inside = line.strip() == heading
        if inside and not line.lstrip().startswith('<a id="'):
            out += line.rstrip() + "\n"
    return out


def rewritten(lang, text):
    new = block(lang)
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        sys.exit(f"{READMES[lang]} has no mutation-score markers under {HEADING[lang]!r}")
    return pattern.sub(lambda _: new, text)


def main(check):
    texts = {lang: open(os.path.join(M.LAB, f)).read() for lang, f in READMES.items()}
    new = {lang: rewritten(lang, text) for lang, text in texts.items()}
    # The Korean subsection is a translation of the English one: its stamp follows the table.
    stamp = fnv(section_text(new["en"], HEADING["en"]))
    new["ko"] = re.sub(r"(?m)^(" + re.escape(HEADING["ko"]) + r"\n)<!-- en: [0-9a-f]+ -->",
                       lambda m: m.group(1) + f"<!-- en: {stamp} -->", new["ko"])
    if check:
        stale = [READMES[lang] for lang in READMES if new[lang] != texts[lang]]
        if stale:
            print(f"bench/mutants: the mutation score in {' and '.join(stale)} is not what the "
                  "record says (bench/mutants/): run `bench/mutants.py readme` and commit it")
            return 1
        print("bench/mutants: README's mutation score is the record's")
        return 0
    for lang, f in READMES.items():
        if new[lang] != texts[lang]:
            open(os.path.join(M.LAB, f), "w").write(new[lang])
            print(f"bench/mutants: wrote the mutation score in {f}")
    return 0
