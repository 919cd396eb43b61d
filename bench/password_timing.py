#!/usr/bin/env python3
"""Response times of the pages that hash a password: sign-in (right password, wrong password for an account,
any password for an unknown address) and setting a new password through a mailed reset link.

Runs against a running server (the run command, for example: APP_TRUSTED_PROXIES=127.0.0.1 ./mvnw -Prun) and
prints a table of the POST alone (the form is fetched first; redirects are not followed). Accounts are registered
and reset the way a person does it, through the mails the run command keeps in target/run-<port>/mail/. Each
attempt comes from its own client network, so per-client limits do not shape the result; wrong passwords are
spread over the accounts, below each account's limit.

The last line compares a failed sign-in for an account with one for an unknown address: the same work is spent
for both, so their medians should agree.

Usage: bench/password_timing.py [base-url] [accounts] [rounds]
"""
import statistics
import sys
import time
import urllib.error

from pages import client, mailed_link, register, submit

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ACCOUNTS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 100

password = "bench passphrase violet cactus ferry"
stamp = time.time_ns()
accounts = ["pw-bench-%d-%d@example.org" % (stamp, i) for i in range(ACCOUNTS)]
for i, address in enumerate(accounts):
    register(BASE, address, password, "2001:db8:c:%x::1" % i)

times = {"sign-in, right password": [], "sign-in, wrong password": [], "sign-in, unknown address": []}
networks = iter(range(1, 1 << 20))


def sign_in(address, attempt):
    return submit(client("2001:db8:d:%x::1" % next(networks), follow_redirects=False), BASE, "/sign-in", "sign-in",
                  {"email": address, "password": attempt})


unknown = "nobody-%d@example.org" % stamp
for i in range(ROUNDS):
    account = accounts[i % ACCOUNTS]
    cases = [("sign-in, right password", account, password),
             ("sign-in, wrong password", account, "not the passphrase %d" % i),
             ("sign-in, unknown address", unknown, "not the passphrase %d" % i)]
    for kind, address, attempt in cases if i % 2 == 0 else reversed(cases):
        elapsed, status, body, location = sign_in(address, attempt)
        if kind == "sign-in, right password":
            assert status in (302, 303) and location and location.endswith("/account"), (kind, status, location)
        else:
            assert status == 200 and "do not match" in body, (kind, status)
        times[kind].append(elapsed * 1000)

# A new password for each account, through its own reset link.
times["new password (reset link)"] = []
for i, address in enumerate(accounts):
    person = client("2001:db8:e:%x::1" % i, follow_redirects=False)
    submit(person, BASE, "/forgot-password", "forgot", {"email": address})
    link = mailed_link(BASE, address, "/reset-password")
    try:
        person.open(link).read()
    except urllib.error.HTTPError as redirect:  # the link answers 303, which drops the token from the address bar
        assert redirect.code == 303, redirect.code
    new = "fresh passphrase number %d for %s" % (i, address)
    elapsed, status, body, location = submit(person, BASE, "/reset-password", "reset",
                                             {"password": new, "confirmation": new})
    assert status in (302, 303) and location and "/sign-in" in location, (status, location, body[:300])
    times["new password (reset link)"].append(elapsed * 1000)

print("%-28s %5s %9s %10s %8s %8s" % ("answer", "n", "mean ms", "median ms", "p90 ms", "max ms"))
for kind, values in times.items():
    values.sort()
    print("%-28s %5d %9.1f %10.1f %8.1f %8.1f" % (kind, len(values), statistics.mean(values), statistics.median(values),
                                                  values[max(0, int(len(values) * 0.9) - 1)], values[-1]))
print("median ratio failed sign-in, account/unknown: %.3f" % (
    statistics.median(times["sign-in, wrong password"]) / statistics.median(times["sign-in, unknown address"])))
