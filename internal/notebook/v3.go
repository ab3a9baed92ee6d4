package notebook

import (
	"encoding/json"
	"strings"
)

// nbformat 3, which IPython wrote until 2015, holds its cells in
// worksheets (one in practice), a code cell's source as input and its
// count as prompt_number, heading cells with their level, and outputs
// whose data sit beside the output type under short names (png, text,
// html), of the types pyout and pyerr for execute_result and error. Each
// cell is rewritten as nbformat 4 has it before it is read, as
// jupyter nbconvert --to notebook would; its lines are the file's own,
// since a cell's place and its source's lines are read in the original.

// v3Data are nbformat 3's names of an output's MIME types.
var v3Data = map[string]string{
	"text":       "text/plain",
	"html":       "text/html",
	"markdown":   "text/markdown",
	"latex":      "text/latex",
	"png":        "image/png",
	"jpeg":       "image/jpeg",
	"svg":        "image/svg+xml",
	"pdf":        "application/pdf",
	"javascript": "application/javascript",
	"json":       "application/json",
}

// joinV3 is a text of nbformat 3, a string or a list of lines: lines
// saved with their line ends are joined as they are, lines saved
// without (some writers split them so) with a line end between them,
// as nbformat's own reader joins them. A value of neither kind is given
// back as it is, for the reader to report.
func joinV3(raw json.RawMessage) json.RawMessage {
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		return raw
	}
	sep := "\n"
	if len(list) > 0 && strings.HasSuffix(list[0], "\n") || len(list) > 0 && strings.HasSuffix(list[0], "\r") {
		sep = ""
	}
	b, _ := json.Marshal(strings.Join(list, sep))
	return b
}

// cellV3 is a cell of nbformat 3 as nbformat 4 has it, and the language
// of a code cell ("" for others); a cell that is not a JSON object is
// given back as it is, for the reader to report.
func cellV3(rc json.RawMessage) (json.RawMessage, string) {
	var m map[string]json.RawMessage
	if json.Unmarshal(rc, &m) != nil || m == nil {
		return rc, ""
	}
	var meta map[string]json.RawMessage
	if json.Unmarshal(m["metadata"], &meta) != nil {
		delete(m, "metadata") // IPython wrote [] for none
	}
	var typ, lang string
	json.Unmarshal(m["cell_type"], &typ)
	json.Unmarshal(m["language"], &lang)
	delete(m, "language")
	switch typ {
	case "heading":
		// a heading cell is a Markdown cell of one heading
		level := 1
		json.Unmarshal(m["level"], &level)
		level = min(max(level, 1), 6)
		var text string
		json.Unmarshal(joinV3(m["source"]), &text)
		text = strings.Join(strings.Fields(text), " ")
		m["source"], _ = json.Marshal(strings.Repeat("#", level) + " " + text)
		m["cell_type"], _ = json.Marshal("markdown")
		delete(m, "level")
	case "code":
		if in, ok := m["input"]; ok {
			m["source"] = joinV3(in)
			delete(m, "input")
		}
		if n, ok := m["prompt_number"]; ok {
			m["execution_count"] = n
			delete(m, "prompt_number")
		}
		var outs []json.RawMessage
		if json.Unmarshal(m["outputs"], &outs) == nil {
			for k, o := range outs {
				outs[k] = outputV3(o)
			}
			m["outputs"], _ = json.Marshal(outs)
		}
	default:
		if s, ok := m["source"]; ok {
			m["source"] = joinV3(s)
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return rc, lang
	}
	return b, lang
}

// outputV3 is an output of nbformat 3 as nbformat 4 has it.
func outputV3(ro json.RawMessage) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(ro, &m) != nil || m == nil {
		return ro
	}
	var typ string
	json.Unmarshal(m["output_type"], &typ)
	switch typ {
	case "stream":
		if s, ok := m["stream"]; ok {
			m["name"] = s
			delete(m, "stream")
		}
		if t, ok := m["text"]; ok {
			m["text"] = joinV3(t)
		}
	case "pyerr":
		m["output_type"], _ = json.Marshal("error")
	case "pyout", "display_data":
		if typ == "pyout" {
			m["output_type"], _ = json.Marshal("execute_result")
			if n, ok := m["prompt_number"]; ok {
				m["execution_count"] = n
				delete(m, "prompt_number")
			}
		}
		data := map[string]json.RawMessage{}
		for short, mt := range v3Data {
			if v, ok := m[short]; ok {
				data[mt] = joinV3(v)
				delete(m, short)
			}
		}
		m["data"], _ = json.Marshal(data)
	}
	var meta map[string]json.RawMessage
	if json.Unmarshal(m["metadata"], &meta) != nil {
		delete(m, "metadata")
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ro
	}
	return b
}
