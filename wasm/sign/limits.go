package sign

// Limits on what input controls. Each has a test in limits_test.go.
const (
	// MaxInputSize is the largest PDF Prepare accepts. Preparing keeps the
	// input and the prepared copy in memory, which a browser tab must hold.
	MaxInputSize = 256 << 20

	// MaxMarks is the most marks one signer may place.
	MaxMarks = 100

	// EntriesPerPage is how many signature entries a signatures page holds.
	EntriesPerPage = 6

	// MaxSignaturePages is the most signatures pages the first signer may
	// ask for (Options.Signers), and MaxSigners the most signers a
	// document can have: one letter each, A to Z.
	MaxSignaturePages = 4
	MaxSigners        = 26

	// maxNameLength bounds the characters of a certificate's name or
	// identity number that an entry draws.
	maxNameLength = 200
)
