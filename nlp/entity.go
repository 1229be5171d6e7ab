package nlp

// EntityMention is a run of tokens NER labelled as one entity: "Kataib
// Hezbollah" (ORGANIZATION), "Abu Hussein al-Humaidawi" (PERSON), "Iraqi"
// (NATIONALITY), "late on Monday" (DATE).
type EntityMention struct {
	// Sentence is the index of the sentence the mention is in.
	Sentence int `json:"sentence"`
	// Tokens are the mention's tokens.
	Tokens TokenRange `json:"tokens"`
	// Span is where the mention is in the text.
	Span Span `json:"span"`
	// Text is Document.Slice(Span).
	Text string `json:"text"`
	// Type is the mention's entity type.
	Type EntityType `json:"type"`
	// Confidence is the probability the statistical NER model gave the
	// mention's coarse class (PERSON, LOCATION, ORGANIZATION, MISC), from
	// 0 to 1; 0 when the type came from rules or gazetteers, which give
	// none.
	Confidence float64 `json:"confidence,omitempty"`
}

// EntityType is a named-entity type. The parser's types are listed in
// EntityTypes; a parser passes any other label through unchanged (its
// gazetteers are data and may carry more), and Known tells them apart.
type EntityType string

// The entity types of CoreNLP's English NER with fine-grained types, the
// pipeline scripts/corenlp runs.
const (
	Person          EntityType = "PERSON"
	Location        EntityType = "LOCATION"
	Organization    EntityType = "ORGANIZATION"
	Misc            EntityType = "MISC"
	City            EntityType = "CITY"
	StateOrProvince EntityType = "STATE_OR_PROVINCE"
	Country         EntityType = "COUNTRY"
	Nationality     EntityType = "NATIONALITY"
	Religion        EntityType = "RELIGION"
	Ideology        EntityType = "IDEOLOGY"
	Title           EntityType = "TITLE"
	CriminalCharge  EntityType = "CRIMINAL_CHARGE"
	CauseOfDeath    EntityType = "CAUSE_OF_DEATH"
	Date            EntityType = "DATE"
	Time            EntityType = "TIME"
	Duration        EntityType = "DURATION"
	Set             EntityType = "SET"
	Money           EntityType = "MONEY"
	Number          EntityType = "NUMBER"
	Ordinal         EntityType = "ORDINAL"
	Percent         EntityType = "PERCENT"
	Email           EntityType = "EMAIL"
	URL             EntityType = "URL"
	Handle          EntityType = "HANDLE"
)

// EntityTypeInfo describes one entity type.
type EntityTypeInfo struct {
	// Type is the label.
	Type EntityType
	// Coarse is the class of the classic four-class NER the type refines
	// (PERSON, LOCATION, ORGANIZATION or MISC), or "" for types that name
	// no entity (dates, numbers, titles, ...).
	Coarse EntityType
	// Meaning says what the type covers.
	Meaning string
}

// EntityTypes is the table of entity types the pipeline gives.
var EntityTypes = []EntityTypeInfo{
	{Person, Person, "a person: Donald Trump, Abu Hussein al-Humaidawi; the pipeline also lists the pronoun he as a PERSON mention, though its token has no NER tag"},
	{Location, Location, "a place that is not one of the finer place types below"},
	{Organization, Organization, "a company, party, armed group, agency or other organisation"},
	{Misc, Misc, "another name: events, products, hyphenated forms such as Iran-aligned"},
	{City, Location, "a city: Baghdad"},
	{StateOrProvince, Location, "a state or province; often also given to Washington"},
	{Country, Location, "a country: Iraq, Iran, US"},
	{Nationality, Misc, "a nationality or demonym: Iraqi, Iranian, American"},
	{Religion, Misc, "a religion or its adherents"},
	{Ideology, Misc, "an ideology or political movement"},
	{Title, "", "a title or role: president, secretary-general"},
	{CriminalCharge, "", "a criminal charge"},
	{CauseOfDeath, "", "a cause of death; the model also gives it to words such as attack and war"},
	{Date, "", "a date: late on Monday"},
	{Time, "", "a time of day"},
	{Duration, "", "a length of time"},
	{Set, "", "a recurring time: every week"},
	{Money, "", "an amount of money"},
	{Number, "", "a number"},
	{Ordinal, "", "an ordinal number: first"},
	{Percent, "", "a percentage"},
	{Email, "", "an e-mail address"},
	{URL, "", "a web address"},
	{Handle, "", "a social-media handle"},
}

// Info returns t's row of EntityTypes; ok is false for a label not in it.
func (t EntityType) Info() (info EntityTypeInfo, ok bool) {
	for _, row := range EntityTypes {
		if row.Type == t {
			return row, true
		}
	}
	return EntityTypeInfo{}, false
}

// Known reports whether t is in EntityTypes.
func (t EntityType) Known() bool { _, ok := t.Info(); return ok }

// Coarse is t's four-class NER class, or "" when t names no entity or is
// not in EntityTypes.
func (t EntityType) Coarse() EntityType { info, _ := t.Info(); return info.Coarse }
