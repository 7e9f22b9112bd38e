# -*- coding: utf-8 -*-
# Comware V5 cliconf plugin for ansible.netcommon.network_cli.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
author: switchemu maintainers
name: comware5
short_description: Cliconf plugin for Comware V5 (3Com, H3C, HP A-series)
description:
  - Reads and changes the configuration of a Comware V5 switch over the
    command line, so that ansible.netcommon.cli_command and
    ansible.netcommon.cli_config work.
  - Changes are made in system-view, entering and leaving sub-views by the
    indentation of the lines (one space per level, as
    display current-configuration prints them), and end with return.
  - Idempotency comes from get_diff, which compares the candidate with the
    running configuration line by line.
version_added: 0.1.0
"""

import json
import re

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils._text import to_text
from ansible.module_utils.common._collections_compat import Mapping
from ansible_collections.ansible.netcommon.plugins.module_utils.network.common.config import (
    NetworkConfig,
    dumps,
)
from ansible_collections.ansible.netcommon.plugins.module_utils.network.common.utils import to_list
from ansible_collections.ansible.netcommon.plugins.plugin_utils.cliconf_base import CliconfBase


class Cliconf(CliconfBase):
    def get_device_info(self):
        info = {"network_os": "comware5"}
        out = to_text(self.get("display version"), errors="surrogate_or_strict")
        # "3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616"
        # "Comware Software, Version 5.20, Release 2208"
        m = re.search(r"Version\s+(?:\S+ OS V)?(\d+\.\d+),?\s+Release\s+(\S+)", out)
        if m:
            info["network_os_version"] = "%s Release %s" % (m.group(1), m.group(2))
        m = re.search(r"^(.+?) Software Version", out, re.M) or re.search(r"^(?:H3C|HP|3Com) (\S+(?: \S+)?) uptime is", out, re.M)
        if m:
            info["network_os_model"] = m.group(1).strip()
        prompt = to_text(self._connection.get_prompt() or b"", errors="surrogate_or_strict").strip()
        m = re.match(r"^[<\[]([^>\]-]+)", prompt)
        if m:
            info["network_os_hostname"] = m.group(1)
        return info

    def get_config(self, source="running", flags=None, format=None):
        if source not in ("running", "startup"):
            raise ValueError("fetching configuration from %s is not supported" % source)
        if format not in (None, "text"):
            raise ValueError("'format' value %s is not supported for get_config" % format)
        cmd = "display current-configuration" if source == "running" else "display saved-configuration"
        cmd = " ".join([cmd] + to_list(flags or []))
        return self.send_command(cmd)

    def edit_config(self, candidate=None, commit=True, replace=None, comment=None):
        if replace:
            raise ValueError("'replace' is not supported on Comware V5")
        if comment:
            raise ValueError("'comment' is not supported on Comware V5")
        requests, responses = [], []
        if not commit:
            return {"request": requests, "response": responses}
        lines = []
        for item in to_list(candidate):
            if isinstance(item, Mapping):
                text = item["command"]
            else:
                text = item
            for line in to_text(text).splitlines() if not isinstance(item, Mapping) else [text]:
                stripped = line.strip()
                if not stripped or stripped == "#" or stripped in ("system-view", "return"):
                    continue
                indent = len(line) - len(line.lstrip(" "))
                entry = dict(item) if isinstance(item, Mapping) else {}
                entry["command"] = stripped
                lines.append((indent, entry))
        self.send_command("system-view")
        try:
            views = []  # indentation of the lines whose views are open
            for i, (indent, entry) in enumerate(lines):
                while views and views[-1] >= indent:
                    self.send_command("quit")
                    views.pop()
                responses.append(
                    self.send_command(
                        entry["command"],
                        prompt=entry.get("prompt"),
                        answer=entry.get("answer"),
                        newline=entry.get("newline", True),
                    )
                )
                requests.append(entry["command"])
                if i + 1 < len(lines) and lines[i + 1][0] > indent:
                    views.append(indent)
        finally:
            self.send_command("return")
        return {"request": requests, "response": responses}

    def get_diff(
        self,
        candidate=None,
        running=None,
        diff_match="line",
        diff_ignore_lines=None,
        path=None,
        diff_replace="line",
    ):
        if candidate is None:
            raise ValueError("candidate configuration is required to generate diff")
        options = self.get_option_values()
        if diff_match not in options["diff_match"]:
            raise ValueError("'match' value %s is invalid, valid values are %s" % (diff_match, ", ".join(options["diff_match"])))
        if diff_replace not in options["diff_replace"]:
            raise ValueError("'replace' value %s is invalid, valid values are %s" % (diff_replace, ", ".join(options["diff_replace"])))
        want = NetworkConfig(indent=1)
        want.load(candidate)
        if running and diff_match != "none":
            have = NetworkConfig(indent=1, contents=running, ignore_lines=diff_ignore_lines)
            objs = want.difference(have, path=path, match=diff_match, replace=diff_replace)
        else:
            objs = want.items
        # raw keeps the indentation edit_config needs to enter sub-views.
        return {"config_diff": dumps(objs, "raw") if objs else "", "banner_diff": {}}

    def get(self, command=None, prompt=None, answer=None, sendonly=False, newline=True, output=None, check_all=False):
        if not command:
            raise ValueError("must provide value of command to execute")
        if output:
            raise ValueError("'output' value %s is not supported for get" % output)
        return self.send_command(command=command, prompt=prompt, answer=answer, sendonly=sendonly, newline=newline, check_all=check_all)

    def run_commands(self, commands=None, check_rc=True):
        if commands is None:
            raise ValueError("'commands' value is required")
        responses = []
        for cmd in to_list(commands):
            if not isinstance(cmd, Mapping):
                cmd = {"command": cmd}
            if cmd.pop("output", None):
                raise ValueError("'output' is not supported for run_commands")
            try:
                out = self.send_command(**cmd)
            except AnsibleConnectionFailure as e:
                if check_rc:
                    raise
                out = getattr(e, "err", to_text(e))
            responses.append(out)
        return responses

    def save_config(self):
        """Saves the running configuration (save force: no question)."""
        return self.send_command("save force")

    def get_device_operations(self):
        return {
            "supports_diff_replace": True,
            "supports_commit": False,
            "supports_rollback": False,
            "supports_defaults": False,
            "supports_onbox_diff": False,
            "supports_commit_comment": False,
            "supports_multiline_delimiter": False,
            "supports_diff_match": True,
            "supports_diff_ignore_lines": True,
            "supports_generate_diff": True,
            "supports_replace": False,
        }

    def get_option_values(self):
        return {
            "format": ["text"],
            "diff_match": ["line", "strict", "exact", "none"],
            "diff_replace": ["line", "block"],
            "output": [],
        }

    def get_capabilities(self):
        result = super(Cliconf, self).get_capabilities()
        result["rpc"] += ["get_diff", "run_commands", "save_config"]
        result["device_operations"] = self.get_device_operations()
        result.update(self.get_option_values())
        return json.dumps(result)

    def set_cli_prompt_context(self):
        """Back to user view if a previous task left the session in a
        system view (a prompt ending in ']')."""
        if self._connection.connected:
            out = self._connection.get_prompt()
            if out is None:
                raise AnsibleConnectionFailure(
                    message="cli prompt is not identified from the last received response window: %s" % self._connection._last_recv_window
                )
            if to_text(out, errors="surrogate_then_replace").strip().endswith("]"):
                self._connection.queue_message("vvvv", "in a system view, sending return")
                self._connection.exec_command("return")
