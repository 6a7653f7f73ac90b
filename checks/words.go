package checks

import "strings"

// Word lists shared by the name, row and context logic. They are small and
// tied to the checks' logic, so they live in code rather than in assets.

// patientTitles come before a patient's (or anyone's) name.
var patientTitles = setOf("mr", "mrs", "ms", "miss", "mx", "master", "mstr")

// staffTitles come before staff names; staff names are not patient
// information, so names after them get low confidence.
var staffTitles = setOf("dr", "doctor", "sister", "sr", "nurse", "matron", "hca", "consultant",
	"physio", "physiotherapist", "prof", "professor", "rn", "sn", "midwife", "registrar",
	"pharmacist", "manager", "cn", "cnm", "sho", "fy1", "fy2", "ot", "slt", "dietitian", "chaplain", "rev", "revd", "porter")

// nameLabels introduce a patient's name.
var nameLabels = setOf("name", "patient", "pt", "pt.", "patient name", "surname", "forename", "forenames", "pat")

// valueLabels are words a patient detail follows on its line: a letter's
// salutation and the labels of a name or a date of birth. Patient titles
// count too (see ValueLabel).
var valueLabels = setOf("dear", "name", "patient", "pt", "surname", "forename", "forenames", "dob", "d.o.b")

// ValueLabel reports whether w, as read with any colon or full stop after
// it, is a word a patient detail follows: "Dear", a patient's title ("Mr",
// "Mrs"), or the label of a name or a date of birth ("Name:", "DOB").
func ValueLabel(w string) bool {
	l := strings.ToLower(strings.TrimRight(w, ":.,;"))
	return valueLabels[l] || patientTitles[l]
}

// subjectLabels head the subject line of a clinical letter, which names
// the patient ("Re: Mrs Joan Okafor, DOB ..."); they count only with a
// colon, as "re" is also a prefix in prose.
var subjectLabels = setOf("re", "subject", "regarding")

// shorthand is ward clinical shorthand seen on patient boards.
var shorthand = setOf("nbm", "dnacpr", "dnar", "dnr", "edd", "tto", "ttos", "falls", "iv", "ivabx", "abx", "o2",
	"obs", "mffd", "pt/ot", "pt", "ot", "salt", "dols", "respect", "barrier", "nursing", "isolation", "iso", "ng", "peg",
	"cath", "catheter", "dvt", "vte", "fluids", "ivi", "npo", "bm", "bms", "nnb", "gcs", "news", "news2", "mrsa", "cdiff",
	"c.diff", "covid", "pressure", "pu", "waterlow", "diet", "soft", "fluid", "thickened", "hoist", "1:1", "enhanced",
	"obs:", "sats", "dc", "d/c", "dx", "tx", "hx", "sob", "uti", "aki", "copd", "chf", "#nof", "nof", "ecg", "ct", "mri",
	"xray", "x-ray", "bloods", "cannula", "tds", "bd", "od", "qds", "prn", "wbc", "crp", "hb", "inr", "pain", "mobile",
	"independent", "assist", "x1", "x2", "zimmer", "frame", "stick", "wheelchair", "bedbound", "risk", "home", "ssd",
	"package", "poc", "care", "nh", "rh", "awaiting", "await", "dh", "tto's", "opd", "fu", "f/u", "rv", "review", "mdt",
	"bay", "sr", "cubicle", "cdu", "amu", "icu", "itu", "hdu", "ed", "a&e", "ae")

// OrdinaryWord reports whether w is ordinary text rather than anything
// that could be part of a name or number: an everyday English word, a
// ward or hospital word, a board's column heading or clinical shorthand.
// The scanner uses it to keep headings and titles out of merged regions.
func OrdinaryWord(w string) bool {
	l := strings.ToLower(clean(w))
	if l == "" {
		return false
	}
	g := names()
	if g.surnames[l] || g.forenames[l] {
		return false
	}
	return notNames[l] || headerWords[l] || shorthand[l]
}

// HeadingWord reports whether w is a column heading of a patient board
// or list ("Bed", "Patient", "DOB") and not a name in the gazetteer.
func HeadingWord(w string) bool {
	l := strings.ToLower(clean(w))
	g := names()
	return headerWords[l] && !g.surnames[l] && !g.forenames[l]
}

// surnameParticles start a surname written as two words ("Mc Garrigle",
// "van Dijk", "de Souza"); as words on their own they are too short to
// count as names.
var surnameParticles = setOf("mc", "mac", "van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "le", "la", "ten", "ter", "bin", "ibn", "al", "el", "ap", "ó")

// postNominals are degrees and titles written after a name ("Mateo
// Jackson, PhD"); they belong to the name's finding.
var postNominals = setOf("phd", "md", "m.d", "dphil", "mbbs", "mbchb", "frcs", "frcp", "mrcp", "mrcs", "rgn",
	"bsc", "msc", "mba", "dds", "jr", "snr", "jnr", "esq", "obe", "mbe", "cbe")

// surnameWords are ordinary words (in notNames) that are also common
// surnames, beyond those of the project's own list ("White", "Brown"):
// after a forename they are a surname ("Amy Green").
var surnameWords = setOf("green", "black", "grey", "gray", "long", "little", "gold", "silver", "north", "south", "east")

// placeWords name a part of a hospital after its own name ("Willow Ward",
// "Bexley Wing"): a capitalised word before one is a place, not a
// person's name, unless a title says otherwise.
var placeWords = setOf("ward", "wing", "unit", "bay", "suite", "lounge", "centre", "center", "house", "clinic",
	"building", "block", "theatre", "theatres", "department", "room", "hospital", "hospice", "practice", "surgery")

// headerWords are column headings on patient boards.
var headerWords = setOf("bed", "name", "patient", "edd", "notes", "consultant", "age", "diet", "nurse", "team", "nhs", "no", "hosp", "diagnosis", "mrn",
	"plan", "dob", "mobility", "obs", "comments", "status", "dr", "doctor", "bay", "room", "allergies", "tto", "dnacpr",
	"ward", "unit", "days", "day", "weeks", "years")

// notNames are capitalised words that are not names: ordinary English, ward
// and hospital words, days, months. A name context (title, bed number) still
// wins over this list: "Mrs Hope" is a name.
var notNames = setOf(strings.Fields(`
a about above after again against all also always am an and any are around as at away back bad be because been
before being below clock best better between big both but by can cannot care come could day days did do does doing done
down during each early end enough even ever every everyone few first for from full get give go going good got great
had has have having he her here hers herself him himself his home how huge i if in into is it its itself just keep
know last late left less let like little long look lot lots love made make many may me more most much must my
myself need never new next nice night no nor not now of off often old on once one only or other our ours ourselves
out over own please proud put really right same say see she should show since so some soon still such sure take
than thank thanks that the their theirs them themselves then there these they thing things this those through time
to today together tomorrow too top under until up us very want was way we week well were what when where which while
who whom why will with without work would year years yes yesterday yet you your yours yourself
hello hi hey welcome congratulations congrats happy well done amazing brilliant fantastic wonderful lovely shout
shoutout celebrate celebrating celebration birthday anniversary retirement farewell goodbye cheers bravo kudos
remember reminder notice note notes important please update news latest info information
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
ward wards bay bays bed beds unit units hospital hospitals trust trusts nhs team teams staff nurse nurses nursing
sister matron doctor doctors dr consultant consultants hca hcas physio physios therapy therapist therapists
visiting visitors visitor times time hours patient patients family families relatives carers carer
theatre theatres clinic clinics department dept outpatients inpatients emergency acute medical medicine surgical
surgery surgeon ward's room rooms side cubicle corridor station desk office reception entrance exit toilet toilets
kitchen lift stairs floor level wing block building centre center annexe
hand hands hygiene saves save lives life safety safe infection control prevention wash gel gloves apron aprons ppe mask masks
falls fall falling risk risks pressure ulcer ulcers harm free days without hit record milestone target targets
quality improvement audit audits compliance training education learning study fundraising charity donation
board boards whiteboard handover shift shifts rota day night early late long morning afternoon evening
service services health care social community general royal university infirmary county district memorial
children childrens adult adults women womens men mens maternity neonatal paediatric paediatrics elderly older
people person everyone everybody anyone someone nobody
coffee tea cake cakes lunch breakfast dinner food drink water drinks snack snacks biscuits
christmas easter eid diwali hanukkah new year summer winter spring autumn holiday holidays
north south east west central upper lower st saint
covid covid19 flu vaccine vaccination vaccinations jab jabs
green blue red yellow black white purple orange pink grey gray gold silver brown
star stars hero heroes champion champions award awards winner winners
our we're i'm it's you're they're don't can't won't let's that's there's what's
job jobs role roles post posts day's week's month month's
dob d.o.b mrn hosp crn id number ref sex gender age born name surname forename
epr pas ehr it ict system systems connected logged user login
discharge discharged summary appointment appointments outpatient outpatients referral referrals letter letters
result results admission admissions assessment report reports test tests scan scans procedure operation treatment
medication medications prescription request requests consultation visit follow-up followup your
`)...)

// streetWords end the street part of an address.
var streetWords = setOf("road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "close", "cl", "drive", "dr",
	"way", "court", "ct", "crescent", "cres", "place", "pl", "gardens", "gdns", "terrace", "tce", "grove", "gr",
	"hill", "park", "square", "sq", "row", "walk", "mews", "view", "rise", "green", "parade", "croft", "wynd",
	"brae", "vale", "boulevard", "approach", "turnpike", "pike", "island", "islands", "highway", "hwy", "blvd",
	"circle", "cir", "trail", "trl", "parkway", "pkwy", "plaza", "route", "rte", "boul", "heights", "hts", "quay",
	"wharf", "meadows", "causeway", "expressway", "freeway", "fwy", "ridge", "glen", "hollow", "landing", "crossing")
