# -*- coding: utf-8 -*-
# Comware V5 terminal plugin for ansible.netcommon.network_cli.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
author: switchemu maintainers
name: comware5
short_description: Terminal plugin for Comware V5 (3Com, H3C, HP A-series)
description:
  - Prompt and error patterns of the Comware V5 command line, and
    C(screen-length disable) when the shell opens.
version_added: 0.1.0
"""

import re

from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ansible.netcommon.plugins.plugin_utils.terminal_base import TerminalBase


class TerminalModule(TerminalBase):
    # <SYSNAME> in user view; [SYSNAME] in system view, [SYSNAME-vlan10],
    # [SYSNAME-GigabitEthernet1/0/1] ... in its sub-views. Nothing follows
    # the prompt.
    terminal_stdout_re = [
        re.compile(rb"[\r\n]?<[\w.\-@/:()]+>$"),
        re.compile(rb"[\r\n]?\[[\w.\-@/:()]+\]$"),
    ]

    # The device's error lines. "% Screen-length configuration is disabled
    # for current user." and "Info: ..." lines are not errors.
    terminal_stderr_re = [
        re.compile(rb"% (?:Unrecognized|Incomplete|Ambiguous) command found at '\^' position"),
        re.compile(rb"% (?:Wrong parameter|Too many parameters) found at '\^' position"),
        re.compile(rb"% Such file or path doesn't exist"),
        re.compile(rb"(?m)^\s*Error: .*$"),
        re.compile(rb"All user interfaces are used, please try later"),
    ]

    terminal_initial_prompt = [rb"Press Y or ENTER to continue, N to exit"]
    terminal_initial_answer = [b"Y"]

    def on_open_shell(self):
        try:
            self._exec_cli_command(b"screen-length disable")
        except AnsibleConnectionFailure:
            raise AnsibleConnectionFailure("unable to disable paging (screen-length disable)")

    def on_become(self, passwd=None):
        # Comware's privilege levels are "super N"; a level-3 user needs
        # nothing. Become is not used.
        return
