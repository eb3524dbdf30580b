#!/usr/bin/env python3
"""Writes a synthetic corpus of N explainer briefings, deterministic from a
seed, twice: as raw .txt sources for `briefing` (SITE/seeds/) and as the
same articles in Markdown with front matter for Hugo (HUGO/content/).

Each briefing is shaped like a real explainer: a headline, a lead, 5-8
question and statement headings, paragraphs with attributed quotes, people
and organisations drawn from a shared pool with spelling variants, numbers,
dates, a caption and credit on some, a closing credit.

Shapes (optional fourth argument):
  explainer  the default: 5-8 headings, 3 people, about 2.7 KB of text
  long       long documents with many entities and quotes: 10-14 headings,
             8 people and 4 organisations, several quotes per section
  wire       many short wire items: a headline, two or three paragraphs, at
             most one question heading

usage: gen_corpus.py N SEED OUT_DIR [SHAPE]
"""
import os
import random
import sys

GIVEN = ["Ana", "Ben", "Chen", "Dara", "Eli", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lea",
         "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Yusuf"]
FAMILY = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Silva", "Kowalski", "Osei",
          "Park", "Jong-min", "Al-Rashid", "Van Dijk", "Costa", "Mbeki", "Ortiz", "Sato", "Berg"]
ROLES = ["spokesperson for the {org}", "a senior fellow at the {org}", "director of the {org}",
         "an economist at the {org}", "chair of the {org}"]
ORG_HEADS = ["Institute for", "Council on", "Centre for", "Agency for", "Foundation for", "Office of"]
ORG_TOPICS = ["Regional Security", "Water Policy", "Energy Transition", "Public Health", "Trade Studies",
              "Urban Transport", "Coastal Defence", "Labour Relations", "Food Security", "Digital Rights"]
PLACES = ["Kelby", "Tane Valley", "Elmsworth", "Port Halden", "Brannock", "Northfield", "Saravan",
          "Orla", "Millbrook", "Westmere", "Castleford", "Dunmore"]
TOPICS = ["flood barrier", "rail strike", "water rationing", "bridge repairs", "port expansion",
          "heatwave plan", "bus fares", "school closures", "wind farm", "housing scheme"]
QUESTIONS = ["What happened in {place}?", "Why does the {topic} matter?", "Who is affected?",
             "What did the {org_short} say?", "How much will it cost?", "What happens next?",
             "Is the {topic} safe?", "When will the work finish?", "Why now?", "Who decided?"]
STATEMENTS = ["Officials expect a decision by {month}", "Costs rise again in {place}",
              "Residents split over the {topic}", "Critics call for an inquiry"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILLER = ("the council said the plan would be reviewed again after objections from residents and local "
          "businesses who argued that the consultation had been too short and the figures too vague").split()


def person_pool(rng, size):
    people = []
    for i in range(size):
        given = GIVEN[i % len(GIVEN)]
        family = FAMILY[(i // len(GIVEN)) % len(FAMILY)]
        people.append((given, family + ("" if i < len(GIVEN) * len(FAMILY) else f"-{i}")))
    rng.shuffle(people)
    return people


def org_pool(size):
    orgs = []
    for i in range(size):
        name = f"{ORG_HEADS[i % len(ORG_HEADS)]} {ORG_TOPICS[(i // len(ORG_HEADS)) % len(ORG_TOPICS)]}"
        if i >= len(ORG_HEADS) * len(ORG_TOPICS):
            name += f" {i}"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper() and not w.isdigit())
        orgs.append((name, acronym))
    return orgs


def sentence(rng, words=18):
    ws = [rng.choice(FILLER) for _ in range(words)]
    return " ".join(ws).capitalize() + "."


def spelled(person, variant):
    given, family = person
    # Spelling variants across briefings: hyphen or space in compound names.
    return f"{given} {family.replace('-', ' ') if variant else family}"


SHAPES = {
    # cast size, extra organisations, headings (min, max), paragraphs per section
    "explainer": (3, 0, (4, 6), 0),
    "long": (8, 4, (9, 13), 3),
    "wire": (2, 0, (0, 1), 0),
}


def briefing(rng, i, people, orgs, shape="explainer"):
    cast_size, extra_orgs, (h_min, h_max), extra_paras = SHAPES[shape]
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    org, acronym = rng.choice(orgs)
    cast = rng.sample(people[: max(40, len(people))], cast_size)
    others = rng.sample(orgs, extra_orgs) if extra_orgs else []
    variant = i % 2 == 1
    year = 2015 + i % 10
    date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    title = f"{place} {topic}: what we know about briefing {i}"
    blocks = []  # (kind, text)
    lead = [
        f"The {topic} in {place} moved a step closer on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, "
        f"as the {org} ({acronym}) published figures showing about {rng.randint(2, 90) * 1000:,} residents affected.",
        sentence(rng, 25),
        f"{spelled(cast[0], variant)}, {rng.choice(ROLES).format(org=org)}, said the numbers were "
        f"\"worse than anyone expected\".",
    ]
    for p in lead:
        blocks.append(("p", p))
    if shape == "wire":
        lead = lead[:1] + [sentence(rng, rng.randint(12, 22))]
        blocks = [("p", p) for p in lead]
    count = rng.randint(h_min, h_max)
    questions = [rng.choice(QUESTIONS) for _ in range(count)] if count > len(QUESTIONS) \
        else rng.sample(QUESTIONS, count)
    headings = []
    for k, q in enumerate(questions):
        h = q.format(place=place, topic=topic, org_short=acronym)
        headings.append(h if h not in headings else f"{h[:-1]} ({k + 1})?")
    if shape != "wire":
        headings.insert(rng.randint(1, len(headings)), rng.choice(STATEMENTS).format(
            month=rng.choice(MONTHS), place=place, topic=topic))
    for h in headings:
        blocks.append(("h", h))
        speaker = spelled(rng.choice(cast), variant)
        blocks.append(("p", sentence(rng, rng.randint(14, 30))))
        blocks.append(("p", f"\"{sentence(rng, 12)[:-1]}, and we will say more soon,\" {speaker} said."))
        blocks.append(("p", f"The {acronym} said {rng.randint(1, 99)} per cent of the {rng.randint(2, 400)} "
                            f"sites inspected needed work costing ${rng.randint(1, 900)} million."))
        for _ in range(extra_paras):
            speaker = rng.choice(cast)
            other, other_acronym = rng.choice(others)
            blocks.append(("p", f"{spelled(speaker, variant)}, {rng.choice(ROLES).format(org=other)}, "
                                f"told reporters in {rng.choice(PLACES)}: \"{sentence(rng, 14)[:-1]}.\""))
            blocks.append(("p", f"{sentence(rng, rng.randint(16, 28))[:-1]}, the {other_acronym} said."))
    caption = None
    if i % 3 == 0:
        caption = f"Workers inspect the site in {place} on {MONTHS[i % 12]} {1 + i % 28}. (Staff via Wire Photo)"
    return dict(title=title, date=date, blocks=blocks, caption=caption, credit="Staff/Wires",
                tags=[topic.replace(" ", "-"), place.lower().replace(" ", "-")])


def main():
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    shape = sys.argv[4] if len(sys.argv) > 4 else "explainer"
    if shape not in SHAPES:
        sys.exit(f"unknown shape {shape!r}; use one of {', '.join(SHAPES)}")
    rng = random.Random(seed)
    people = person_pool(rng, max(60, n // 4))
    orgs = org_pool(max(20, n // 20))
    seeds = os.path.join(out, "briefing-site", "seeds")
    content = os.path.join(out, "hugo-site", "content", "briefings")
    os.makedirs(seeds, exist_ok=True)
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(out, "briefing-site", "briefing.toml"), "w") as f:
        f.write('title = "Benchmark briefings"\n')
    for i in range(n):
        b = briefing(rng, i, people, orgs, shape)
        name = f"briefing-{i:06d}"
        raw = [f"date {b['date']} {b['caption']}" if b["caption"] else None, b["title"]]
        raw += [text for _, text in b["blocks"]] + [b["credit"]]
        with open(os.path.join(seeds, name + ".txt"), "w") as f:
            f.write("\n".join(line for line in raw if line) + "\n")
        if not b["caption"]:
            with open(os.path.join(seeds, name + ".toml"), "w") as f:
                f.write(f"date = {b['date']}\n")
        md = ["+++", f'title = "{b["title"]}"', f"date = {b['date']}", f'tags = {b["tags"]!r}'.replace("'", '"'),
              "+++", ""]
        if b["caption"]:
            md += [f"*{b['caption']}*", ""]
        for kind, text in b["blocks"]:
            md += [f"## {text}" if kind == "h" else text, ""]
        md.append(b["credit"])
        with open(os.path.join(content, name + ".md"), "w") as f:
            f.write("\n".join(md) + "\n")
    write_hugo_site(os.path.join(out, "hugo-site"))


def write_hugo_site(root):
    """A minimal Hugo site with the same page types: a page per briefing with
    a table of contents, and an index listing every briefing."""
    layouts = os.path.join(root, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    with open(os.path.join(root, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Benchmark briefings"\n'
                'disableKinds = ["RSS", "sitemap"]\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n')
    base = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
            "</head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")
    with open(os.path.join(layouts, "baseof.html"), "w") as f:
        f.write(base)
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write('{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>'
                "<nav>{{ .TableOfContents }}</nav>{{ .Content }}</article>{{ end }}\n")
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write('{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                "{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ol>{{ end }}\n")


if __name__ == "__main__":
    main()
