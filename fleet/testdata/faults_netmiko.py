"""Drive a device with faults through Netmiko's hp_comware driver, as an
automation engineer's script would, and show which of Netmiko's paths the
fault takes. Usage: faults_netmiko.py PORT USER PASSWORD MODE

  latency     every command 300ms late: send_command at Netmiko's default
              timing still gets its output
  hang        display version never answers: send_command times out (the
              session stays open), and a new connection works
  cut         the connection is cut in the middle of display
              current-configuration: Netmiko fails, and reconnects
  refuse      the first login is refused: Netmiko's authentication error,
              and the next login works

Prints "FAULT OK <mode>" on success; any failed check raises.
"""
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from netmiko import ConnectHandler  # noqa: E402
from netmiko.ssh_exception import NetMikoAuthenticationException  # noqa: E402

port, user, password, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def connect(fast=True):
    return ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                          username=user, password=password, fast_cli=fast)


def expect(text, *wants):
    for want in wants:
        if want not in text:
            raise AssertionError("missing %r in output:\n%s" % (want, text))


if mode == "latency":
    # At Netmiko's default timing: fast_cli reads the answer of its own
    # set-up commands too soon on a device this slow.
    c = connect(fast=False)
    start = time.time()
    out = c.send_command("display version")
    took = time.time() - start
    expect(out, "Software Version")
    assert took >= 0.3, took
    c.disconnect()
elif mode == "hang":
    c = connect()
    try:
        out = c.send_command("display version", delay_factor=0.2, max_loops=40)
        raise AssertionError("a hung command answered:\n%s" % out)
    except IOError as e:  # Netmiko 2: "Search pattern never detected"
        assert "never detected" in str(e), e
    assert c.is_alive(), "the session of a hung command was closed"
    c.disconnect()
    c = connect()
    expect(c.send_command("display clock"), ":")
    c.disconnect()
elif mode == "cut":
    c = connect()
    try:
        out = c.send_command("display current-configuration")
        raise AssertionError("an output cut by the fault came whole:\n%s" % out)
    except (OSError, EOFError, IOError):
        pass
    c = connect()  # the reconnect path
    expect(c.send_command("display clock"), ":")
    c.disconnect()
elif mode == "refuse":
    try:
        connect()
        raise AssertionError("a refused login got in")
    except NetMikoAuthenticationException:
        pass
    c = connect()
    expect(c.send_command("display clock"), ":")
    c.disconnect()
else:
    raise SystemExit("unknown mode " + mode)
print("FAULT OK " + mode)
