#!/usr/bin/env python3
"""Check an evaluation file: JSON shape, jurisdictions, article numbers, phrases verbatim in the article, dates."""
import json,sys,re,datetime,os
here=os.path.dirname(os.path.abspath(__file__))
arts=json.load(open(os.path.join(here,'articles.json')))
docs={'昆山市','吐鲁番市','株洲市','乐清市','朝阳市双塔区'}
bad=0;ids=set();n=dict(article=0,none=0,deadline=0)
for ln,line in enumerate(open(sys.argv[1],encoding='utf-8'),1):
    if not line.strip(): continue
    def err(m):
        global bad; bad+=1; print(f'line {ln}: {m}')
    try: c=json.loads(line)
    except Exception as e: err(f'not JSON: {e}'); continue
    for k in ['id','question','jurisdiction','now','expect','deadline']:
        if k not in c: err(f'missing {k}')
    if set(c)-{'id','question','jurisdiction','now','expect','deadline'}: err(f'unknown keys {set(c)-{"id","question","jurisdiction","now","expect","deadline"}}')
    if c.get('id') in ids: err('duplicate id')
    ids.add(c.get('id'))
    j=c.get('jurisdiction')
    if j is not None and j not in docs: err(f'bad jurisdiction {j}')
    try: datetime.datetime.fromisoformat(c.get('now',''))
    except Exception: err('bad now')
    e=c.get('expect',{})
    if e.get('kind')=='article':
        n['article']+=1
        acc=e.get('accept') or []
        if not acc: err('no accept')
        for a in acc:
            key=f"{a.get('doc')}#{a.get('article')}"
            if a.get('doc') not in docs: err(f'bad doc {a.get("doc")}'); continue
            if key not in arts: err(f'no article {key}'); continue
            p=a.get('phrase','')
            if not p or p not in arts[key]: err(f'phrase not verbatim in {key}: {p}')
    elif e.get('kind')=='none':
        n['none']+=1
        if e.get('accept'): err('none case with accept')
    else: err(f'bad kind {e.get("kind")}')
    d=c.get('deadline')
    if d is not None:
        n['deadline']+=1
        try: datetime.date.fromisoformat(d['date'])
        except Exception: err('bad deadline date')
        if not d.get('rule'): err('deadline without rule')
print(f'{len(ids)} cases: {n["article"]} article, {n["none"]} none, {n["deadline"]} deadlines; {bad} problems')
sys.exit(1 if bad else 0)
