package actors

// NER is the named-entity type Stanford CoreNLP gives a span of text.
type NER string

// nerRole says what the Resolver makes of an NER type.
type nerRole int

const (
	nerUnknown    nerRole = iota // no type: decided by the words alone
	nerPerson                    // a person's name
	nerBody                      // an organisation's name
	nerCountry                   // a country's name: a state
	nerPlace                     // a city, region or other place: an actor only as a metonym
	nerDescriptor                // an adjective of nation, creed or ideology: an actor only as a demonym
	nerTitle                     // a title or office: a role noun
	nerMisc                      // anything else with a name
	nerNotEntity                 // dates, numbers, money: never an actor
)

// The CoreNLP 4.5 NER types the Resolver knows, one row each; any other
// type is treated like NERMisc.
const (
	NERNone           NER = ""                  // no entity type (common nouns, pronouns)
	NERPerson         NER = "PERSON"            // a person
	NEROrganization   NER = "ORGANIZATION"      // an organisation, armed group, agency
	NERCountry        NER = "COUNTRY"           // a country
	NERStateProvince  NER = "STATE_OR_PROVINCE" // a state or province (also "Washington")
	NERCity           NER = "CITY"              // a city
	NERLocation       NER = "LOCATION"          // another place
	NERNationality    NER = "NATIONALITY"       // a demonym: Iranian
	NERReligion       NER = "RELIGION"          // Shiite, Sunni
	NERIdeology       NER = "IDEOLOGY"          // Zionism, jihadism
	NERTitle          NER = "TITLE"             // secretary-general, spokesman
	NERMisc           NER = "MISC"              // other names
	NERCriminalCharge NER = "CRIMINAL_CHARGE"   // terrorism
	NERCauseOfDeath   NER = "CAUSE_OF_DEATH"    // a cause of death
	NERDate           NER = "DATE"              // a date
	NERTime           NER = "TIME"              // a time
	NERDuration       NER = "DURATION"          // a duration
	NERSet            NER = "SET"               // a recurring time
	NERMoney          NER = "MONEY"             // an amount of money
	NERNumber         NER = "NUMBER"            // a number
	NEROrdinal        NER = "ORDINAL"           // an ordinal
	NERPercent        NER = "PERCENT"           // a percentage
	NEREmail          NER = "EMAIL"             // an e-mail address
	NERURL            NER = "URL"               // a web address
	NERHandle         NER = "HANDLE"            // a social-media handle
)

// nerRoles is the table of NER types and what each means to the Resolver.
var nerRoles = map[NER]nerRole{
	NERNone: nerUnknown, NERPerson: nerPerson, NEROrganization: nerBody, NERCountry: nerCountry,
	NERStateProvince: nerPlace, NERCity: nerPlace, NERLocation: nerPlace,
	NERNationality: nerDescriptor, NERReligion: nerDescriptor, NERIdeology: nerDescriptor,
	NERTitle: nerTitle, NERMisc: nerMisc,
	NERCriminalCharge: nerNotEntity, NERCauseOfDeath: nerNotEntity, NERDate: nerNotEntity,
	NERTime: nerNotEntity, NERDuration: nerNotEntity, NERSet: nerNotEntity, NERMoney: nerNotEntity,
	NERNumber: nerNotEntity, NEROrdinal: nerNotEntity, NERPercent: nerNotEntity,
	NEREmail: nerNotEntity, NERURL: nerNotEntity, NERHandle: nerNotEntity,
}

// role returns what n means to the Resolver; unknown types are MISC.
func (n NER) role() nerRole {
	if r, ok := nerRoles[n]; ok {
		return r
	}
	return nerMisc
}
