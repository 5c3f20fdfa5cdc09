#!/usr/bin/env python3
"""Measures the pain watch on a running HipLog (./run.sh): PainReported -> PainRiseDetected, and due time -> delivery.

Each sample is a new runner (time zone UTC) whose reminder is set a minute or two ahead; it reports a 7/10 flare,
which the Worker turns into a routine due at that reminder time. Figures come from the event store's own timestamps.
Usage: bench/watch_latency.py [runners=30]   (needs psql and the run.sh defaults: Api :5080, PostgreSQL :55432)
"""
import base64, datetime, hashlib, hmac, json, subprocess, sys, time, urllib.request, uuid

API = "http://localhost:5080"
PSQL = ["psql", "-h", "127.0.0.1", "-p", "55432", "-U", "postgres", "-d", "hiplog", "-Atc"]
KEY = json.load(open("src/Api/appsettings.Development.json"))["Auth"]["SigningKey"].encode()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(runner: str) -> str:
    now = int(time.time())
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"sub": runner, "iss": "hiplog-local", "aud": "hiplog-api", "iat": now, "nbf": now, "exp": now + 3600}).encode())
    sig = b64(hmac.new(KEY, f"{head}.{body}".encode(), hashlib.sha256).digest())
    return f"{head}.{body}.{sig}"


def call(method: str, path: str, runner: str, body=None):
    req = urllib.request.Request(API + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token(runner), "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    stamp = uuid.uuid4().hex[:6]
    runners = [f"latency-{stamp}-{i}" for i in range(n)]
    due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    for r in runners:
        call("PUT", f"/runners/{r}/profile", r, {"displayName": "Latency", "timeZone": "UTC", "reminderTime": due.strftime("%H:%M")})
    for r in runners:
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        call("POST", f"/runners/{r}/pain-reports", r, {"reportedAt": now, "score": 7, "location": "front-hip", "side": "left",
                                                       "timing": "after-run", "character": "ache"})
        time.sleep(0.2)
    wait = (due - datetime.datetime.now(datetime.timezone.utc)).total_seconds() + 20
    print(f"{n} runners reported; waiting {wait:.0f} s for deliveries due at {due:%H:%M} UTC", flush=True)
    time.sleep(max(wait, 0))
    like = f"latency-{stamp}-%"
    detect = subprocess.run(PSQL + [f"""
        select extract(epoch from (d.timestamp - p.timestamp)) * 1000
        from hiplog.mt_events p join hiplog.mt_events d on d.type = 'pain_rise_detected' and d.data->>'reportId' = p.data->>'reportId'
        where p.type = 'pain_reported' and p.stream_id like '{like}'"""], capture_output=True, text=True, check=True).stdout.split()
    deliver = subprocess.run(PSQL + [f"""
        select extract(epoch from ((s.data->>'deliveredAt')::timestamptz - (r.data->>'dueAt')::timestamptz)) * 1000
        from hiplog.mt_events s join hiplog.mt_events r on r.stream_id = s.stream_id and r.type = 'routine_scheduled'
        where s.type = 'routine_suggested' and s.data->>'runnerId' like '{like}'"""], capture_output=True, text=True, check=True).stdout.split()
    for name, values in (("PainReported -> PainRiseDetected", detect), ("due time -> RoutineSuggested", deliver)):
        ms = [float(v) for v in values]
        print(f"{name}: {len(ms)} samples, p50 {pct(ms, 50):.0f} ms, p95 {pct(ms, 95):.0f} ms, max {max(ms):.0f} ms" if ms else f"{name}: no samples")


if __name__ == "__main__":
    main()
