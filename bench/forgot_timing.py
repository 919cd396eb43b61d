#!/usr/bin/env python3
"""Response time of the forgot-password POST for a known and an unknown address, interleaved.

Runs against a running server (the run command, for example) and prints a table. Each request uses a
fresh session and a distinct client address (X-Forwarded-For; the server must trust 127.0.0.1 through
APP_TRUSTED_PROXIES for the per-client limit not to kick in), so rate limits do not shape the result:
the known account is asked for at most as often as THROTTLE_RESET_REQUEST_PER_ACCOUNT allows, and the
rest of its requests are throttled exactly like the unknown address's would be.

The known account is registered the way a person does it: the address on /register, then the link from
the confirmation mail, which the run command keeps as files in target/run-<port>/mail/ (MAIL_DIR overrides).

Usage: bench/forgot_timing.py [base-url] [rounds]
"""
import statistics
import sys
import time

from pages import client, register, submit

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200


known = "bench-%d@example.org" % time.time_ns()
register(BASE, known, "bench passphrase violet cactus ferry", "2001:db8:b::1")

# One fixed unknown address, like the one known address: both hit an existing rate-limit bucket after
# the first request, so the comparison isolates what the account's existence changes.
unknown = "nobody-%d@example.org" % time.time_ns()
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
