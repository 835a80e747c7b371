#!/usr/bin/env python3
# Fits the confidence model of src/rank.rs (CONFIDENCE_MODEL) to the features that
# `TUNE_DUMP=FILE cargo run --example tune -- DEV.jsonl …` writes, one case a line.
# Development sets only: a fresh set is scored, never fitted.
import math,sys
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
X=[];Y=[];ids=[]
for r in rows:
    dec=r[10]
    if not (dec.startswith('Answer') or dec.startswith('Clarify') or dec=='Refuse(NoMatch)'): continue
    if float(r[3])==0 and float(r[6])==0: continue
    text,cov,mat,intent,kind,ratio=map(float,r[3:9])
    x=[1.0, math.log1p(mat), cov, min(intent/1.5,1), kind/1.5, 1-ratio, float(r[9])]
    X.append(x);Y.append(1 if r[2]=='true' else 0);ids.append(r[0])
w=[0.0]*len(X[0]); lam=0.01
for it in range(20000):
    g=[0.0]*len(w)
    for x,y in zip(X,Y):
        p=1/(1+math.exp(-sum(a*b for a,b in zip(w,x))))
        for i in range(len(w)): g[i]+=(p-y)*x[i]
    for i in range(len(w)): w[i]-=0.05*(g[i]/len(X)+lam*w[i]*(i>0))
print('weights',[round(v,3) for v in w])
ps=[]
for x,y,i in zip(X,Y,ids):
    p=1/(1+math.exp(-sum(a*b for a,b in zip(w,x))))
    ps.append((p,y,i))
for p,y,i in sorted(ps)[:25]: print(f"{p:.3f} {y} {i}")
for lo in [0,0.2,0.4,0.5,0.6,0.7,0.8,0.9]:
    sel=[y for p,y,i in ps if lo<=p<lo+0.1 or (lo==0.9 and p>=0.9)]
    if lo==0: sel=[y for p,y,i in ps if p<0.2]
    if sel: print(lo, sum(sel),'/',len(sel))
