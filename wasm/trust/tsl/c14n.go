package tsl

import (
	"encoding/xml"
	"slices"
	"strings"
)

// Canonicalisation methods (W3C), without comments.
const (
	algExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
	algC14N10  = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	algC14N11  = "http://www.w3.org/2006/12/xml-c14n11"
)

// canonicalizer writes a subtree in canonical form: exclusive C14N 1.0
// (namespaces declared where visibly used) or inclusive C14N 1.0 (every
// namespace in scope). skip is an element left out with its subtree (the
// enveloped signature).
type canonicalizer struct {
	exclusive bool
	skip      *node
	b         strings.Builder
}

// canonical returns the canonical form of the subtree at n.
func canonical(n *node, exclusive bool, skip *node) []byte {
	c := &canonicalizer{exclusive: exclusive, skip: skip}
	rendered := map[string]string{}
	if !exclusive {
		// Inclusive C14N of a subtree renders the namespaces inherited from
		// outside it at its apex.
		c.element(n, rendered, inScope(n.parent))
	} else {
		c.element(n, rendered, nil)
	}
	return []byte(c.b.String())
}

// canonicalDocument returns the canonical form of the whole document.
func canonicalDocument(d *document, exclusive bool, skip *node) []byte {
	c := &canonicalizer{exclusive: exclusive, skip: skip}
	for _, pi := range d.before {
		c.pi(pi)
		c.b.WriteByte('\n')
	}
	c.element(d.root, map[string]string{}, nil)
	for _, pi := range d.after {
		c.b.WriteByte('\n')
		c.pi(pi)
	}
	return []byte(c.b.String())
}

// inScope returns the namespace bindings in force at n, nearest first.
func inScope(n *node) map[string]string {
	out := map[string]string{}
	for e := n; e != nil; e = e.parent {
		for _, d := range e.ns {
			if _, ok := out[d.prefix]; !ok {
				out[d.prefix] = d.uri
			}
		}
	}
	return out
}

// element writes n. rendered holds the namespace bindings already output
// by ancestors in the canonical form; inherited are the extra bindings an
// inclusive apex must render.
func (c *canonicalizer) element(n *node, rendered map[string]string, inherited map[string]string) {
	if n == c.skip {
		return
	}
	decls := c.namespaces(n, rendered, inherited)
	mine := rendered
	if len(decls) > 0 {
		mine = make(map[string]string, len(rendered)+len(decls))
		for k, v := range rendered {
			mine[k] = v
		}
		for _, d := range decls {
			mine[d.prefix] = d.uri
		}
	}
	qname := n.local
	if n.prefix != "" {
		qname = n.prefix + ":" + n.local
	}
	c.b.WriteString("<" + qname)
	for _, d := range decls {
		if d.prefix == "" {
			c.b.WriteString(` xmlns="`)
		} else {
			c.b.WriteString(" xmlns:" + d.prefix + `="`)
		}
		c.b.WriteString(escapeAttr(d.uri) + `"`)
	}
	attrs := slices.Clone(n.attrs)
	slices.SortFunc(attrs, func(a, b attr) int {
		ua, _ := n.lookup(a.prefix)
		ub, _ := n.lookup(b.prefix)
		if a.prefix == "" {
			ua = ""
		}
		if b.prefix == "" {
			ub = ""
		}
		if ua != ub {
			return strings.Compare(ua, ub)
		}
		return strings.Compare(a.local, b.local)
	})
	for _, a := range attrs {
		name := a.local
		if a.prefix != "" {
			name = a.prefix + ":" + a.local
		}
		c.b.WriteString(" " + name + `="` + escapeAttr(a.value) + `"`)
	}
	c.b.WriteString(">")
	for _, ch := range n.children {
		switch {
		case ch.elem != nil:
			c.element(ch.elem, mine, nil)
		case ch.pi != nil:
			c.pi(*ch.pi)
		default:
			c.b.WriteString(escapeText(ch.text))
		}
	}
	c.b.WriteString("</" + qname + ">")
}

// namespaces returns the declarations to write on n, sorted by prefix.
func (c *canonicalizer) namespaces(n *node, rendered, inherited map[string]string) []nsDecl {
	want := map[string]string{}
	if c.exclusive {
		// Visibly utilised: the element's prefix and its attributes'.
		uri, _ := n.lookup(n.prefix)
		want[n.prefix] = uri
		for _, a := range n.attrs {
			if a.prefix != "" && a.prefix != "xml" {
				want[a.prefix], _ = n.lookup(a.prefix)
			}
		}
	} else {
		for k, v := range inherited {
			want[k] = v
		}
		for _, d := range n.ns {
			want[d.prefix] = d.uri
		}
	}
	var out []nsDecl
	for p, uri := range want {
		prev, had := rendered[p]
		if p == "" && uri == "" && (!had || prev == "") {
			continue // no default namespace, none to undo
		}
		if had && prev == uri {
			continue
		}
		if p != "" && uri == "" {
			continue // prefixes cannot be undeclared in XML 1.0
		}
		out = append(out, nsDecl{p, uri})
	}
	slices.SortFunc(out, func(a, b nsDecl) int { return strings.Compare(a.prefix, b.prefix) })
	return out
}

func (c *canonicalizer) pi(pi xml.ProcInst) {
	c.b.WriteString("<?" + pi.Target)
	if len(pi.Inst) > 0 {
		c.b.WriteString(" " + string(pi.Inst))
	}
	c.b.WriteString("?>")
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeAttr(s string) string { return attrEscaper.Replace(s) }
