#!/usr/bin/env python3
"""Response time of the forgot-password POST for a known and an unknown address, interleaved.

Runs against a running server (the run command, for example) and prints a table. Each request uses a
fresh session and a distinct client address (X-Forwarded-For; the server must trust 127.0.0.1 through
APP_TRUSTED_PROXIES for the per-client limit not to kick in). The known account is registered the way a person
does it: the address on /register, then the link from the confirmation mail, which the run command keeps as
files in target/run-<port>/mail/ (MAIL_DIR overrides).

Two ways to run it. With the server's defaults the known account is asked for at most as often as
THROTTLE_RESET_REQUEST_PER_ACCOUNT allows, and the rest of its requests are throttled exactly like the unknown
address's. With the per-address limit off ("THROTTLE_RESET_REQUEST_PER_ACCOUNT=0 APP_TRUSTED_PROXIES=127.0.0.1
./mvnw -Prun") every request is accepted and does its whole work: the outbox makes a link and a mail for each
known request that no newer one superseded, and that work runs while the next requests are answered. The script
counts the throttled requests from the operators' metrics (OPS_URL, default http://127.0.0.1:9090) and says how
many were accepted. One address asked for again and again has most of its requests superseded by the next one before
a mail goes out; ACCOUNTS_DB=<the server's MariaDB database> instead writes one account per round into that database
(with the mariadb client, root on 127.0.0.1, as bench/accepted.sh does) and asks for each once, and each unknown
request for an address of its own: every known request then ends in a mail, as when someone probes many addresses.
CONTROL=1 asks for unknown addresses under both labels: what the statistics say when there is nothing to tell apart. Either way it reports the median gap (known - unknown) and the two-sample
Kolmogorov-Smirnov statistic with its p-value: a small p-value means the two kinds of answer can be told apart
by their times.

Usage: bench/forgot_timing.py [base-url] [rounds]
"""
import math
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

from pages import client, register, submit


def kolmogorov_smirnov(a, b):
    """Two-sample KS statistic D and its asymptotic p-value (Kolmogorov's distribution, Stephens' correction)."""
    a, b = sorted(a), sorted(b)
    i = j = 0
    d = 0.0
    while i < len(a) and j < len(b):
        x = min(a[i], b[j])
        while i < len(a) and a[i] == x:
            i += 1
        while j < len(b) and b[j] == x:
            j += 1
        d = max(d, abs(i / len(a) - j / len(b)))
    n = len(a) * len(b) / (len(a) + len(b))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, min(1.0, max(0.0, p))


def events(name):
    """The operators' count of an audit event, all kinds and reasons together."""
    with urllib.request.urlopen(OPS + "/metrics") as response:
        text = response.read().decode()
    pattern = re.compile(r'^resetflow_events_total\{[^}]*event="%s"[^}]*\} ([0-9.E]+)$' % re.escape(name), re.MULTILINE)
    return sum(float(value) for value in pattern.findall(text))

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
OPS = os.environ.get("OPS_URL", "http://127.0.0.1:9090").rstrip("/")
RUN = time.time_ns() % 0xffff


ACCOUNTS_DB = os.environ.get("ACCOUNTS_DB")
if os.environ.get("CONTROL") == "1":
    knowns = ["control-%d-%d@example.org" % (RUN, i) for i in range(ROUNDS)]
    unknowns = ["nobody-%d-%d@example.org" % (RUN, i) for i in range(ROUNDS)]
elif ACCOUNTS_DB:
    # An account per round, asked for once; an unknown address per round too.
    knowns = ["timing-%d-%d@example.org" % (RUN, i) for i in range(ROUNDS)]
    unknowns = ["nobody-%d-%d@example.org" % (RUN, i) for i in range(ROUNDS)]
    rows = ", ".join("('%s', '%s', 'Bench', 'not-a-usable-hash', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))" % (a, a) for a in knowns)
    subprocess.run(["mariadb", "-h", "127.0.0.1", "-u", "root", ACCOUNTS_DB, "-e",
                    "INSERT INTO resetflow_app_user (email, canonical_email, display_name, password_hash, password_changed_at,"
                    " created_at) VALUES " + rows], check=True)
else:
    known = "bench-%d@example.org" % time.time_ns()
    register(BASE, known, "bench passphrase violet cactus ferry", "2001:db8:b::1")
    # One fixed unknown address, like the one known address: both hit an existing rate-limit bucket after
    # the first request, so the comparison isolates what the account's existence changes.
    unknown = "nobody-%d@example.org" % time.time_ns()
    knowns = [known] * ROUNDS
    unknowns = [unknown] * ROUNDS
throttled_before = events("password_reset.throttled")
sent_before = events("mail.sent")
times = {"known": [], "unknown": []}
sequence = []
for i in range(ROUNDS):
    for kind in ("known", "unknown") if i % 2 == 0 else ("unknown", "known"):
        email = knowns[i] if kind == "known" else unknowns[i]
        # A /64 of its own per round and run: the per-client limit counts IPv6 clients by their /64.
        elapsed, status, body, _ = submit(client("2001:db8:%x:%x::%d" % (RUN, i, 1 if kind == "known" else 2)), BASE,
                                          "/forgot-password", "forgot", {"email": email})
        assert status == 200 and "a link to set a new password is on its way" in body, (status, kind)
        times[kind].append(elapsed * 1000)
        sequence.append((kind, elapsed * 1000))

print("%-8s %6s %10s %10s %10s %10s" % ("address", "n", "mean ms", "median ms", "p90 ms", "max ms"))
for kind, values in times.items():
    values.sort()
    print("%-8s %6d %10.2f %10.2f %10.2f %10.2f" % (kind, len(values), statistics.mean(values),
          statistics.median(values), values[int(len(values) * 0.9) - 1], values[-1]))
print("median ratio known/unknown: %.3f" % (statistics.median(times["known"]) / statistics.median(times["unknown"])))
print("median gap known - unknown: %+.2f ms" % (statistics.median(times["known"]) - statistics.median(times["unknown"])))
d, p = kolmogorov_smirnov(times["known"], times["unknown"])
print("Kolmogorov-Smirnov: D = %.3f, p = %.3f" % (d, p))
# What a request leaves behind (the outbox's work for it) runs while the next ones are answered: the medians of
# each kind by the kind of the request just before it show whether that work tells the kinds apart.
after = {}
for (previous, _), (kind, elapsed) in zip(sequence, sequence[1:]):
    after.setdefault((kind, previous), []).append(elapsed)
print("median ms by the request before: " + ", ".join("%s after %s %.2f (n=%d)" % (kind, previous, statistics.median(values),
      len(values)) for (kind, previous), values in sorted(after.items())))
throttled = int(events("password_reset.throttled") - throttled_before)
print("requests accepted: %d of %d (throttled: %d)" % (2 * ROUNDS - throttled, 2 * ROUNDS, throttled))
# The outbox may still be sending the last ones; a moment later the count is whole.
time.sleep(2)
print("mails sent during the run: %d" % (events("mail.sent") - sent_before))
