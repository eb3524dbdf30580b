#!/usr/bin/env python3
"""Score quote finding and speaker attribution on GUM train+dev.

Usage:
  bench/quote_eval.py [--bin BRIEFING] [--corpus DIR] [--tsv FILE] [-v]

Runs `BRIEFING extract --json NAME.txt` for every train and dev document of
the corpus (default ../shared/corpus/gum beside the repository) and compares
its `quotes` with the hand annotation tests/gum_speakers.tsv (document,
start offset, speaker, status; see its header) and GUM's gold quotes.

* A quotation is found when a predicted quote's words start with (preferred)
  or contain its first words (five; GUM's `text_start` for gum rows); one to
  one, as ../shared/corpus/score.py matches quotes, except that a
  quotation running over several paragraphs (one predicted quote, one gold
  row per paragraph) matches each row whose words it contains.
* precision: found predicted quotes / predicted quotes (a scare quote, a
  quoted term or title, an interview answer given as a quote are false
  positives; a prediction matching an `optional` row is left out);
  recall: found quotations / quotations.
* attribution: quotations whose speaker is right / quotations.  Right: the
  quote is found and its speaker names the annotated entity (any name or
  alias of the predicted speaker equals any name or alias of the gold entity
  after normalising case, quotes, a leading "the" and a possessive 's); for
  `none`, right when the quote is not found or found without a speaker.
* wrong speaker: found quotes printed under a speaker that is not the right
  one -- the worst error; attributed precision: right speakers / found
  quotes with a speaker.

Two lines: over the full annotation (gum + added rows) and over GUM's own
gold quotes only (precision there counts every quotation GUM did not mark
as a false positive).  -v lists every error.  The binary defaults to
$CARGO_TARGET_DIR/release/briefing, else target/release/briefing.  Stdlib
only.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def norm(s):
    s = (s or '').lower().replace('\u2019', "'").replace('\u2018', "'")
    s = s.replace('\u201c', '"').replace('\u201d', '"')
    s = re.sub(r"[\u2010-\u2015-]", ' ', s)
    s = re.sub(r"'s\b", '', s)
    s = re.sub(r'\s+', ' ', s).strip(" \t\n,.;:!?\"'()[]")
    return re.sub(r'^the ', '', s)


def words(s):
    s = (s or '').lower().replace('\u2019', "'").replace('\u2018', "'")
    return re.findall(r"[a-z0-9]+(?:['\-][a-z0-9]+)*", s)


def match(gold, pred):
    """gold index -> pred index, as score.py matches quotes."""
    pw = [words(p.get('text', '')) for p in pred]
    cands = []
    for i, q in enumerate(gold):
        gw = words(q['text_start'])
        if not gw:
            continue
        for j, w in enumerate(pw):
            if w[:len(gw)] == gw:
                cands.append((0, i, j))
            elif any(w[k:k + len(gw)] == gw for k in range(1, len(w) - len(gw) + 1)):
                cands.append((1, i, j))
    cands.sort(key=lambda c: (c[1], c[0], c[2]))
    g2p, used = {}, set()
    for pref in (0, 1):
        for kind, i, j in cands:
            if kind == pref and i not in g2p and j not in used:
                g2p[i] = j
                used.add(j)
    return g2p


def load_tsv(path):
    rows = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#') or line.startswith('document\t'):
                continue
            cells = line.split('\t')
            if len(cells) != 4 or cells[3] not in ('gum', 'added', 'optional'):
                sys.exit(f'{path}:{n}: expected document, start, speaker, status (gum|added|optional)')
            rows.setdefault(cells[0], []).append((int(cells[1]), cells[2], cells[3]))
    return rows


def quote_at(text, start):
    """The quotation text from `start` to its closing mark (or paragraph end)."""
    end = len(text)
    for mark in ('"', '\u201d', '\n\n'):
        k = text.find(mark, start)
        if k >= 0:
            end = min(end, k)
    return text[start:end]


def frac(n, d):
    return f'{n / d:.2f} ({n}/{d})' if d else 'n/a'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    tgt = os.environ.get('CARGO_TARGET_DIR') or os.path.join(root, 'target')
    ap.add_argument('--bin', default=os.path.join(tgt, 'release', 'briefing'))
    ap.add_argument('--corpus', default=os.path.join(root, '..', 'shared', 'corpus', 'gum'))
    ap.add_argument('--tsv', default=os.path.join(root, 'tests', 'gum_speakers.tsv'))
    ap.add_argument('-v', '--verbose', action='store_true', help='list every error')
    a = ap.parse_args()
    if not os.path.isfile(a.bin):
        sys.exit(f'{a.bin}: no such binary (cargo build --release, or pass --bin)')
    ann = load_tsv(a.tsv)
    # Two tallies: `all` over the full annotation (gum + added; optional rows
    # neutral), `gum` over GUM's own gold quotes only.
    tallies = {k: {'gold': 0, 'found': 0, 'pred': 0, 'right': 0, 'wrong': 0, 'named': 0,
                   'named_right': 0} for k in ('all', 'gum')}
    docs = sorted(f[:-10] for f in os.listdir(a.corpus) if f.endswith('.gold.json'))
    for name in docs:
        with open(os.path.join(a.corpus, name + '.gold.json'), encoding='utf-8') as f:
            gold = json.load(f)
        if gold.get('partition') not in ('train', 'dev'):
            continue
        txt_path = os.path.join(a.corpus, name + '.txt')
        with open(txt_path, encoding='utf-8') as f:
            text = f.read()
        gq = list(gold.get('quotes', []))
        rows = ann.get(name, [])
        gum_rows = [r for r in rows if r[2] == 'gum']
        if len(gum_rows) != len(gq):
            sys.exit(f'{a.tsv}: {name} has {len(gum_rows)} gum rows for {len(gq)} gold quotes')
        starts = {}
        for (start, _, _), q in zip(gum_rows, gq):
            if not text[start:].startswith(q['text'][:20]):
                sys.exit(f'{a.tsv}: {name} offset {start} is not the quote "{q["text_start"]}"')
            starts[start] = q['text_start']
        keys = []
        for start, _, status in rows:
            if status == 'gum':
                keys.append({'text_start': starts[start]})
            else:
                keys.append({'text_start': ' '.join(quote_at(text, start).split()[:5])})
        out = subprocess.run([a.bin, 'extract', '--json', txt_path], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f'{a.bin} extract failed on {name}: {out.stderr.strip()}')
        pred = json.loads(out.stdout)
        pred = pred[0] if isinstance(pred, list) else pred
        pq = [p for p in pred.get('quotes') or [] if isinstance(p, dict)]
        pnames = {}
        for kind in ('people', 'organizations', 'places'):
            for e in pred.get(kind) or []:
                pnames.setdefault(e['name'], set()).update([e['name']] + e.get('aliases', []))
        gnames = {}
        for kind in ('people', 'organizations', 'places'):
            for e in gold.get(kind, []):
                gnames[e['canonical']] = {norm(n) for n in [e['canonical']] + e.get('aliases', [])}

        def right(speaker, p):
            said = p.get('speaker') if p else None
            if speaker == 'none':
                return said is None
            names = {norm(n) for n in pnames.get(said, {said})} if said else set()
            return bool(names & gnames.get(speaker, {norm(speaker)}))

        for tally, rows_in in (('all', rows), ('gum', gum_rows)):
            k_in = [keys[rows.index(r)] for r in rows_in]
            g2p = match(k_in, pq)
            # A quotation over several paragraphs is one predicted quote but
            # one gold quote per paragraph: the prediction that took the
            # previous row also takes a row whose words it contains.
            for i in range(1, len(rows_in)):
                j = g2p.get(i - 1)
                gw = words(k_in[i]['text_start'])
                if i not in g2p and j is not None and gw:
                    w = words(pq[j]['text'])
                    if any(w[x:x + len(gw)] == gw for x in range(1, len(w) - len(gw) + 1)):
                        g2p[i] = j
            t = tallies[tally]
            neutral = {g2p[i] for i, r in enumerate(rows_in) if r[2] == 'optional' and i in g2p}
            t['pred'] += len(pq) - len(neutral)
            for i, (start, speaker, status) in enumerate(rows_in):
                if status == 'optional':
                    continue
                p = pq[g2p[i]] if i in g2p else None
                ok = right(speaker, p)
                t['gold'] += 1
                t['found'] += p is not None
                t['right'] += ok
                if p is not None and p.get('speaker') is not None:
                    t['named'] += 1
                    t['named_right'] += ok
                    t['wrong'] += not ok
                if a.verbose and tally == 'all' and not ok:
                    why = 'missed' if p is None else f"speaker {p.get('speaker')!r}"
                    print(f'  {name}@{start} ({status}): gold {speaker!r}, {why}')
            if a.verbose and tally == 'all':
                used = set(g2p.values())
                for j, p in enumerate(pq):
                    if j not in used:
                        print(f'  {name}: not a quote: {" ".join(p["text"].split()[:6])!r}... '
                              f'({len(words(p["text"]))} words, speaker {p.get("speaker")!r})')

    for tally, label in (('all', 'annotated'), ('gum', "GUM's own")):
        t = tallies[tally]
        print(f"quotes GUM train+dev, {label} ({t['gold']}): "
              f"attribution {frac(t['right'], t['gold'])}, "
              f"precision {frac(t['found'], t['pred'])}, recall {frac(t['found'], t['gold'])}, "
              f"attributed precision {frac(t['named_right'], t['named'])}, "
              f"wrong speaker {t['wrong']}")


if __name__ == '__main__':
    main()
