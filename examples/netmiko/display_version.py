#!/usr/bin/python3
"""Netmiko against a switchemu fleet: display version on every device of a
CSV inventory, a few at a time, then a VLAN on each and save.

    go run ./cmd/switchemu --devices 10 &
    go run ./cmd/switchemu inventory --devices 10 --format csv > devices.csv
    /usr/bin/python3 examples/netmiko/display_version.py devices.csv

Debian: apt-get install python3-netmiko (call /usr/bin/python3: a pyenv
python3 on PATH cannot import Debian's packages). With the ntc-templates
index (NET_TEXTFSM=.../ntc_templates/templates), --textfsm also parses
display interface brief into records.
"""
import csv
import sys
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def one(row, textfsm):
    conn = ConnectHandler(
        device_type=row["platform"],  # hp_comware
        host=row["host"],
        port=int(row["port"]),
        username=row["username"],
        password=row["password"],
        fast_cli=True,
    )
    try:
        version = conn.send_command("display version")
        model = next((l for l in version.splitlines() if "Software Version" in l or "uptime is" in l), "?")
        conn.send_config_set(["vlan 300", "name Netmiko"])
        conn.save_config()  # system-view, save force
        vlans = conn.send_command("display vlan all")
        ok = "VLAN ID: 300" in vlans
        parsed = ""
        if textfsm:
            rows = conn.send_command("display interface brief", use_textfsm=True)
            parsed = " %d interfaces parsed" % len(rows) if isinstance(rows, list) else " (no template)"
        return "%s %s: %s; vlan 300 %s%s" % (row["name"], conn.base_prompt, model.strip(), "ok" if ok else "MISSING", parsed)
    finally:
        conn.disconnect()


def main():
    path = sys.argv[1]
    textfsm = "--textfsm" in sys.argv
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    # One session per device, at most 8 at once: each device has its own
    # 16 VTY lines, but every login costs the emulator (and a real switch)
    # a key exchange.
    with ThreadPoolExecutor(max_workers=8) as pool:
        for line in pool.map(lambda r: one(r, textfsm), rows):
            print(line)
    print("NETMIKO EXAMPLE OK %d devices" % len(rows))


if __name__ == "__main__":
    main()
