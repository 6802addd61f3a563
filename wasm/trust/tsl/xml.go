package tsl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is an element of a parsed document, kept with its original
// prefixes and namespace declarations so that it can be canonicalised.
type node struct {
	prefix, local string
	attrs         []attr   // ordinary attributes
	ns            []nsDecl // namespace declarations made here
	children      []item
	parent        *node
}

type attr struct{ prefix, local, value string }

type nsDecl struct{ prefix, uri string }

// item is a child: an element, text or a processing instruction.
type item struct {
	elem *node
	text string
	pi   *xml.ProcInst
}

// document is a parsed XML document: the root element and the processing
// instructions around it.
type document struct {
	root       *node
	before     []xml.ProcInst
	after      []xml.ProcInst
	elements   int
	idElements map[string]*node
}

var errNotXML = errors.New("not well-formed XML")

// parseXML reads a document strictly: no DTD, balanced tags, every prefix
// declared, within the size limits.
func parseXML(data []byte) (*document, error) {
	if len(data) > MaxListSize {
		return nil, fmt.Errorf("the list is larger than %d bytes", MaxListSize)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	doc := &document{idElements: map[string]*node{}}
	var cur *node
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotXML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if cur == nil && doc.root != nil {
				return nil, fmt.Errorf("%w: more than one root element", errNotXML)
			}
			if depth++; depth > maxDepth {
				return nil, fmt.Errorf("the list nests elements deeper than %d", maxDepth)
			}
			if doc.elements++; doc.elements > MaxElements {
				return nil, fmt.Errorf("the list has more than %d elements", MaxElements)
			}
			n := &node{prefix: t.Name.Space, local: t.Name.Local, parent: cur}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					n.ns = append(n.ns, nsDecl{a.Name.Local, a.Value})
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					n.ns = append(n.ns, nsDecl{"", a.Value})
				default:
					n.attrs = append(n.attrs, attr{a.Name.Space, a.Name.Local, a.Value})
					if a.Name.Local == "Id" && a.Name.Space == "" {
						if doc.idElements[a.Value] != nil {
							return nil, fmt.Errorf("%w: Id %q appears twice", errNotXML, a.Value)
						}
						doc.idElements[a.Value] = n
					}
				}
			}
			if cur == nil {
				doc.root = n
			} else {
				cur.children = append(cur.children, item{elem: n})
			}
			cur = n
		case xml.EndElement:
			if cur == nil || t.Name.Space != cur.prefix || t.Name.Local != cur.local {
				return nil, fmt.Errorf("%w: unbalanced </%s>", errNotXML, t.Name.Local)
			}
			depth--
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				cur.children = append(cur.children, item{text: string(t)})
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("%w: text outside the root element", errNotXML)
			}
		case xml.ProcInst:
			if t.Target == "xml" {
				continue // the XML declaration is not part of the content
			}
			pi := t.Copy()
			switch {
			case cur != nil:
				cur.children = append(cur.children, item{pi: &pi})
			case doc.root == nil:
				doc.before = append(doc.before, pi)
			default:
				doc.after = append(doc.after, pi)
			}
		case xml.Directive:
			return nil, fmt.Errorf("%w: DTDs and other directives are refused", errNotXML)
		case xml.Comment:
			// Comments are outside what exclusive C14N without comments signs.
		}
	}
	if doc.root == nil || cur != nil {
		return nil, fmt.Errorf("%w: the document is incomplete", errNotXML)
	}
	if err := doc.root.checkPrefixes(); err != nil {
		return nil, err
	}
	return doc, nil
}

// lookup returns the namespace URI a prefix is bound to at n ("" for an
// unbound default namespace).
func (n *node) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace", true
	}
	for e := n; e != nil; e = e.parent {
		for _, d := range e.ns {
			if d.prefix == prefix {
				return d.uri, true
			}
		}
	}
	return "", prefix == ""
}

func (n *node) checkPrefixes() error {
	if _, ok := n.lookup(n.prefix); !ok {
		return fmt.Errorf("%w: undeclared prefix %q", errNotXML, n.prefix)
	}
	for _, a := range n.attrs {
		if _, ok := n.lookup(a.prefix); a.prefix != "" && !ok {
			return fmt.Errorf("%w: undeclared prefix %q", errNotXML, a.prefix)
		}
	}
	for _, c := range n.children {
		if c.elem != nil {
			if err := c.elem.checkPrefixes(); err != nil {
				return err
			}
		}
	}
	return nil
}

// space returns n's namespace URI.
func (n *node) space() string {
	uri, _ := n.lookup(n.prefix)
	return uri
}

// is reports whether n is the element {ns}local.
func (n *node) is(ns, local string) bool { return n != nil && n.local == local && n.space() == ns }

// child returns the first child element named local, in any namespace: the
// lists mix namespaces for the same element across versions.
func (n *node) child(local string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.elem != nil && c.elem.local == local {
			return c.elem
		}
	}
	return nil
}

// all returns the child elements named local.
func (n *node) all(local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.elem != nil && c.elem.local == local {
			out = append(out, c.elem)
		}
	}
	return out
}

// path follows child elements by local name.
func (n *node) path(locals ...string) *node {
	for _, l := range locals {
		n = n.child(l)
	}
	return n
}

// text returns the element's character data, trimmed.
func (n *node) text() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.text)
	}
	return strings.TrimSpace(b.String())
}

func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.local == local && a.prefix == "" {
			return a.value
		}
	}
	return ""
}
