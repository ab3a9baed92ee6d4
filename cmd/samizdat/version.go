package main

import (
	"runtime/debug"
	"strings"
)

// buildVersion says which samizdat this is, from what the Go toolchain
// recorded in the binary: the module's version (a release tag, or a
// pseudo-version naming the commit, with "+dirty" when the tree had
// changes), else the commit it was built from; "" when the binary records
// neither (built with -buildvcs=false outside a release), so that the
// book's colophon and generator say "samizdat" rather than a version of
// "unknown".
func buildVersion(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return ""
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, when string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return ""
	}
	v := "devel " + revision[:min(12, len(revision))]
	if modified {
		v += "+dirty"
	}
	if when != "" {
		v += " (" + strings.TrimSuffix(when, "Z") + "Z)"
	}
	return v
}
