#!/usr/bin/env python3
"""Writes a watch-platform-like export for bench/import.sh: N GPX files of 1-hour runs (a point every 1-5 s, random),
one a day going back from yesterday, plus an activities.csv naming them. Deterministic for a given seed.

    python3 bench/import_archive.py OUT.zip [--files 1000] [--seed 11] [--days-back 1]
"""
import argparse, datetime as dt, io, math, random, zipfile

def gpx(rng, start, name):
    lat, lon, ele, heading, t = 52.5 + rng.uniform(-0.05, 0.05), 13.4 + rng.uniform(-0.05, 0.05), 40.0, rng.uniform(0, 360), 0.0
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="HipLog bench" xmlns="http://www.topografix.com/GPX/1/1">')
    out.write(f'<metadata><name>{name}</name><time>{start:%Y-%m-%dT%H:%M:%SZ}</time></metadata><trk><name>{name}</name><type>running</type><trkseg>\n')
    while t <= 3600:
        out.write(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele><time>{start + dt.timedelta(seconds=t):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>\n')
        step = rng.randint(1, 5)
        if rng.random() < 0.003:  # a stop at a crossing
            step += rng.randint(15, 90)
            moved = rng.uniform(0, 3)
        else:
            moved = step * rng.uniform(2.4, 3.4)
        heading += rng.uniform(-20, 20)
        lat += moved * math.cos(math.radians(heading)) / 111_195
        lon += moved * math.sin(math.radians(heading)) / (111_195 * math.cos(math.radians(lat)))
        ele = max(0.0, ele + rng.uniform(-0.8, 0.8))
        t += step
    out.write('</trkseg></trk></gpx>\n')
    return out.getvalue()

def main():
    p = argparse.ArgumentParser()
    p.add_argument('out'); p.add_argument('--files', type=int, default=1000); p.add_argument('--seed', type=int, default=11)
    p.add_argument('--days-back', type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    yesterday = dt.datetime.now(dt.timezone.utc).replace(hour=6, minute=0, second=0, microsecond=0) - dt.timedelta(days=a.days_back)
    raw = 0
    csv = ['Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Perceived Exertion']
    with zipfile.ZipFile(a.out, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for i in range(a.files):
            start = yesterday - dt.timedelta(days=i, minutes=rng.randint(0, 600))
            name = f'Run {i + 1}'
            text = gpx(rng, start, name).encode()
            raw += len(text)
            z.writestr(f'export/activities/{i + 1:05d}.gpx', text)
            csv.append(f'{i + 1},"{start:%b} {start.day}, {start:%Y}, {start:%I:%M:%S %p}",{name},Run,3600,activities/{i + 1:05d}.gpx,{rng.randint(3, 8)}')
        z.writestr('export/activities.csv', '\n'.join(csv) + '\n')
    print(raw)

if __name__ == '__main__':
    main()
