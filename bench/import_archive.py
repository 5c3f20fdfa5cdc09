#!/usr/bin/env python3
"""Writes a watch-platform-like export for bench/import.sh: N files of 1-hour runs, one a day going back from yesterday,
plus an activities.csv naming them, as Strava's export does. GPX: a point every 1-5 s, random. FIT (gzipped, as Strava
keeps them): a record a second with position, distance, altitude and heart rate, a lap, a session and the activity,
written from the FIT protocol document. Deterministic for a given seed.

    python3 bench/import_archive.py OUT.zip [--files 1000] [--seed 11] [--days-back 1] [--format gpx|fit]
"""
import argparse, datetime as dt, gzip, io, math, random, struct, zipfile

CRC_TABLE = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
             0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.timezone.utc)

def fit_crc(data):
    crc = 0
    for b in data:
        for nibble in (b & 0xF, b >> 4):
            low = CRC_TABLE[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ low ^ CRC_TABLE[nibble]
    return crc

def definition(local, number, fields):
    return struct.pack('<BBBHB', 0x40 | local, 0, 0, number, len(fields)) + b''.join(struct.pack('BBB', *f) for f in fields)

def fit(rng, start, name):
    ts = lambda t: int((start - FIT_EPOCH).total_seconds()) + t
    semi = lambda deg: int(round(deg * 2 ** 31 / 180))
    out = [definition(0, 0, [(0, 1, 0), (1, 2, 0x84), (4, 4, 0x86)]), struct.pack('<BBHI', 0, 4, 1, ts(0))]
    out.append(definition(1, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86), (78, 4, 0x86), (3, 1, 0x02)]))
    lat, lon, ele, heading, dist, climb, beats = 52.5 + rng.uniform(-0.05, 0.05), 13.4 + rng.uniform(-0.05, 0.05), 40.0, 0.0, 0.0, 0.0, []
    for t in range(3601):
        hr = int(140 + 15 * math.sin(t / 300) + rng.uniform(-3, 3))
        beats.append(hr)
        out.append(struct.pack('<BIiiIIB', 1, ts(t), semi(lat), semi(lon), int(dist * 100), int((ele + 500) * 5), hr))
        moved = rng.uniform(2.4, 3.4)
        heading += rng.uniform(-20, 20)
        lat += moved * math.cos(math.radians(heading)) / 111_195
        lon += moved * math.sin(math.radians(heading)) / (111_195 * math.cos(math.radians(lat)))
        rise = rng.uniform(-0.8, 0.8)
        climb += max(0.0, rise)
        ele = max(0.0, ele + rise)
        dist += moved
    out.append(definition(2, 19, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86)]))
    out.append(struct.pack('<BIIIII', 2, ts(3600), ts(0), 3_600_000, 3_600_000, int(dist * 100)))
    out.append(definition(3, 18, [(253, 4, 0x86), (2, 4, 0x86), (5, 1, 0), (6, 1, 0), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86),
                                  (22, 2, 0x84), (16, 1, 2), (17, 1, 2)]))
    out.append(struct.pack('<BIIBBIIIHBB', 3, ts(3600), ts(0), 1, 2, 3_600_000, 3_600_000, int(dist * 100), int(climb),
                           round(sum(beats) / len(beats)), max(beats)))
    out.append(definition(4, 34, [(253, 4, 0x86), (5, 4, 0x86), (1, 2, 0x84)]))
    out.append(struct.pack('<BIIH', 4, ts(3600), ts(3600) + 3600, 1))
    data = b''.join(out)
    header = struct.pack('<BBHI4s', 14, 0x20, 2132, len(data), b'.FIT')
    header += struct.pack('<H', fit_crc(header))
    body = header + data
    return body + struct.pack('<H', fit_crc(body))

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
    p.add_argument('--days-back', type=int, default=1); p.add_argument('--format', choices=['gpx', 'fit'], default='gpx')
    a = p.parse_args()
    rng = random.Random(a.seed)
    yesterday = dt.datetime.now(dt.timezone.utc).replace(hour=6, minute=0, second=0, microsecond=0) - dt.timedelta(days=a.days_back)
    raw = 0
    csv = ['Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Perceived Exertion']
    with zipfile.ZipFile(a.out, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for i in range(a.files):
            start = yesterday - dt.timedelta(days=i, minutes=rng.randint(0, 600))
            name = f'Run {i + 1}'
            file = f'activities/{i + 1:05d}.' + ('gpx' if a.format == 'gpx' else 'fit.gz')
            content = gpx(rng, start, name).encode() if a.format == 'gpx' else fit(rng, start, name)
            raw += len(content)
            z.writestr(f'export/{file}', content if a.format == 'gpx' else gzip.compress(content, 6))
            csv.append(f'{i + 1},"{start:%b} {start.day}, {start:%Y}, {start:%I:%M:%S %p}",{name},Run,3600,{file},{rng.randint(3, 8)}')
        z.writestr('export/activities.csv', '\n'.join(csv) + '\n')
    print(raw)

if __name__ == '__main__':
    main()
