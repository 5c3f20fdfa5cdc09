#!/usr/bin/env python3
"""Writes the hostile archives bench/hostile.sh posts (never used by tests).

  hostile_archives.py bombs OUT --files N   N .gpx.gz entries of ~47 KB that gunzip to ~19 MB of GPX each (411:1)
  hostile_archives.py large OUT --mb M      one real GPX file and M MB of incompressible padding (stored)
"""
import argparse, gzip, io, os, zipfile

GPX_HEAD = '<?xml version="1.0"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
POINT = '<trkpt lat="51" lon="0"><ele>10</ele><time>2026-10-01T05:30:00Z</time></trkpt>'


def bombs(out, files):
    gpx = (GPX_HEAD + POINT * 250_000 + '</trkseg></trk></gpx>').encode()
    packed = gzip.compress(gpx, 9)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as z:
        for i in range(files):
            z.writestr(f'activities/{i:05d}.gpx.gz', packed)
    print(len(gpx), len(packed))


def large(out, mb):
    track = ''.join(f'<trkpt lat="{51 + i * 0.00003:.5f}" lon="0"><time>2026-10-01T05:{30 + i // 60:02d}:{i % 60:02d}Z</time></trkpt>'
                    for i in range(600))
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('activities/run.gpx', GPX_HEAD + track + '</trkseg></trk></gpx>')
        with z.open('media/video.bin', 'w') as padding:
            for _ in range(mb):
                padding.write(os.urandom(1024 * 1024))


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('kind', choices=['bombs', 'large'])
    p.add_argument('out')
    p.add_argument('--files', type=int, default=2000)
    p.add_argument('--mb', type=int, default=250)
    a = p.parse_args()
    bombs(a.out, a.files) if a.kind == 'bombs' else large(a.out, a.mb)
