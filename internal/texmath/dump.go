package texmath

import (
	"fmt"
	"strings"
)

// Dump writes the tree one node a line, indented by depth, for tests and
// debugging.
func Dump(n *Node) string {
	var sb strings.Builder
	dump(&sb, n, 0)
	return sb.String()
}

func dump(sb *strings.Builder, n *Node, depth int) {
	sb.WriteString(strings.Repeat("  ", depth))
	if n == nil {
		sb.WriteString("-\n")
		return
	}
	kinds := [...]string{"row", "ident", "number", "op", "text", "space", "frac", "sqrt", "scripts", "accent", "fenced", "styled", "over", "table"}
	sb.WriteString(kinds[n.Kind])
	if n.Text != "" {
		fmt.Fprintf(sb, " %q", n.Text)
	}
	if n.Kind == Op || n.Kind == Over {
		fmt.Fprintf(sb, " %s", n.Class)
	}
	if n.Variant != VariantDefault {
		fmt.Fprintf(sb, " %s", n.Variant)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{n.Large, "large"}, {n.Limits, "limits"}, {n.Under, "under"}, {n.NoRule, "norule"}, {n.Wide, "wide"}, {n.Middle, "middle"}, {n.Phantom, "phantom"}} {
		if f.on {
			sb.WriteString(" " + f.name)
		}
	}
	if n.Style != StyleAuto {
		fmt.Fprintf(sb, " style=%d", n.Style)
	}
	if n.Size != 0 {
		fmt.Fprintf(sb, " size=%g", n.Size)
	}
	if n.Kind == Space {
		fmt.Fprintf(sb, " %.3gem", n.Width)
	}
	if n.Tag != "" {
		fmt.Fprintf(sb, " tag=%q", n.Tag)
	}
	if n.Ref != "" {
		fmt.Fprintf(sb, " ref=%q", n.Ref)
	}
	if n.Label != "" {
		fmt.Fprintf(sb, " label=%q", n.Label)
	}
	if n.VRules != "" || n.HRules != "" {
		fmt.Fprintf(sb, " vrules=%q hrules=%q", n.VRules, n.HRules)
	}
	if n.Kind == Fenced {
		fmt.Fprintf(sb, " %q %q", n.Open, n.Close)
	}
	sb.WriteByte('\n')
	for _, c := range n.Children {
		dump(sb, c, depth+1)
	}
}
