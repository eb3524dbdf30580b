#!/usr/bin/env python3
"""Score quote finding and speaker attribution on GUM train+dev.

Usage:
  bench/quote_eval.py [--bin BRIEFING] [--corpus DIR] [--tsv FILE] [-v]

Runs `BRIEFING extract --json NAME.txt` for every train and dev document of
the corpus (default ../shared/corpus/gum beside the repository) and compares
its `quotes` with the gold quotes of NAME.gold.json and the hand-annotated
speakers of tests/gum_speakers.tsv (document, start offset, speaker).

* A gold quote is found when a predicted quote's words start with
  (preferred) or contain the gold `text_start` words; one-to-one, as
  ../shared/corpus/score.py matches them.
* precision: found predicted quotes / predicted quotes (a scare quote, a
  quoted term or an interview answer given as a quote is a false positive);
  recall: found gold quotes / gold quotes.
* attribution: gold quotes whose speaker is right / gold quotes.  Right: the
  quote is found and its speaker names the gold entity (any name or alias of
  the predicted speaker equals any name or alias of the gold entity after
  normalising case, quotes, a leading "the" and a possessive 's); for a gold
  `none`, right when the quote is not found or found without a speaker.
* wrong speaker: found quotes printed under a speaker that is not the gold
  one -- the worst error; attributed precision: right named speakers / found
  quotes with a speaker.

The binary defaults to $CARGO_TARGET_DIR/release/briefing, else
target/release/briefing.  Stdlib only.
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
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#') or line.startswith('document\t'):
                continue
            doc, start, speaker = line.split('\t')
            rows.setdefault(doc, []).append((int(start), speaker))
    return rows


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
    ann = load_tsv(a.tsv)
    t = {'gold': 0, 'found': 0, 'pred': 0, 'right': 0, 'wrong': 0, 'named': 0, 'named_right': 0}
    docs = sorted(f[:-10] for f in os.listdir(a.corpus) if f.endswith('.gold.json'))
    for name in docs:
        with open(os.path.join(a.corpus, name + '.gold.json'), encoding='utf-8') as f:
            gold = json.load(f)
        if gold.get('partition') not in ('train', 'dev'):
            continue
        txt_path = os.path.join(a.corpus, name + '.txt')
        with open(txt_path, encoding='utf-8') as f:
            text = f.read()
        gq = gold.get('quotes', [])
        rows = ann.get(name, [])
        if len(rows) != len(gq):
            sys.exit(f'{a.tsv}: {name} has {len(rows)} rows for {len(gq)} gold quotes')
        for (start, _), q in zip(rows, gq):
            if not text[start:].startswith(q['text'][:20]):
                sys.exit(f'{a.tsv}: {name} offset {start} is not the quote "{q["text_start"]}"')
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
        g2p = match(gq, pq)
        t['gold'] += len(gq)
        t['pred'] += len(pq)
        t['found'] += len(g2p)
        for i, (start, speaker) in enumerate(rows):
            p = pq[g2p[i]] if i in g2p else None
            said = p.get('speaker') if p else None
            if speaker == 'none':
                ok = said is None
            else:
                names = {norm(n) for n in pnames.get(said, {said})} if said else set()
                ok = bool(names & gnames.get(speaker, {norm(speaker)}))
            t['right'] += ok
            if said is not None:
                t['named'] += 1
                t['named_right'] += ok
                t['wrong'] += not ok
            if a.verbose and not ok:
                why = 'missed' if p is None else f'speaker {said!r}'
                print(f'  {name}@{start}: gold {speaker!r}, {why}')
        if a.verbose:
            used = set(g2p.values())
            for j, p in enumerate(pq):
                if j not in used:
                    print(f'  {name}: not a gold quote ({len(words(p["text"]))} words, '
                          f'speaker {p.get("speaker")!r})')

    def frac(n, d):
        return f'{n / d:.2f} ({n}/{d})' if d else 'n/a'
    print(f"quotes GUM train+dev: attribution {frac(t['right'], t['gold'])}, "
          f"precision {frac(t['found'], t['pred'])}, recall {frac(t['found'], t['gold'])}, "
          f"attributed precision {frac(t['named_right'], t['named'])}, wrong speaker {t['wrong']}")


if __name__ == '__main__':
    main()
