"""A Netmiko session and the control API on the same device, at once.
Usage: netmiko_api.py PORT API_URL

The session's change (a VLAN) is seen through GET config; a PUT config
(the configuration with one VLAN more) is seen by the session, which
stays up throughout. Prints "NETMIKO API OK" when both are seen.
"""
import json
import sys
import urllib.request
import warnings

warnings.filterwarnings("ignore")
from netmiko import ConnectHandler  # noqa: E402

port, api = int(sys.argv[1]), sys.argv[2].rstrip("/")


def call(method, path, body=None, ctype=None):
    req = urllib.request.Request(api + path, data=body, method=method)
    if ctype:
        req.add_header("Content-Type", ctype)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read().decode()


_, devices = call("GET", "/api/v1/devices")
name = json.loads(devices)["devices"][0]["name"]

conn = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                      username="admin", password="admin", fast_cli=True)
conn.send_config_set(["vlan 123", "name FromNetmiko"])

status, cfg = call("GET", "/api/v1/devices/%s/config" % name)
if status != 200 or "\nvlan 123\n name FromNetmiko\n" not in cfg:
    sys.exit("GET config does not show the session's change:\n" + cfg)

new = cfg.replace("\nreturn", "\nvlan 456\n name FromAPI\n#\nreturn")
status, res = call("PUT", "/api/v1/devices/%s/config" % name, new.encode(), "text/plain")
result = json.loads(res)
if status != 200 or result["refused"]:
    sys.exit("PUT config: %d %s" % (status, res))

out = conn.send_command("display current-configuration")
for want in ("vlan 456\n name FromAPI\n", "vlan 123\n name FromNetmiko\n"):
    if want not in out:
        sys.exit("the session does not see %r:\n%s" % (want, out))
conn.disconnect()
print("NETMIKO API OK")
