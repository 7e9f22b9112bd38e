"""Drive the emulator's telnet server with Netmiko's hp_comware_telnet
driver at its default timing. Usage: netmiko_telnet_probe.py PORT

Logs in through the V5 login dialog, runs display version and display
users (the session is on a TEL line), applies a configuration, checks it
in display current-configuration, saves and disconnects.
Prints "NETMIKO TELNET OK" on success; any failed check raises.
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


def refuse(text, *unwanted):
    for bad in unwanted:
        if bad in text:
            raise AssertionError("unexpected %r in output:\n%s" % (bad, text))


c = ConnectHandler(device_type="hp_comware_telnet", host="127.0.0.1", port=port,
                   username="admin", password="admin")
assert c.base_prompt == "3Com", c.base_prompt
out = c.send_command("display version")
expect(out, "3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616")
refuse(out, "---- More ----")
out = c.send_command("display users")
expect(out, " TEL  3")
out = c.send_config_set(["vlan 40", "name Telnet-VLAN", "quit", "sysname TelnetSW"])
refuse(out, "% ")
c.set_base_prompt()
assert c.base_prompt == "TelnetSW", c.base_prompt
cfg = c.send_command("display current-configuration")
expect(cfg, " sysname TelnetSW\n", " telnet server enable\n", "vlan 40\n name Telnet-VLAN\n#")
out = c.save_config()
expect(out, "Configuration is saved to device successfully.")
c.disconnect()
print("NETMIKO TELNET OK")
