package main

import (
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
// import "go:wasm_exec" resolves to wasmExec.
func bundle(src, entry string, define map[string]string, wasmExec string) (bundled, error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{filepath.Join(src, entry)},
		Bundle:            true,
		Outdir:            filepath.Join(src, "out"), // only names matter: Write is false
		EntryNames:        "[name]-[hash]",
		Format:            api.FormatESModule,
		Target:            api.ES2022,
		Platform:          api.PlatformBrowser,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
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
		return bundled{}, fmt.Errorf("bundling %s: %s", entry, strings.Join(msgs, "; "))
	}
	if len(res.OutputFiles) != 1 {
		return bundled{}, fmt.Errorf("bundling %s: %d output files, want 1", entry, len(res.OutputFiles))
	}
	f := res.OutputFiles[0]
	return bundled{name: filepath.Base(f.Path), data: f.Contents}, nil
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
