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
  slowlogin   the first prompt comes 1s late: Netmiko at its default
              timing waits for it
  cpu         display cpu-usage shows 87%
  flap        GigabitEthernet2/0/1 flaps three times (1s down, 1s up):
              the log buffer shows it go down and up, and display
              interface brief shows it down while it is

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
elif mode == "slowlogin":
    start = time.time()
    c = connect(fast=False)
    assert time.time() - start >= 1.0, time.time() - start
    expect(c.send_command("display clock"), ":")
    c.disconnect()
elif mode == "cpu":
    c = connect()
    expect(c.send_command("display cpu-usage"), "87% in last 1 minute", "87% in last 5 minutes")
    c.disconnect()
elif mode == "flap":
    c = connect()
    seen_down = False
    deadline = time.time() + 30
    while time.time() < deadline:
        brief = c.send_command("display interface brief")
        line = [l for l in brief.splitlines() if l.startswith("GE2/0/1 ")]
        if line and " DOWN " in line[0]:
            seen_down = True
        log = c.send_command("display logbuffer")
        if seen_down and "GigabitEthernet2/0/1 link status is DOWN." in log \
                and "GigabitEthernet2/0/1 link status is UP." in log:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("no flap seen: brief down %s\n%s" % (seen_down, log))
    c.disconnect()
else:
    raise SystemExit("unknown mode " + mode)
print("FAULT OK " + mode)
