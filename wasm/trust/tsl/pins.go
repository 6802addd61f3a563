package tsl

// LOTLSigners are the SHA-256 fingerprints of the certificates allowed to
// sign the EU list of trusted lists, as the Official Journal announced them
// and the LOTL of 2023-09 (sequence 3xx) lists them in its own pointer.
// The LOTL signs with one of these; a new announcement means a new entry
// here (or `verso trust build --pin`).
var LOTLSigners = []string{
	"D2064FDD70F6982DCC516B86D9D5C56AEA939417C624B2E478C0B29DE54F8474", // Patrick Kremer (Signature), to 2028-05-30
	"F7E8E4E554FB7C7A8F6F360E0CA2F59D466C8F9539A25963F5ED37E905F0C797", // European Commission, to 2024-01-21
	"9127BCBDE1586E02DB9D714988139EA2805F21DC088348A7E4FE6269895138BD", // European Commission, to 2024-01-21
	"2697CD0F55AED0905055894EE0B63D7C31C875554CC6394B5C3541CACB4B1EF1", // Apostolos Apladas, to 2024-05-10
	"64A9CD80292FDB5A6496ECFCF0DFDBE6A441FBCEDFE36F0B214A8F452E77AFA8", // Constantin-Adrian Croitoru, to 2023-09-26
	"C7A2A670C40EB3D952ABAF5A6F84E7DA9EF58C3662DF54774F2C350B5C95D8F3", // Jeroen Arnold L Rathe, to 2023-04-09
}
