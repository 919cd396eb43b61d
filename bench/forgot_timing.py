#!/usr/bin/env python3
"""Response time of the forgot-password POST for a known and an unknown address, interleaved.

Runs against a running server (the run command, for example) and prints a table. Each request uses a
fresh session and a distinct client address (X-Forwarded-For; the server must trust 127.0.0.1 through
APP_TRUSTED_PROXIES for the per-client limit not to kick in), so rate limits do not shape the result:
the known account is asked for at most as often as THROTTLE_RESET_REQUEST_PER_ACCOUNT allows, and the
rest of its requests are throttled exactly like the unknown address's would be.

The known account is registered the way a person does it: the address on /register, then the link from
the confirmation mail, which the run command keeps as files in target/run-<port>/mail/ (MAIL_DIR overrides).

With the per-address limit off (THROTTLE_RESET_REQUEST_PER_ACCOUNT=0 on the server, as in
"THROTTLE_RESET_REQUEST_PER_ACCOUNT=0 APP_TRUSTED_PROXIES=127.0.0.1 ./mvnw -Prun") every request is accepted and
does its whole work: each known request makes a link and a mail, which the script counts in the mail folder, and
the mail work of one request runs while the next is answered. Either way it reports the median gap
(known - unknown) and the two-sample Kolmogorov-Smirnov statistic with its p-value: a small p-value means the two
kinds of answer can be told apart by their times.

Usage: bench/forgot_timing.py [base-url] [rounds]
"""
import glob
import math
import os
import statistics
import sys
import time
from email.parser import BytesHeaderParser

from pages import client, mail_dir, register, submit


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


def mails_to(base, address):
    count = 0
    for name in glob.glob(os.path.join(mail_dir(base), "*.eml")):
        with open(name, "rb") as f:
            if BytesHeaderParser().parse(f)["To"] == address:
                count += 1
    return count

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200


known = "bench-%d@example.org" % time.time_ns()
register(BASE, known, "bench passphrase violet cactus ferry", "2001:db8:b::1")

# One fixed unknown address, like the one known address: both hit an existing rate-limit bucket after
# the first request, so the comparison isolates what the account's existence changes.
unknown = "nobody-%d@example.org" % time.time_ns()
mails_before = mails_to(BASE, known)
times = {"known": [], "unknown": []}
for i in range(ROUNDS):
    for kind in ("known", "unknown") if i % 2 == 0 else ("unknown", "known"):
        email = known if kind == "known" else unknown
        elapsed, status, body, _ = submit(client("2001:db8:b:%x::%d" % (i, 1 if kind == "known" else 2)), BASE,
                                          "/forgot-password", "forgot", {"email": email})
        assert status == 200 and "a link to set a new password is on its way" in body, (status, kind)
        times[kind].append(elapsed * 1000)

print("%-8s %6s %10s %10s %10s %10s" % ("address", "n", "mean ms", "median ms", "p90 ms", "max ms"))
for kind, values in times.items():
    values.sort()
    print("%-8s %6d %10.2f %10.2f %10.2f %10.2f" % (kind, len(values), statistics.mean(values),
          statistics.median(values), values[int(len(values) * 0.9) - 1], values[-1]))
print("median ratio known/unknown: %.3f" % (statistics.median(times["known"]) / statistics.median(times["unknown"])))
print("median gap known - unknown: %+.2f ms" % (statistics.median(times["known"]) - statistics.median(times["unknown"])))
d, p = kolmogorov_smirnov(times["known"], times["unknown"])
print("Kolmogorov-Smirnov: D = %.3f, p = %.3f" % (d, p))
# Mails leave through the outbox after the answers: wait until they stop coming.
settled, last = time.monotonic(), -1
while time.monotonic() - settled < 3:
    count = mails_to(BASE, known) - mails_before
    if count != last:
        settled, last = time.monotonic(), count
    time.sleep(0.2)
print("known requests accepted (a mail each): %d of %d" % (last, ROUNDS))
