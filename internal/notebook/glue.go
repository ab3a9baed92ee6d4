package notebook

import (
	"encoding/json"
	"strings"
)

// scrapbook is the metadata MyST-NB's glue("key", value) gives the
// output it writes (the format papermill's scrapbook began): the key,
// and the prefix put before each MIME type when the value is glued
// without being shown (display=False).
type scrapbook struct {
	Name       string `json:"name"`
	MimePrefix string `json:"mime_prefix"`
}

type outputMeta struct {
	Scrapbook *scrapbook `json:"scrapbook"`
}

// Glued is a value a notebook glued: its data by MIME type, text as
// text and pictures other than SVG as base64, and the cell that glued
// it (1-based).
type Glued struct {
	Data map[string]string
	Cell int
}

// Glue reads the values a notebook's code cells glued, by key; a key
// glued twice keeps its last value, as MyST-NB does. A notebook that
// cannot be read glues nothing (Convert reports why).
func Glue(src []byte) map[string]Glued {
	var nb struct {
		Cells []struct {
			Type    string            `json:"cell_type"`
			Outputs []json.RawMessage `json:"outputs"`
		} `json:"cells"`
	}
	if json.Unmarshal(src, &nb) != nil {
		return nil
	}
	out := map[string]Glued{}
	for i, cl := range nb.Cells {
		if cl.Type != "code" {
			continue
		}
		for _, ro := range cl.Outputs {
			var o output
			if json.Unmarshal(ro, &o) != nil {
				continue
			}
			if key, data, ok := glued(o); ok {
				out[key] = Glued{Data: data, Cell: i + 1}
			}
		}
	}
	return out
}

// glued is an output's glued value, its MIME types without the prefix
// hiding it; false when the output glues nothing.
func glued(o output) (string, map[string]string, bool) {
	sb := o.Metadata.Scrapbook
	if sb == nil || sb.Name == "" || o.Type != "display_data" && o.Type != "execute_result" {
		return "", nil, false
	}
	data := map[string]string{}
	for mt, raw := range o.Data {
		var d multiline
		if json.Unmarshal(raw, &d) != nil {
			continue
		}
		data[strings.TrimPrefix(mt, sb.MimePrefix)] = string(d)
	}
	return sb.Name, data, true
}

// hiddenGlue reports whether an output is a value glued without being
// shown: it prints nothing where it was glued.
func hiddenGlue(o output) bool {
	return o.Metadata.Scrapbook != nil && o.Metadata.Scrapbook.MimePrefix != ""
}
