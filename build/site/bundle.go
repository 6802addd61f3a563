package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundled is one output file of esbuild, named after its content.
type bundled struct {
	name string // e.g. main-5KJ2X7QA.js
	data []byte
}

// bundle builds one entry point of src with its imports into a single
// minified file. define replaces global identifiers with JSON literals:
// that is how a script learns the hashed name of the file it loads. The
// import "go:wasm_exec" resolves to wasmExec. With stable, the file keeps
// the entry's name (widget.js, sw.js: other sites and the browser ask for
// them by name).
func bundle(src, entry string, define map[string]string, wasmExec string, stable bool) (bundled, error) {
	names := "[name]-[hash]"
	if stable {
		names = "[name]"
	}
	files, _, err := build1(src, entry, define, wasmExec, names, false)
	if err != nil {
		return bundled{}, err
	}
	if len(files) != 1 {
		return bundled{}, fmt.Errorf("bundling %s: %d output files, want 1", entry, len(files))
	}
	return files[0], nil
}

// bundleSplit builds an entry point whose dynamic imports become chunks of
// their own (pdf.js, the translations): the page loads them only when it
// needs them. It returns every file and the entry's index among them.
func bundleSplit(src, entry string, define map[string]string, wasmExec string) ([]bundled, int, error) {
	return build1(src, entry, define, wasmExec, "[name]-[hash]", true)
}

func build1(src, entry string, define map[string]string, wasmExec, names string, splitting bool) ([]bundled, int, error) {
	outdir := filepath.Join(src, "out") // only names matter: Write is false
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{filepath.Join(src, entry)},
		Bundle:            true,
		Splitting:         splitting,
		Metafile:          true,
		Outdir:            outdir,
		EntryNames:        names,
		ChunkNames:        "[name]-[hash]",
		Format:            api.FormatESModule,
		Target:            api.ES2022,
		Platform:          api.PlatformBrowser,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsEndOfFile,
		Define:            define,
		Plugins:           []api.Plugin{wasmExecPlugin(wasmExec)},
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			where := ""
			if m.Location != nil {
				where = fmt.Sprintf("%s:%d: ", m.Location.File, m.Location.Line)
			}
			msgs = append(msgs, where+m.Text)
		}
		return nil, 0, fmt.Errorf("bundling %s: %s", entry, strings.Join(msgs, "; "))
	}
	var meta struct {
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return nil, 0, fmt.Errorf("bundling %s: metafile: %w", entry, err)
	}
	// The metafile names paths relative to the working directory; chunks
	// that are dynamically imported count as entry points too.
	want, err := filepath.Abs(filepath.Join(src, entry))
	if err != nil {
		return nil, 0, err
	}
	files := make([]bundled, 0, len(res.OutputFiles))
	main := -1
	for _, f := range res.OutputFiles {
		name := filepath.Base(f.Path)
		for out, o := range meta.Outputs {
			if ep, err := filepath.Abs(o.EntryPoint); err == nil && o.EntryPoint != "" && ep == want && filepath.Base(out) == name {
				main = len(files)
			}
		}
		files = append(files, bundled{name: name, data: f.Contents})
	}
	if main < 0 {
		return nil, 0, fmt.Errorf("bundling %s: no output for the entry point", entry)
	}
	return files, main, nil
}

// wasmExecPlugin resolves `import "go:wasm_exec"` to the toolchain's
// wasm_exec.js, which must match the Go version that built the wasm; it is
// read at build time and never copied into the sources.
func wasmExecPlugin(path string) api.Plugin {
	return api.Plugin{
		Name: "go-wasm-exec",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^go:wasm_exec$`},
				func(api.OnResolveArgs) (api.OnResolveResult, error) {
					return api.OnResolveResult{Path: path}, nil
				})
		},
	}
}
