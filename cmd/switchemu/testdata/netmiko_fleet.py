"""Netmiko sessions to every device of a fleet at once, as a Nornir or
Ansible run over a site opens them. Usage: netmiko_fleet.py DEVICES.CSV

Each device (a row of the csv inventory switchemu writes) gets its own
thread: connect with hp_comware at default timing, set a sysname of its
own (SITE-<name>), check the prompt follows, save, disconnect.
Prints "NETMIKO FLEET OK <n>" when every device passed; otherwise the
failures, and exits 1.
"""
import csv
import sys
import threading
import warnings

warnings.filterwarnings("ignore")
from netmiko import ConnectHandler  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
failures = []
lock = threading.Lock()


def drive(row):
    try:
        conn = ConnectHandler(device_type=row["platform"], host=row["host"], port=int(row["port"]),
                              username=row["username"], password=row["password"])
        want = "SITE-" + row["name"]
        out = conn.send_config_set(["sysname " + want])
        if "[" + want + "]" not in out:
            raise AssertionError("prompt did not follow the sysname:\n" + out)
        conn.save_config()
        cfg = conn.send_command("display current-configuration | include sysname")
        if " sysname " + want not in cfg:
            raise AssertionError("configuration: " + cfg)
        conn.disconnect()
    except Exception as e:  # report every device, not only the first
        with lock:
            failures.append("%s: %r" % (row["name"], e))


threads = [threading.Thread(target=drive, args=(r,)) for r in rows]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("NETMIKO FLEET OK %d" % len(rows))
