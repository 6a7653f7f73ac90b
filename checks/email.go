package checks

import (
	"regexp"
	"strings"
)

// Email finds email addresses.
type Email struct{}

var _ Check = (*Email)(nil)

// ID implements Check.
func (*Email) ID() string { return KindEmail }

// Description implements Check.
func (*Email) Description() string { return "An email address" }

var emailRE = regexp.MustCompile(`(?i)[a-z0-9._%+\-']+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)

// Find implements Check.
func (c *Email) Find(doc Document) []Finding { return c.find(doc.Source, lines(doc)) }

func (c *Email) find(src Source, lts []lineText) []Finding {
	var out []Finding
	for _, lt := range lts {
		if !lt.mentions("@") {
			continue
		}
		for _, m := range emailRE.FindAllStringIndex(lt.s, -1) {
			if src == SourceText && orgMailbox(lt.s[m[0]:m[1]]) {
				out = append(out, lt.finding(c.ID(), reasonMailbox, orgConf, m[0], m[1]))
				continue
			}
			out = append(out, lt.finding(c.ID(), "Looks like an email address", 0.9, m[0], m[1]))
		}
	}
	for _, lt := range lts {
		// "john at gmail.com", "jo.smith(at)nhs.net", "amy [at] hotmail dot co dot uk"
		if !lt.mentions(" at ", "(at)", "[at]", "{at}") {
			continue
		}
		for _, m := range spokenEmailRE.FindAllStringSubmatchIndex(lt.lower, -1) {
			bracket := strings.ContainsAny(lt.lower[m[2]:m[3]], "([{")
			if !bracket && !mailProviders[strings.ReplaceAll(lt.lower[m[4]:m[5]], " dot ", ".")] {
				continue
			}
			out = append(out, lt.finding(c.ID(), "Looks like an email address, written out", 0.8, m[0], m[1]))
		}
	}
	return out
}

const reasonMailbox = "Looks like a ward's or service's shared mailbox (not patient information)"

// spokenEmailRE is an address written to dodge spam filters: "at" for @
// and "dot" for the stops. Submatch 1 is the "at", 2 the domain's name.
var spokenEmailRE = regexp.MustCompile(`\b[a-z0-9][a-z0-9._%+\-']*(?: dot [a-z0-9]+)*( ?[(\[{]at[)\]}] ?| at )([a-z0-9\-]+(?:(?:\.| dot )(?:co|ac|org|nhs))?)(?:\.| dot )(?:com|net|org|uk|ie|me|info)\b`)

// mailProviders are mail services whose name after "at" makes an address
// of "john at gmail.com" (and not of "meet at cafe.com").
var mailProviders = setOf("gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "live", "aol", "btinternet",
	"btopenworld", "sky", "virginmedia", "talktalk", "protonmail", "proton", "me", "mac", "nhs", "msn", "ymail", "gmx",
	"mail", "yahoo.co", "hotmail.co", "live.co", "outlook.co", "aol.co", "sky.co", "nhs.net")
