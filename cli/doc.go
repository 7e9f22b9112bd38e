// Package cli is the Comware V5 command line: views and prompts, the
// command grammar declared as data, the matcher with its typed parse
// errors, '?' help, Tab completion, history, the More pager, output
// filters, privilege levels, dialogs, and the rendering and replay of
// configuration text. It runs on any io.ReadWriter plus a window size, so
// tests drive it without SSH; it never sees SSH.
//
// # Where things are
//
// The command-line engine knows no Comware command; its files start with
// engine_:
//
//	engine_shell.go      Shell: one device's command line, Run, Start and Exec
//	engine_serve.go      an interactive session's goroutine, kept shallow
//	engine_session.go    Session: view stack, levels, running a line
//	engine_view.go       the views, and which command groups each offers
//	engine_grammar.go    Command syntax, the grammar tree (MustBuild)
//	engine_match.go      tokenizer, matcher, typed parse errors
//	engine_help.go       '?' help and Tab completion
//	engine_editor.go     the line editor and history keys
//	engine_term.go       terminal output, caret errors
//	engine_pager.go      the More pager
//	engine_filter.go     | begin, | include, | exclude
//	engine_replay.go     Replay and Boot: configuration text in
//	engine_confonly.go   configuration-only commands: declarations as data,
//	                     stored in device.Config.Extra, rendered, undone
//	engine_hooks.go      for a fleet's control API: the command hook,
//	                     RunCommands, CurrentConfig
//	engine_faults.go     the fault hook a fleet injects faults with (latency,
//	                     hung commands, cut sessions, slow login)
//
// The Comware V5 command set is grouped by feature, in files that start
// with cmd_. To find a command from its first word:
//
//	acl number, acl name, rule, step,
//	  display acl, reset acl counter      cmd_acl.go (rules' criteria:
//	                                      cmd_acl_rule.go)
//	acl N inbound (user-interface)        cmd_ui_acl.go
//	packet-filter                         cmd_packet_filter.go
//	arp static, ip route-static,
//	  mac-address static, ip address      cmd_l3.go
//	clock                                 cmd_clock.go; clock summer-time
//	                                      in cmd_summer.go
//	delete, dir, more, reset, startup,
//	  undelete, reset recycle-bin         cmd_file.go (paths: file_path.go)
//	cd, pwd, mkdir, rmdir                 cmd_file_dirs.go
//	copy, move, rename                    cmd_file_copy.go
//	boot-loader                           cmd_display_hw.go
//	free user-interface                   cmd_free.go
//	description, shutdown, port, speed,
//	  duplex, jumboframe, flow-control,
//	  broadcast-suppression, interface    cmd_interface.go (modelled),
//	                                      cmd_port.go (lines only)
//	dhcp, dhcp-snooping                   cmd_dhcp.go
//	display ...                           cmd_display*.go: display
//	                                      current-configuration and this in
//	                                      cmd_display_config.go; display
//	                                      version, device and manuinfo in
//	                                      display_version.go; display ip
//	                                      routing-table IP, protocol and
//	                                      verbose in cmd_display_routing.go;
//	                                      transceiver, power, fan,
//	                                      environment and boot-loader in
//	                                      cmd_display_hw.go
//	domain, radius scheme, hwtacacs,
//	  user-group                          cmd_aaa.go
//	info-center                           cmd_infocenter.go (modelled),
//	                                      cmd_mgmt.go (lines only)
//	irf, irf-port                         cmd_irf.go
//	link-aggregation mode, port
//	  link-aggregation group, display
//	  link-aggregation                    cmd_lagg.go
//	local-user, password, service-type    cmd_luser.go
//	ospf, rip, pim, vrrp                  cmd_routing.go
//	ping, tracert                         cmd_ping.go (every probe goes
//	                                      through device.Reach)
//	public-key, ssh                       cmd_ssh.go
//	quit, return, save, super, system-view,
//	  screen-length, terminal             cmd_user.go, cmd_save.go
//	reboot                                cmd_reboot.go
//	snmp-agent, display snmp-agent        cmd_snmp.go
//	header (banners, shown at login)      cmd_header.go
//	ntp-service unicast-server,
//	  display ntp-service                 cmd_ntp.go
//	ntp-service (other lines), sflow, nqa,
//	  ftp, portal, command-alias, rmon    cmd_mgmt.go (lines only)
//	stp (enable, mode, priority, root,
//	  region-configuration and its view;
//	  port stp enable/disable, edged-port,
//	  cost, port priority)                cmd_stp.go (modelled; display
//	                                      stp in cmd_display_stp.go)
//	stp (other), igmp-snooping,
//	  mirroring-group, port-security,
//	  dot1x, vlan-group                   cmd_l2.go, cmd_port.go (lines only)
//	sysname, vlan, interface, user-interface,
//	  super password                      cmd_system.go
//	traffic, qos                          cmd_qos.go
//	user-interface view commands          cmd_ui.go (modelled),
//	                                      cmd_ui_conf.go (lines only)
//	vlan view commands                    cmd_vlan.go
//	voice vlan, domain default,
//	  password-recovery, lldp, dns,
//	  web, ip http                        cmd_system_conf.go, cmd_early.go
//
// cmd_conf_features.go lists the configuration-only features in the order
// the device prints them. The configuration's layout (which block after
// which, the "#" lines) is cmd_config_render.go and
// cmd_config_render_model.go; the dialect's fixed strings are
// cmd_dialect.go; terminal monitor is cmd_monitor.go.
//
// A new command goes in its feature's file: a modelled one as a Command
// with a handler and help texts (the group added to engine_view.go's
// grammar), a command whose effect is only its line as a confCmd in the
// feature's confFeature (see engine_confonly.go), with the source of its
// syntax in a comment.
package cli
