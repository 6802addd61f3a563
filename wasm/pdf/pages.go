package pdf

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Catalog returns the document catalog (/Root) of revision rev.
func (f *File) Catalog(rev int) (cat types.Dict, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	return f.catalog(rev)
}

func (f *File) catalog(rev int) (types.Dict, error) {
	// In a linearized revision the first-page trailer normally has /Root;
	// the main one may carry it instead.
	var root types.Object
	for _, s := range f.rd[rev].sections {
		if r, ok := s.trailer["Root"]; ok {
			root = r
			break
		}
	}
	if root == nil {
		return nil, fmt.Errorf("revision %d: trailer has no /Root", rev)
	}
	if _, ok := root.(types.IndirectRef); !ok {
		return nil, fmt.Errorf("revision %d: /Root is not an indirect reference", rev)
	}
	d, err := f.resolveDict(rev, root)
	if err != nil {
		return nil, fmt.Errorf("revision %d: catalog: %w", rev, err)
	}
	if d == nil {
		return nil, fmt.Errorf("revision %d: catalog is not a dictionary", rev)
	}
	return d, nil
}

// Pages returns the leaves of revision rev's page tree, in document
// order. A node seen twice (a cycle, or a shared subtree), a tree deeper
// than MaxPageTreeDepth, or more than MaxPages leaves is an error.
func (f *File) Pages(rev int) (pages []types.IndirectRef, err error) {
	defer recoverError(&err)
	if err := f.checkRev(rev); err != nil {
		return nil, err
	}
	pages, err = f.pages(rev)
	return slices.Clone(pages), err
}

// pages returns the walk of revision rev's page tree, done once. Callers
// get a shared slice and must not change it.
func (f *File) pages(rev int) ([]types.IndirectRef, error) {
	f.mu.Lock()
	t, ok := f.pageTrees[rev]
	f.mu.Unlock()
	if ok {
		return t.pages, t.err
	}
	pages, err := f.pagesUpTo(rev, MaxPages)
	f.mu.Lock()
	if f.pageTrees == nil {
		f.pageTrees = map[int]pageWalk{}
	}
	f.pageTrees[rev] = pageWalk{pages, err}
	f.mu.Unlock()
	return pages, err
}

// pagesUpTo is pages with the page limit as a parameter, for the limit's
// test.
func (f *File) pagesUpTo(rev, maxPages int) ([]types.IndirectRef, error) {
	cat, err := f.catalog(rev)
	if err != nil {
		return nil, err
	}
	root, ok := cat["Pages"].(types.IndirectRef)
	if !ok {
		return nil, errors.New("catalog /Pages is not an indirect reference")
	}
	w := pageWalker{f: f, rev: rev, seen: map[int]bool{}, max: maxPages}
	if err := w.walk(root, 0); err != nil {
		return nil, err
	}
	return w.out, nil
}

type pageWalker struct {
	f    *File
	rev  int
	seen map[int]bool
	max  int
	out  []types.IndirectRef
}

func (w *pageWalker) walk(ref types.IndirectRef, depth int) error {
	if depth > MaxPageTreeDepth {
		return limitErrorf("page tree deeper than MaxPageTreeDepth (%d)", MaxPageTreeDepth)
	}
	num := int(ref.ObjectNumber)
	if w.seen[num] {
		return fmt.Errorf("page tree node %d is reached twice", num)
	}
	w.seen[num] = true
	d, err := w.f.resolveDict(w.rev, ref)
	if err != nil {
		return fmt.Errorf("page tree node %d: %w", num, err)
	}
	if d == nil {
		return fmt.Errorf("page tree node %d is not a dictionary", num)
	}
	t, _ := d["Type"].(types.Name)
	kids, hasKids := d["Kids"]
	if t == "Page" || (t != "Pages" && !hasKids) {
		if len(w.out) >= w.max {
			return limitErrorf("more than MaxPages (%d) pages", MaxPages)
		}
		w.out = append(w.out, ref)
		return nil
	}
	kv, err := w.f.resolve(w.rev, kids)
	if err != nil {
		return fmt.Errorf("page tree node %d: /Kids: %w", num, err)
	}
	arr, ok := kv.(types.Array)
	if !ok {
		return fmt.Errorf("page tree node %d: /Kids is not an array", num)
	}
	for _, k := range arr {
		kr, ok := k.(types.IndirectRef)
		if !ok {
			return fmt.Errorf("page tree node %d: a kid is not an indirect reference", num)
		}
		if err := w.walk(kr, depth+1); err != nil {
			return err
		}
	}
	return nil
}
