#!/usr/bin/env python3
"""Generates the dossiers of BENCHMARKS.md's "Limits" (issue 15):

    scripts/limits.py small DIR N    N small notes, each linking the next, in folders of 1,000
    scripts/limits.py deep DIR N     a note N folders down, and one linking it
    scripts/limits.py links DIR N    a note with N wikilinks to another
    scripts/limits.py source DIR N   a source of N paragraphs (about 130 bytes each), and a
                                     note quoting its last one

Then: /usr/bin/time -f "%e s %M KB" dossier build --root DIR -o OUT
"""
import os, sys
def base(d, title="Limits"):
    os.makedirs(d, exist_ok=True)
    open(f"{d}/dossier.yaml","w").write(f"title: {title}\nlanguage: en\n")
def small_notes(d, n):
    base(d)
    for i in range(n):
        sub=f"{d}/content/n{i//1000:03d}"
        os.makedirs(sub, exist_ok=True)
        open(f"{sub}/note-{i:06d}.md","w").write(f"---\ntitle: Note {i}\nkind: note\n---\n\nA small note, linking [[note-{(i+1)%n:06d}]].\n")
def deep(d, levels):
    base(d)
    p=f"{d}/content/"+"/".join(["level"]*levels)
    os.makedirs(p, exist_ok=True)
    open(f"{p}/deep.md","w").write("---\ntitle: Deep\nkind: note\n---\n\nA note a hundred folders down, linking [[other]].\n")
    open(f"{d}/content/other.md","w").write("---\ntitle: Other\nkind: note\n---\n\nLinks back to [[deep]].\n")
def links(d, n):
    base(d)
    os.makedirs(f"{d}/content", exist_ok=True)
    open(f"{d}/content/target.md","w").write("---\ntitle: Target\nkind: note\n---\n\nThe target.\n")
    body=" ".join("[[target]]" for _ in range(n))
    open(f"{d}/content/many.md","w").write("---\ntitle: Many links\nkind: note\n---\n\n"+body+"\n")
def source(d, paras):
    base(d)
    os.makedirs(f"{d}/seeds", exist_ok=True); os.makedirs(f"{d}/content", exist_ok=True)
    text="\n\n".join(f"Paragraph {i} of the archived text says something about the matter, at some length, so that each one is about a hundred bytes." for i in range(paras))
    open(f"{d}/seeds/big.txt","w").write(text+"\n")
    open(f"{d}/seeds/big.yaml","w").write("id: big\ntitle: A big source\npublisher: Example\n")
    last=paras-1
    open(f"{d}/content/cites.md","w").write(f"---\ntitle: Cites the end\nkind: note\nsources:\n  - {{source: big, para: {last+1}, quote: \"Paragraph {last} of the archived text\"}}\n---\n\nIt says so [@big, ¶{last+1}].\n")
kind=sys.argv[1]; d=sys.argv[2]; n=int(sys.argv[3])
{"small":small_notes,"deep":deep,"links":links,"source":source}[kind](d,n)
