#!/usr/bin/python3
"""Nornir-style: the inventory "switchemu inventory --format nornir" prints
(a Nornir SimpleInventory hosts file) drives a task on every host.

    go run ./cmd/switchemu --devices 10 &
    go run ./cmd/switchemu inventory --devices 10 --format nornir > hosts.yaml
    /usr/bin/python3 examples/nornir/hosts_tasks.py hosts.yaml

With Nornir and nornir_netmiko installed (pip install nornir nornir-netmiko)
it runs through Nornir's SimpleInventory and netmiko_send_command. Where
they are not (Debian packages neither), it runs the same task over the same
hosts file with Netmiko and a thread pool, which is what nornir_netmiko
does underneath.
"""
import sys
from concurrent.futures import ThreadPoolExecutor

COMMAND = "display clock"


def with_nornir(hosts):
    from nornir import InitNornir
    from nornir_netmiko.tasks import netmiko_send_command

    nr = InitNornir(
        runner={"plugin": "threaded", "options": {"num_workers": 8}},
        inventory={"plugin": "SimpleInventory", "options": {"host_file": hosts}},
    )
    result = nr.run(task=netmiko_send_command, command_string=COMMAND)
    for name, r in sorted(result.items()):
        print("%s: %s" % (name, r[0].result.strip().splitlines()[0]))
    return len(result), "nornir"


def without_nornir(hosts):
    import yaml
    from netmiko import ConnectHandler

    with open(hosts) as f:
        inv = yaml.safe_load(f)

    def task(item):
        name, h = item
        with ConnectHandler(device_type=h["platform"], host=h["hostname"], port=h["port"],
                            username=h["username"], password=h["password"], fast_cli=True) as c:
            return "%s: %s" % (name, c.send_command(COMMAND).strip().splitlines()[0])

    with ThreadPoolExecutor(max_workers=8) as pool:
        for line in pool.map(task, sorted(inv.items())):
            print(line)
    return len(inv), "netmiko over the nornir hosts file"


def main():
    try:
        import nornir  # noqa: F401
        import nornir_netmiko  # noqa: F401
        run = with_nornir
    except ImportError:
        run = without_nornir
    n, how = run(sys.argv[1])
    print("NORNIR EXAMPLE OK %d hosts (%s)" % (n, how))


if __name__ == "__main__":
    main()
