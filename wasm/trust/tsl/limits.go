package tsl

// Limits on what a list controls. Each has a test in limits_test.go.
const (
	// MaxListSize is the largest list read, in bytes. National lists are
	// up to a few megabytes (Germany, Italy).
	MaxListSize = 32 << 20
	// MaxElements is the most XML elements a list may hold.
	MaxElements = 1_000_000
	// maxDepth is the deepest element nesting accepted; ETSI TS 119 612
	// lists nest about 15 deep.
	maxDepth = 64
	// MaxServices is the most trust services read from one list.
	MaxServices = 5000
	// MaxPointers is the most national-list pointers read from the LOTL.
	MaxPointers = 100
	// MaxReferences is the most ds:Reference elements of a signature.
	MaxReferences = 8
)
