package actors

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The closed word lists of actor resolution. Each is one table; the
// lookups below are built from them and nothing else lists these words.
// Entries are in Key form (lower case, no "the", no Arabic article).

// Non-person kinds, the usual antecedents of "it", "the group" and the like.
var (
	bodyKinds  = []graph.ActorKind{graph.KindMilitia, graph.KindOrganisation, graph.KindGroup, graph.KindState}
	armedKinds = []graph.ActorKind{graph.KindMilitia, graph.KindOrganisation, graph.KindGroup}
	orgKinds   = []graph.ActorKind{graph.KindOrganisation, graph.KindMilitia, graph.KindGroup}
	stateKinds = []graph.ActorKind{graph.KindState}
	groupKinds = []graph.ActorKind{graph.KindGroup, graph.KindMilitia, graph.KindOrganisation}
	people     = []graph.ActorKind{graph.KindPerson}
	anyKind    = []graph.ActorKind{graph.KindPerson, graph.KindState, graph.KindMilitia, graph.KindOrganisation, graph.KindGroup}
)

// Person is the grammatical person of a pronoun.
type Person int

const (
	FirstPerson  Person = 1 // I, we: the speaker of the quotation
	SecondPerson Person = 2 // you: the party the speaker addresses
	ThirdPerson  Person = 3 // he, it, they: an actor named before
)

// A Pronoun is never an actor; the extractor resolves it by coreference
// (CoreNLP's chains, the speaker of a quotation, or Article.Antecedents).
type Pronoun struct {
	Word   string            // lower case
	Person Person            // grammatical person
	Plural bool              // we, they
	Kinds  []graph.ActorKind // kinds of actor it can stand for
}

// Pronouns lists the pronouns, possessives and reflexives, and the
// pronoun-like words (who, someone, this) that never name an actor.
var Pronouns = []Pronoun{
	{"i", FirstPerson, false, people}, {"me", FirstPerson, false, people}, {"my", FirstPerson, false, people},
	{"mine", FirstPerson, false, people}, {"myself", FirstPerson, false, people},
	{"we", FirstPerson, true, anyKind}, {"us", FirstPerson, true, anyKind}, {"our", FirstPerson, true, anyKind},
	{"ours", FirstPerson, true, anyKind}, {"ourselves", FirstPerson, true, anyKind},
	{"you", SecondPerson, false, anyKind}, {"your", SecondPerson, false, anyKind}, {"yours", SecondPerson, false, anyKind},
	{"yourself", SecondPerson, false, anyKind}, {"yourselves", SecondPerson, true, anyKind},
	{"he", ThirdPerson, false, people}, {"him", ThirdPerson, false, people}, {"his", ThirdPerson, false, people},
	{"himself", ThirdPerson, false, people}, {"she", ThirdPerson, false, people}, {"her", ThirdPerson, false, people},
	{"hers", ThirdPerson, false, people}, {"herself", ThirdPerson, false, people},
	{"it", ThirdPerson, false, bodyKinds}, {"its", ThirdPerson, false, bodyKinds}, {"itself", ThirdPerson, false, bodyKinds},
	{"they", ThirdPerson, true, anyKind}, {"them", ThirdPerson, true, anyKind}, {"their", ThirdPerson, true, anyKind},
	{"theirs", ThirdPerson, true, anyKind}, {"themselves", ThirdPerson, true, anyKind},
	{"this", ThirdPerson, false, bodyKinds}, {"that", ThirdPerson, false, bodyKinds},
	{"these", ThirdPerson, true, anyKind}, {"those", ThirdPerson, true, anyKind},
	{"who", ThirdPerson, false, anyKind}, {"whom", ThirdPerson, false, anyKind}, {"whose", ThirdPerson, false, anyKind},
	{"which", ThirdPerson, false, bodyKinds}, {"whoever", ThirdPerson, false, anyKind},
	{"one", ThirdPerson, false, anyKind}, {"someone", ThirdPerson, false, people}, {"somebody", ThirdPerson, false, people},
	{"anyone", ThirdPerson, false, people}, {"everyone", ThirdPerson, true, people}, {"nobody", ThirdPerson, false, people},
	{"each other", ThirdPerson, true, anyKind}, {"one another", ThirdPerson, true, anyKind},
}

// NounClass sorts the common nouns that stand for an actor without
// naming it.
type NounClass string

const (
	GroupNoun      NounClass = "group"      // the group, the faction, the government: a body named before
	CollectiveNoun NounClass = "collective" // officials, sources, analysts: unnamed people in the plural
	RoleNoun       NounClass = "role"       // the secretary-general, a spokesman: one person by office
)

// A CommonNoun stands for an actor in the text but never names one: "the
// group", "officials", "the spokesman". Alone (with a determiner or
// lower-case modifiers) it is resolved by coreference; qualified by a
// name ("Iraqi officials", "Kataib Hezbollah's spokesman") it may make a
// new actor (see the Resolver).
type CommonNoun struct {
	Noun   string            // Key form
	Class  NounClass         // what kind of stand-in it is
	Plural bool              // factions, officials
	Kinds  []graph.ActorKind // kinds of the actor it usually stands for, most likely first
}

// GroupNouns stand for a body named before: "the group", "the faction",
// "the movement", "the department".
var GroupNouns = []CommonNoun{
	{"group", GroupNoun, false, armedKinds}, {"groups", GroupNoun, true, groupKinds},
	{"militia", GroupNoun, false, armedKinds}, {"militias", GroupNoun, true, groupKinds},
	{"faction", GroupNoun, false, armedKinds}, {"factions", GroupNoun, true, groupKinds},
	{"movement", GroupNoun, false, armedKinds}, {"movements", GroupNoun, true, groupKinds},
	{"organisation", GroupNoun, false, orgKinds}, {"organization", GroupNoun, false, orgKinds},
	{"organisations", GroupNoun, true, groupKinds}, {"organizations", GroupNoun, true, groupKinds},
	{"resistance", GroupNoun, false, armedKinds}, {"front", GroupNoun, false, armedKinds},
	{"brigade", GroupNoun, false, armedKinds}, {"brigades", GroupNoun, false, armedKinds},
	{"wing", GroupNoun, false, armedKinds}, {"umbrella", GroupNoun, false, armedKinds},
	{"proxy", GroupNoun, false, armedKinds}, {"proxies", GroupNoun, true, groupKinds},
	{"network", GroupNoun, false, groupKinds}, {"networks", GroupNoun, true, groupKinds},
	{"coalition", GroupNoun, false, orgKinds}, {"alliance", GroupNoun, false, orgKinds},
	{"bloc", GroupNoun, false, orgKinds}, {"body", GroupNoun, false, orgKinds},
	{"paramilitary body", GroupNoun, false, orgKinds}, {"party", GroupNoun, false, orgKinds},
	{"parties", GroupNoun, true, groupKinds}, {"force", GroupNoun, false, orgKinds},
	{"forces", GroupNoun, true, []graph.ActorKind{graph.KindState, graph.KindOrganisation, graph.KindGroup}},
	{"unit", GroupNoun, false, orgKinds}, {"units", GroupNoun, true, groupKinds},
	{"government", GroupNoun, false, stateKinds}, {"state", GroupNoun, false, stateKinds},
	{"administration", GroupNoun, false, stateKinds}, {"regime", GroupNoun, false, stateKinds},
	{"authorities", GroupNoun, true, stateKinds}, {"country", GroupNoun, false, stateKinds},
	{"countries", GroupNoun, true, stateKinds}, {"nation", GroupNoun, false, stateKinds},
	{"delegation", GroupNoun, false, stateKinds}, {"leadership", GroupNoun, false, bodyKinds},
	{"department", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation}},
	{"ministry", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation, graph.KindState}},
	{"agency", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation}},
	{"embassy", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation, graph.KindState}},
	{"council", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation}},
	{"company", GroupNoun, false, []graph.ActorKind{graph.KindOrganisation}},
	{"companies", GroupNoun, true, []graph.ActorKind{graph.KindOrganisation, graph.KindGroup}},
	{"crowd", GroupNoun, false, []graph.ActorKind{graph.KindGroup}},
	{"occupier", GroupNoun, false, stateKinds}, {"occupiers", GroupNoun, true, stateKinds},
	{"occupation", GroupNoun, false, stateKinds}, {"occupation forces", GroupNoun, true, stateKinds},
	{"enemy", GroupNoun, false, bodyKinds},
}

// CollectiveNouns are unnamed people in the plural, standing for a GROUP.
// "Sources" and "officials" alone are never actors; "Iraqi officials" or
// "sources familiar with the matter" may be a GROUP actor.
var CollectiveNouns = nouns(CollectiveNoun, true, []graph.ActorKind{graph.KindGroup},
	"officials", "sources", "analysts", "observers", "experts", "diplomats", "critics",
	"residents", "witnesses", "protesters", "protestors", "demonstrators", "activists",
	"supporters", "followers", "fighters", "militants", "gunmen", "leaders", "commanders",
	"members", "figures", "people", "merchants", "traders", "businessmen", "soldiers",
	"troops", "civilians", "lawmakers", "politicians", "clerics", "negotiators", "mediators",
	"participants", "insiders", "aides", "advisers", "advisors", "spokesmen", "ministers",
	"representatives", "envoys", "voices", "circles", "elements", "partisans", "loyalists",
	"allies", "parties involved", "those responsible", "thousands", "hundreds", "dozens",
)

// RoleNouns name one person by office: "the secretary-general", "a
// spokesman for the faction", "Secretary of State". Alone they are
// resolved by coreference, usually with the name in apposition.
var RoleNouns = nouns(RoleNoun, false, people,
	"secretary general", "leader", "spokesman", "spokeswoman", "spokesperson", "minister",
	"foreign minister", "defence minister", "defense minister", "interior minister",
	"oil minister", "finance minister", "prime minister", "president", "vice president",
	"commander", "envoy", "special envoy", "official", "senior official", "head", "chief",
	"founder", "co founder", "deputy", "deputy leader", "adviser", "advisor", "ambassador",
	"general", "cleric", "lawmaker", "mp", "speaker", "chairman", "chairwoman", "director",
	"secretary", "secretary of state", "treasury secretary", "secretary of treasury",
	"analyst", "researcher", "expert", "diplomat", "representative", "negotiator",
	"mediator", "governor", "mayor", "king", "emir", "crown prince", "prince", "sultan",
	"sheikh", "ayatollah", "supreme leader", "chief of staff", "army chief", "source",
	"insider", "aide", "member", "member of parliament", "military chief", "security official",
	"intelligence official", "counterterrorism official",
)

// nouns builds a list of common nouns of one class, number and kinds.
func nouns(class NounClass, plural bool, kinds []graph.ActorKind, words ...string) []CommonNoun {
	out := make([]CommonNoun, len(words))
	for i, w := range words {
		out[i] = CommonNoun{Noun: w, Class: class, Plural: plural, Kinds: kinds}
	}
	return out
}

func init() {
	for _, p := range Pronouns {
		pronounIndex[p.Word] = p
	}
	for _, list := range [][]CommonNoun{GroupNouns, CollectiveNouns, RoleNouns} {
		for _, n := range list {
			commonIndex[n.Noun] = n
		}
	}
	for _, r := range OrganRules {
		organIndex[r.Noun] = r
	}
	for i, g := range distinctNameGroups {
		for _, n := range g {
			distinctNames[n] = i + 1
		}
	}
}

var (
	pronounIndex = map[string]Pronoun{}
	commonIndex  = map[string]CommonNoun{}
	organIndex   = map[string]OrganRule{}
)

// IsPronoun reports whether s (any case) is in Pronouns; "US" in capitals is
// not "us".
func IsPronoun(s string) bool {
	_, ok := pronounIndex[strings.Join(foldTokens(s), " ")]
	return ok && !isAcronym(s)
}

// CommonNounOf returns the entry of GroupNouns, CollectiveNouns or
// RoleNouns whose noun s is (in Key form: "the Faction" is "faction").
func CommonNounOf(s string) (CommonNoun, bool) { n, ok := commonIndex[Key(s)]; return n, ok }

// determiners are the words before a common noun that leave it generic:
// "the group", "these militias", "some factions", "its leadership",
// "the main armed factions".
var determiners = setOf(
	"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
	"your", "my", "some", "any", "other", "another", "each", "every", "all", "both", "several",
	"many", "few", "most", "such", "same", "main", "various", "certain", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "of",
	"which", "whose", "what", "no", "more", "one", "more than", "senior", "top", "former", "then",
	"new", "next", "previous", "current", "late",
)

// Organ says how a mention of a state's organ is coded.
type Organ int

const (
	// OrganIsState: the phrase is the state itself ("the Iraqi government",
	// "Iranian authorities", "Iraq's Foreign Ministry", "US forces"),
	// as the seed codes "Iranian authorities" and the development
	// articles code a foreign ministry and a government spokesman.
	OrganIsState Organ = iota + 1
	// OrganOwnActor: the phrase is an actor of its own, proposed with the
	// state as a candidate, never merged into it: an embassy, a ministry
	// other than the foreign ministry, officials, diplomats.
	OrganOwnActor
)

// An OrganRule codes "<state> <noun>" and "<noun> of <state>", where
// <state> is a state's name, acronym, demonym or metonym.
type OrganRule struct {
	Noun  string          // Key form: "foreign ministry"
	Organ Organ           // how the phrase is coded
	Kind  graph.ActorKind // kind of the actor proposed for OrganOwnActor
}

// OrganRules is the coding rule for states' organs. Named agencies that
// act in their own name (the US State Department, the Treasury, the
// Pentagon, the IRGC) are in the gazetteer and win over these rules.
var OrganRules = []OrganRule{
	{"government", OrganIsState, ""}, {"authorities", OrganIsState, ""}, {"state", OrganIsState, ""},
	{"regime", OrganIsState, ""}, {"administration", OrganIsState, ""}, {"leadership", OrganIsState, ""},
	{"cabinet", OrganIsState, ""}, {"presidency", OrganIsState, ""},
	{"foreign ministry", OrganIsState, ""}, {"ministry of foreign affairs", OrganIsState, ""},
	{"foreign office", OrganIsState, ""},
	{"delegation", OrganIsState, ""}, {"negotiators", OrganIsState, ""}, {"negotiating team", OrganIsState, ""},
	{"military", OrganIsState, ""}, {"armed forces", OrganIsState, ""}, {"forces", OrganIsState, ""},
	{"army", OrganIsState, ""}, {"troops", OrganIsState, ""}, {"security forces", OrganIsState, ""},
	{"navy", OrganIsState, ""}, {"air force", OrganIsState, ""}, {"enemy", OrganIsState, ""},
	{"embassy", OrganOwnActor, graph.KindOrganisation}, {"consulate", OrganOwnActor, graph.KindOrganisation},
	{"ministry", OrganOwnActor, graph.KindOrganisation}, {"parliament", OrganOwnActor, graph.KindOrganisation},
	{"judiciary", OrganOwnActor, graph.KindOrganisation}, {"central bank", OrganOwnActor, graph.KindOrganisation},
	{"intelligence", OrganOwnActor, graph.KindOrganisation}, {"police", OrganOwnActor, graph.KindOrganisation},
	{"officials", OrganOwnActor, graph.KindGroup}, {"diplomats", OrganOwnActor, graph.KindGroup},
	{"leaders", OrganOwnActor, graph.KindGroup}, {"sources", OrganOwnActor, graph.KindGroup},
	{"security sources", OrganOwnActor, graph.KindGroup}, {"security officials", OrganOwnActor, graph.KindGroup},
	{"lawmakers", OrganOwnActor, graph.KindGroup}, {"commanders", OrganOwnActor, graph.KindGroup},
}

// anonymousRoles are singular roles that, with an indefinite article and a
// qualifier ("a US official", "a senior Iraqi security official"), stand
// for the GROUP of unnamed sources of that role, named in the plural:
// "US officials". With "former" they are a PERSON quoted by description.
var anonymousRoles = map[string]string{
	"official": "officials", "diplomat": "diplomats", "source": "sources",
	"commander": "commanders", "security official": "security officials",
	"security source": "security sources", "intelligence official": "intelligence officials",
}

// Kind cues: words in a proposed actor's name that decide its kind.
var (
	// militiaCues make a proper name MILITIA: Arabic and English words
	// for armed formations.
	militiaCues = setOf(
		"brigade", "brigades", "kataib", "kataeb", "katiba", "katibat", "asaib", "asaeb",
		"saraya", "liwa", "jaysh", "jaish", "harakat", "militia", "militias", "faction",
		"resistance", "battalion", "battalions", "mujahideen", "mujahidin", "hezbollah",
		"hizballah", "hizbollah", "hizbullah", "fighters", "ansar", "fatemiyoun", "zainebiyoun",
	)
	// organisationCues make a proper name ORGANISATION: bodies, offices,
	// companies.
	organisationCues = setOf(
		"ministry", "department", "council", "agency", "office", "commission", "authority",
		"committee", "parliament", "court", "bank", "company", "corporation", "corp", "trading",
		"holding", "holdings", "group", "foundation", "institute", "union", "league",
		"organisation", "organization", "association", "embassy", "consulate", "framework",
		"alliance", "party", "movement", "coalition", "corps", "forces", "guards", "guard",
		"command", "service", "services", "ltd", "llc", "inc", "co", "airlines", "news",
		"channel", "tv", "television", "media", "bureau", "treasury", "fund", "government",
		"regime", "administration",
	)
	// groupCues make a name GROUP: informal collectives and blocs.
	groupCues = setOf("axis", "camp", "circles", "community", "public", "crowd", "network", "bloc")
)

// nameParticles are words of a name that do not identify it on their own;
// a variant match needs an equal word that is not one of these.
var nameParticles = setOf("abu", "umm", "ibn", "bin", "bint", "ben", "the", "of", "and", "in", "de", "abd", "abdul")

// distinctNameGroups are names the consonant skeleton joins but that are
// different names; each inner list is one name's spellings. Words from two
// different groups are never variants.
var distinctNameGroups = [][]string{
	{"amir", "ameer"}, {"ammar", "amar"}, {"omar", "umar", "omer"}, {"amr", "amru"},
	{"saad", "sad"}, {"said", "saeed", "sayeed", "saied"}, {"saud", "suud"},
	{"sayyid", "sayed", "seyed", "sayyed", "seyyed"},
	{"hasan", "hassan"}, {"hussein", "husayn", "hussain", "hossein", "husain", "hosein"},
	{"ali", "aly"}, {"alaa", "ala"}, {"karim", "kareem"}, {"karam"},
	{"hamid", "hameed", "hamed"}, {"hamad"}, {"oman"}, {"amman"},
}

// distinctNames maps a word of distinctNameGroups to its group number.
var distinctNames = map[string]int{}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
