"""Copy files to and from the emulator's flash:/ with paramiko's SFTP
client and the scp module's SCP client (paramiko exec "scp -t" / "scp -f").
Usage: paramiko_sftp_probe.py PORT WORKDIR

Prints "PARAMIKO OK" on success; any failed check raises.
"""
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import paramiko  # noqa: E402
from scp import SCPClient, SCPException  # noqa: E402

port, work = int(sys.argv[1]), sys.argv[2]
c = paramiko.SSHClient()
c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
c.connect("127.0.0.1", port=port, username="admin", password="admin",
          look_for_keys=False, allow_agent=False)

src = os.path.join(work, "paramiko.cfg")
with open(src, "w") as f:
    f.write("#\n sysname FromParamiko\n#\nreturn\n")

sftp = c.open_sftp()
sftp.put(src, "paramiko.cfg")
names = sftp.listdir(".")
assert "paramiko.cfg" in names and "startup.cfg" in names, names
assert not any(n.startswith(".") for n in names), names
assert sftp.stat("paramiko.cfg").st_size == os.path.getsize(src)
sftp.get("startup.cfg", os.path.join(work, "startup.copy"))
assert "sysname" in open(os.path.join(work, "startup.copy")).read()
for bad in ["../../../etc/passwd", "/etc/passwd", ".hostkey_rsa.pem"]:
    try:
        sftp.get(bad, os.path.join(work, "bad"))
    except IOError:
        pass
    else:
        raise AssertionError("read %s" % bad)
sftp.close()

with SCPClient(c.get_transport()) as scp:
    scp.put(src, "scp.cfg")
    scp.get("scp.cfg", os.path.join(work, "scp.copy"))
    assert open(os.path.join(work, "scp.copy")).read() == open(src).read()
    try:
        scp.get("/etc/passwd", os.path.join(work, "bad"))
    except SCPException:
        pass
    else:
        raise AssertionError("scp read /etc/passwd")
c.close()
print("PARAMIKO OK")
