package cli

// confFeatures lists the configuration-only commands of the Comware V5
// command set, feature by feature, in the order the device prints them
// (reference §5.8 and the real configurations in
// testdata/realconfigs/): lines and sections of one anchor print in this
// order. Each feature lives in a cmd_<feature>.go file.
var confFeatures = []confFeature{
	confEarly,
	confIRF,
	confSystemMisc,
	confAAA,
	confQoS,
	confDHCP,
	confUserGroup,
	confL2,
	confRouting,
	confMgmt,
	confDHCPTail,
	confMgmtTail,
	confPort,
	confUI,
}
