package cms

import "time"

// parseUTCTime parses the DER form of UTCTime: YYMMDDHHMMSSZ, years 50-99
// meaning 19xx (RFC 5280 4.1.2.5.1).
func parseUTCTime(b []byte) (time.Time, bool) {
	if len(b) != 13 || b[12] != 'Z' {
		return time.Time{}, false
	}
	var f [6]int
	for i := range f {
		v, ok := twoDigits(b[2*i:])
		if !ok {
			return time.Time{}, false
		}
		f[i] = v
	}
	year := 2000 + f[0]
	if f[0] >= 50 {
		year = 1900 + f[0]
	}
	return civil(year, f[1], f[2], f[3], f[4], f[5], 0)
}

// parseGeneralizedTime parses the DER form of GeneralizedTime:
// YYYYMMDDHHMMSS[.f]Z where the fraction has 1 to 9 digits and no trailing
// zero (X.690 11.7, RFC 3161 2.4.2).
func parseGeneralizedTime(b []byte) (time.Time, bool) {
	if len(b) < 15 || b[len(b)-1] != 'Z' {
		return time.Time{}, false
	}
	var f [7]int
	for i := range f {
		v, ok := twoDigits(b[2*i:])
		if !ok {
			return time.Time{}, false
		}
		f[i] = v
	}
	nsec := 0
	if frac := b[14 : len(b)-1]; len(frac) > 0 {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 || frac[len(frac)-1] == '0' {
			return time.Time{}, false
		}
		scale := 100000000
		for _, c := range frac[1:] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			nsec += int(c-'0') * scale
			scale /= 10
		}
	}
	return civil(f[0]*100+f[1], f[2], f[3], f[4], f[5], f[6], nsec)
}

func twoDigits(b []byte) (int, bool) {
	if len(b) < 2 || b[0] < '0' || b[0] > '9' || b[1] < '0' || b[1] > '9' {
		return 0, false
	}
	return int(b[0]-'0')*10 + int(b[1]-'0'), true
}

// civil builds a UTC time, rejecting fields that time.Date would normalise
// (February 30th, hour 24, leap seconds).
func civil(year, month, day, hour, minute, sec, nsec int) (time.Time, bool) {
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	y, m, d := t.Date()
	ok := y == year && int(m) == month && d == day &&
		t.Hour() == hour && t.Minute() == minute && t.Second() == sec
	return t, ok
}
