"""Ping and tracert through Netmiko's hp_comware driver, as an automation
engineer checks reachability from a switch. Usage: netmiko_ping.py PORT

The default device's end station 192.168.0.11 (behind GE2/0/1) answers
once Vlan-interface1 has an address in its subnet; 10.9.9.9 does not.
Prints "NETMIKO PING OK" on success; any failed check raises.
"""
import sys
import warnings

warnings.filterwarnings("ignore")
from netmiko import ConnectHandler  # noqa: E402

port = int(sys.argv[1])


def expect(text, *wants):
    for want in wants:
        if want not in text:
            raise AssertionError("missing %r in output:\n%s" % (want, text))


c = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                   username="admin", password="admin", fast_cli=True)
out = c.send_config_set(["interface Vlan-interface1", "ip address 192.168.0.10 24"])
if "% " in out:
    raise AssertionError(out)
out = c.send_command("ping -c 2 192.168.0.11")
expect(out, "  PING 192.168.0.11: 56  data bytes, press CTRL_C to break\n",
       "    Reply from 192.168.0.11: bytes=56 Sequence=2 ttl=128 time=1 ms\n",
       "  --- 192.168.0.11 ping statistics ---\n", "    2 packet(s) received\n", "    0.00% packet loss\n")
out = c.send_command("ping -c 2 -t 200 10.9.9.9")
expect(out, "    Request time out\n", "    0 packet(s) received\n", "    100.00% packet loss")
out = c.send_command("tracert 192.168.0.11")
expect(out, " traceroute to 192.168.0.11(192.168.0.11) 30 hops max,40 bytes packet, press CTRL_C to break\n",
       " 1 192.168.0.11 1 ms 1 ms 1 ms")
c.disconnect()
print("NETMIKO PING OK")
