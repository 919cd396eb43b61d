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
import glob
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from email import message_from_binary_file

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def client(address):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.addheaders = [("X-Forwarded-For", address), ("User-Agent", "resetflow-bench")]
    return opener


def form_fields(page, form_id):
    view_state = re.search(r'name="jakarta.faces.ViewState"[^>]*value="([^"]*)"', page).group(1)
    nonce = re.search(r'nonce="([^"]*)"', page).group(1)
    return {form_id: form_id, "jakarta.faces.ViewState": view_state, "primefaces.nonce": nonce, form_id + ":submit": ""}


def submit(opener, path, form_id, fields):
    data = form_fields(opener.open(BASE + path).read().decode(), form_id)
    data.update({form_id + ":" + k: v for k, v in fields.items()})
    started = time.perf_counter()
    with opener.open(BASE + path, urllib.parse.urlencode(data).encode()) as response:
        body = response.read().decode()
    return time.perf_counter() - started, response.status, body


def registration_link(address, mail_dir, timeout=30):
    """The /finish-registration link of the newest confirmation mail to this address."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml")), reverse=True):
            with open(path, "rb") as f:
                message = message_from_binary_file(f)
            if message["To"] == address:
                part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
                body = part.get_payload(decode=True).decode()
                return re.search(r"https?://\S+/finish-registration\?token=[A-Za-z0-9_-]+", body).group(0)
        time.sleep(0.2)
    raise SystemExit("no confirmation mail to %s in %s within %d s" % (address, mail_dir, timeout))


known = "bench-%d@example.org" % time.time_ns()
password = "bench passphrase violet cactus ferry"
port = urllib.parse.urlparse(BASE).port or 80
mail_dir = os.environ.get("MAIL_DIR", "target/run-%d/mail" % port)
registrant = client("2001:db8:b::1")
submit(registrant, "/register", "register", {"email": known})
link = registration_link(known, mail_dir)
# The link starts with the server's APP_BASE_URL; open it on BASE, where this client's session cookie lives.
target = urllib.parse.urlparse(link)
registrant.open(BASE + target.path + "?" + target.query).read()
elapsed, status, body = submit(registrant, "/finish-registration", "finish",
                               {"displayName": "Bench", "password": password, "confirmation": password})
assert "Your account" in body, "registration did not finish"

# One fixed unknown address, like the one known address: both hit an existing rate-limit bucket after
# the first request, so the comparison isolates what the account's existence changes.
unknown = "nobody-%d@example.org" % time.time_ns()
times = {"known": [], "unknown": []}
for i in range(ROUNDS):
    for kind in ("known", "unknown") if i % 2 == 0 else ("unknown", "known"):
        email = known if kind == "known" else unknown
        elapsed, status, body = submit(client("2001:db8:b:%x::%d" % (i, 1 if kind == "known" else 2)),
                                       "/forgot-password", "forgot", {"email": email})
        assert status == 200 and "a link to set a new password is on its way" in body, (status, kind)
        times[kind].append(elapsed * 1000)

print("%-8s %6s %10s %10s %10s %10s" % ("address", "n", "mean ms", "median ms", "p90 ms", "max ms"))
for kind, values in times.items():
    values.sort()
    print("%-8s %6d %10.2f %10.2f %10.2f %10.2f" % (kind, len(values), statistics.mean(values),
          statistics.median(values), values[int(len(values) * 0.9) - 1], values[-1]))
print("median ratio known/unknown: %.3f" % (statistics.median(times["known"]) / statistics.median(times["unknown"])))
