package cli

// confFeatures lists the configuration-only commands of the Comware V5
// command set, feature by feature, in the order the device prints them.
var confFeatures = []confFeature{}
