import sys
def segs(d):
    # yields (marker, start, end) of segments with lengths up to first SOS, and scan spans
    out=[]; at=2
    while at+4<=len(d):
        m=d[at+1]
        if m==0xd9: break
        n=d[at+2]<<8|d[at+3]
        out.append((m,at,at+2+n))
        at+=2+n
        if m==0xda:
            s=at
            while not (d[at]==0xff and d[at+1]!=0 and not (0xd0<=d[at+1]<=0xd7)): at+=1
            out.append(('data',s,at))
    return out
def rsts(d,s,e):
    return [i for i in range(s,e-1) if d[i]==0xff and 0xd0<=d[i+1]<=0xd7]
def scans(d): return [(s,e) for m,s,e in segs(d) if m=='data']
b=open('b420-r1.jpg','rb').read()
s,e=scans(b)[0]; r=rsts(b,s,e)
# a marker two on from the one due
x=bytearray(b); x[r[10]+1]=0xd0+((x[r[10]+1]-0xd0+2)%8); open('b420-rst-later.jpg','wb').write(x)
# a marker and the interval after it gone
open('b420-rst-missing.jpg','wb').write(b[:r[10]]+b[r[11]:])
p=open('p420-r1.jpg','rb').read()
sc=scans(p)
s,e=sc[1]; r=rsts(p,s,e)
open('p420-rst-missing.jpg','wb').write(p[:r[5]]+p[r[6]:])
s,e=sc[0]; r=rsts(p,s,e)
x=bytearray(p); x[r[3]+1]=0xd0+((x[r[3]+1]-0xd0+7)%8); open('p420-rst-earlier.jpg','wb').write(x)
# tables 2 and 3
def renumber(d, sof=None):
    x=bytearray(d)
    for m,s,e in segs(d):
        if m==0xc4:
            at=s+4
            while at<e:
                x[at]|=2; n=sum(d[at+1:at+17]); at+=17+n
        if m==0xda:
            nc=d[s+4]
            for i in range(nc): x[s+6+2*i]|=0x22
        if m==0xc0 and sof: x[s+1]=sof
    return bytes(x)
open('b420-tables23.jpg','wb').write(renumber(b,0xc1))
open('p420-tables23.jpg','wb').write(renumber(p))
# a scan of one EOB run longer than the picture has blocks, by AC table 3
q=open('p420.jpg','rb').read()
assert q[-2:]==b'\xff\xd9'
dht=bytes([0xff,0xc4,0,2+17+1,0x13,1]+[0]*15+[0xe0])
sos=bytes([0xff,0xda,0,8,1,q[[s for m,s,e in segs(q) if m==0xc2][0]+10],0x03,63,63,0x00])
open('p420-eobrun.jpg','wb').write(q[:-2]+dht+sos+bytes([0x00,0x01])+b'\xff\xd9')
