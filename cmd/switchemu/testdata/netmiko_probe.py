"""Drive the emulator with Netmiko's hp_comware driver, as an automation
engineer would. Usage: netmiko_probe.py PORT PHASE [--fast]

  configure  display version, send_config_set (sysname, VLAN with a name,
             interface description), check display current-configuration,
             save_config, disconnect
  verify     after a restart: the saved configuration is there; then make
             an unsaved change (vlan 30) and disconnect without saving
  unsaved    after another restart: the unsaved change is gone

Prints "NETMIKO OK <phase>" on success; any failed check raises.
"""
import logging
import sys
import warnings

warnings.filterwarnings("ignore")
from netmiko import ConnectHandler  # noqa: E402

port, phase = int(sys.argv[1]), sys.argv[2]
fast = "--fast" in sys.argv


def connect():
    return ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                          username="admin", password="admin", fast_cli=fast)


def expect(text, *wants):
    for want in wants:
        if want not in text:
            raise AssertionError("missing %r in output:\n%s" % (want, text))


def refuse(text, *unwanted):
    for bad in unwanted:
        if bad in text:
            raise AssertionError("unexpected %r in output:\n%s" % (bad, text))


if phase == "configure":
    c = connect()
    assert c.base_prompt == "3Com", c.base_prompt
    out = c.send_command("display version")
    expect(out, "3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616")
    refuse(out, "---- More ----", "display version")
    out = c.send_config_set(["vlan 20", "name Netmiko-VLAN", "quit",
                             "interface GigabitEthernet2/0/5", "description netmiko uplink",
                             "quit", "sysname NetmikoSW"])
    refuse(out, "% ")
    c.set_base_prompt()
    assert c.base_prompt == "NetmikoSW", c.base_prompt
    cfg = c.send_command("display current-configuration")
    expect(cfg, " sysname NetmikoSW\n", "vlan 20\n name Netmiko-VLAN\n#",
           "interface GigabitEthernet2/0/5\n port link-mode bridge\n description netmiko uplink\n#")
    refuse(cfg, "---- More ----")
    out = c.save_config()
    expect(out, "Configuration is saved to device successfully.")
    c.disconnect()
elif phase == "verify":
    c = connect()
    assert c.base_prompt == "NetmikoSW", c.base_prompt
    cfg = c.send_command("display current-configuration")
    expect(cfg, " sysname NetmikoSW\n", "vlan 20\n name Netmiko-VLAN\n#",
           "interface GigabitEthernet2/0/5\n port link-mode bridge\n description netmiko uplink\n#")
    saved = c.send_command("display saved-configuration")
    expect(saved, " sysname NetmikoSW\n", "vlan 20\n name Netmiko-VLAN\n#")
    out = c.send_config_set(["vlan 30", "name not-saved"])
    refuse(out, "% ")
    cfg = c.send_command("display current-configuration")
    expect(cfg, "vlan 30\n name not-saved\n#")
    c.disconnect()
elif phase == "unsaved":
    c = connect()
    cfg = c.send_command("display current-configuration")
    expect(cfg, " sysname NetmikoSW\n", "vlan 20\n name Netmiko-VLAN\n#")
    refuse(cfg, "vlan 30", "not-saved")
    c.disconnect()
else:
    raise SystemExit("unknown phase " + phase)
print("NETMIKO OK " + phase)
