package graph

import (
	"io"
	"strconv"
	"strings"
)

// RelationClass says whether a relation type is a standing relation (a
// state that holds over time, such as leadership or alignment) or an event
// (something that happens, coded with CAMEO). The class decides how an
// undated claim is placed in time (ClaimTime.Interval). It is a closed set,
// defined by the table RelationClassTable.
type RelationClass string

const (
	ClassState RelationClass = "STATE" // structural roles and standing relations
	ClassEvent RelationClass = "EVENT" // things that happen, CAMEO-coded where CAMEO has a code
)

// RelationClassInfo documents one relation class: one row of
// RelationClassTable.
type RelationClassInfo struct {
	// Class is the value, as the API writes it.
	Class RelationClass
	// Meaning is a one-line definition, lower case, without a full stop.
	Meaning string
}

// RelationClassTable is the closed set of relation classes. The GraphQL
// enum RelationClass is generated from it (`make generate`).
var RelationClassTable = []RelationClassInfo{
	{Class: ClassState, Meaning: "a standing relation or structural role: it holds over time (leadership, alignment, membership)"},
	{Class: ClassEvent, Meaning: "something that happens, coded with CAMEO where CAMEO has a code"},
}

// RelationClasses lists every class (RelationClassTable's first column).
var RelationClasses = column(RelationClassTable, func(r RelationClassInfo) RelationClass { return r.Class })

// Valid reports whether c is one of RelationClasses.
func (c RelationClass) Valid() bool { return c == ClassState || c == ClassEvent }

// MarshalGQL writes c as a GraphQL enum value.
func (c RelationClass) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads c from a GraphQL enum value.
func (c *RelationClass) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, c, RelationClass.Valid, "RelationClass")
}

// The relation types, named for the Go code that refers to them; the
// table RelationTypes defines the set.
const (
	// Standing relations and structural roles.
	RelAlignedWith     RelationType = "ALIGNED_WITH"
	RelLeads           RelationType = "LEADS"
	RelMemberOf        RelationType = "MEMBER_OF"
	RelSpokespersonFor RelationType = "SPOKESPERSON_FOR"
	RelOfficialOf      RelationType = "OFFICIAL_OF"
	RelSupports        RelationType = "SUPPORTS"
	RelOpposes         RelationType = "OPPOSES"
	RelUndermines      RelationType = "UNDERMINES"

	// Events, in CAMEO order.
	RelInstructs                    RelationType = "INSTRUCTS"
	RelCommentsOn                   RelationType = "COMMENTS_ON"
	RelClaimsResponsibilityFor      RelationType = "CLAIMS_RESPONSIBILITY_FOR"
	RelAppealsTo                    RelationType = "APPEALS_TO"
	RelRequestsAssistanceFrom       RelationType = "REQUESTS_ASSISTANCE_FROM"
	RelIntendsToCooperateWith       RelationType = "INTENDS_TO_COOPERATE_WITH"
	RelConsultsWith                 RelationType = "CONSULTS_WITH"
	RelNegotiatesWith               RelationType = "NEGOTIATES_WITH"
	RelCooperatesDiplomaticallyWith RelationType = "COOPERATES_DIPLOMATICALLY_WITH"
	RelPraises                      RelationType = "PRAISES"
	RelCooperatesMateriallyWith     RelationType = "COOPERATES_MATERIALLY_WITH"
	RelProvidesAidTo                RelationType = "PROVIDES_AID_TO"
	RelDeployedInSupportOf          RelationType = "DEPLOYED_IN_SUPPORT_OF"
	RelYieldsTo                     RelationType = "YIELDS_TO"
	RelInvestigates                 RelationType = "INVESTIGATES"
	RelDemands                      RelationType = "DEMANDS"
	RelDisapprovesOf                RelationType = "DISAPPROVES_OF"
	RelCriticises                   RelationType = "CRITICISES"
	RelAccuses                      RelationType = "ACCUSES"
	RelRejects                      RelationType = "REJECTS"
	RelWarns                        RelationType = "WARNS"
	RelThreatens                    RelationType = "THREATENS"
	RelProtestsAgainst              RelationType = "PROTESTS_AGAINST"
	RelExhibitsForcePosture         RelationType = "EXHIBITS_FORCE_POSTURE"
	RelReducesRelationsWith         RelationType = "REDUCES_RELATIONS_WITH"
	RelSanctions                    RelationType = "SANCTIONS"
	RelCoerces                      RelationType = "COERCES"
	RelDesignates                   RelationType = "DESIGNATES"
	RelSuppresses                   RelationType = "SUPPRESSES"
	RelHelpsSuppress                RelationType = "HELPS_SUPPRESS"
	RelAssaults                     RelationType = "ASSAULTS"
	RelFights                       RelationType = "FIGHTS"
	RelAttacks                      RelationType = "ATTACKS"
	RelDeployedTo                   RelationType = "DEPLOYED_TO"
	RelUsesMassViolenceAgainst      RelationType = "USES_MASS_VIOLENCE_AGAINST"
)

// RelationTypeInfo documents one relation type: one row of RelationTypes.
// Rows are written with field names, so a column can be added without
// touching the others.
type RelationTypeInfo struct {
	// Type is the relationship type.
	Type RelationType
	// Class says whether it is a standing relation or an event.
	Class RelationClass
	// Meaning is a one-line definition, lower case, without a full stop;
	// the subject is the edge's source.
	Meaning string
	// Cameo is the CAMEO event code, or "" for standing relations and
	// events CAMEO has no code for.
	Cameo string
	// Label is a short phrase for drawing the edge ("aligned with").
	Label string
	// Phrase is how the relation reads between a subject and an object in
	// a sentence ("is aligned with"); the synthetic corpus writes its
	// quotes with it.
	Phrase string
}

// CameoRoot is the CAMEO root category of the type's code ("13" for
// "138"), or "" when it has none.
func (i RelationTypeInfo) CameoRoot() string {
	if len(i.Cameo) < 2 {
		return ""
	}
	return i.Cameo[:2]
}

// Description is the one-paragraph documentation of the type that the
// GraphQL enum gives: its meaning, its class and its CAMEO code.
func (i RelationTypeInfo) Description() string {
	m := strings.ToUpper(i.Meaning[:1]) + i.Meaning[1:] + "."
	switch {
	case i.Cameo != "":
		return m + " CAMEO " + i.Cameo + " (" + CameoRoots[i.CameoRoot()] + ")."
	case i.Class == ClassEvent:
		return m + " An event; CAMEO has no code for it."
	}
	return m + " A standing relation; no CAMEO code."
}

// CameoRoots names the twenty CAMEO root categories; RelationTypes has at
// least one type in each.
var CameoRoots = map[string]string{
	"01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
	"05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
	"08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
	"14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
	"19": "fight", "20": "engage in unconventional mass violence",
}

// RelationTypes is the closed set of relation types, standing relations
// first, then events in CAMEO order: the one place a relation type is
// defined. The GraphQL enum and its descriptions (schema.graphqls), the
// table in docs/graph-model.md, the Neo4j indexes and statements, the
// loaders' validation and the synthetic corpus all follow it; `make
// generate` rewrites the schema and the docs from it
// (internal/cmd/gendocs), and the resolvers' `relationTypes` field serves
// it.
var RelationTypes = []RelationTypeInfo{
	{Type: RelAlignedWith, Class: ClassState, Meaning: "is politically, ideologically or militarily aligned with, or loyal to", Label: "aligned with", Phrase: "is aligned with"},
	{Type: RelLeads, Class: ClassState, Meaning: "holds a leadership position in (a group, a movement or a state)", Label: "leads", Phrase: "leads"},
	{Type: RelMemberOf, Class: ClassState, Meaning: "belongs to a bloc, coalition or wider group", Label: "member of", Phrase: "is a member of"},
	{Type: RelSpokespersonFor, Class: ClassState, Meaning: "speaks officially for", Label: "spokesperson for", Phrase: "speaks for"},
	{Type: RelOfficialOf, Class: ClassState, Meaning: "is a minister, commander or other official of", Label: "official of", Phrase: "serves as an official of"},
	{Type: RelSupports, Class: ClassState, Meaning: "stands by or backs (politically or morally)", Label: "supports", Phrase: "supports"},
	{Type: RelOpposes, Class: ClassState, Meaning: "stands in opposition or confrontation to", Label: "opposes", Phrase: "opposes"},
	{Type: RelUndermines, Class: ClassState, Meaning: "undermines the authority or sovereignty of", Label: "undermines", Phrase: "undermines"},

	{Type: RelInstructs, Class: ClassEvent, Meaning: "gives instructions or orders to", Label: "instructs", Phrase: "instructed"},
	{Type: RelCommentsOn, Class: ClassEvent, Meaning: "makes a public statement about", Cameo: "010", Label: "comments on", Phrase: "commented on"},
	{Type: RelClaimsResponsibilityFor, Class: ClassEvent, Meaning: "claims responsibility for an act against", Cameo: "015", Label: "claims responsibility for", Phrase: "claimed responsibility for the strike on"},
	{Type: RelAppealsTo, Class: ClassEvent, Meaning: "appeals to or calls on", Cameo: "020", Label: "appeals to", Phrase: "appealed to"},
	{Type: RelRequestsAssistanceFrom, Class: ClassEvent, Meaning: "asks for (military) help from", Cameo: "0212", Label: "requests help from", Phrase: "asked for help from"},
	{Type: RelIntendsToCooperateWith, Class: ClassEvent, Meaning: "expresses intent to cooperate with", Cameo: "030", Label: "intends to cooperate with", Phrase: "pledged to work with"},
	{Type: RelConsultsWith, Class: ClassEvent, Meaning: "consults or meets with", Cameo: "040", Label: "consults with", Phrase: "met with"},
	{Type: RelNegotiatesWith, Class: ClassEvent, Meaning: "negotiates with", Cameo: "046", Label: "negotiates with", Phrase: "negotiated with"},
	{Type: RelCooperatesDiplomaticallyWith, Class: ClassEvent, Meaning: "engages in diplomatic cooperation with", Cameo: "050", Label: "cooperates with", Phrase: "signed an accord with"},
	{Type: RelPraises, Class: ClassEvent, Meaning: "praises or endorses", Cameo: "051", Label: "praises", Phrase: "praised"},
	{Type: RelCooperatesMateriallyWith, Class: ClassEvent, Meaning: "engages in material cooperation with", Cameo: "060", Label: "cooperates materially with", Phrase: "shared intelligence with"},
	{Type: RelProvidesAidTo, Class: ClassEvent, Meaning: "provides aid (money, arms, training) to", Cameo: "070", Label: "aids", Phrase: "sent weapons to"},
	{Type: RelDeployedInSupportOf, Class: ClassEvent, Meaning: "sent fighters or forces in support of", Cameo: "072", Label: "deployed in support of", Phrase: "deployed in support of"},
	{Type: RelYieldsTo, Class: ClassEvent, Meaning: "yields or concedes to", Cameo: "080", Label: "yields to", Phrase: "gave in to"},
	{Type: RelInvestigates, Class: ClassEvent, Meaning: "investigates", Cameo: "090", Label: "investigates", Phrase: "investigated"},
	{Type: RelDemands, Class: ClassEvent, Meaning: "demands of", Cameo: "100", Label: "demands of", Phrase: "made demands of"},
	{Type: RelDisapprovesOf, Class: ClassEvent, Meaning: "disapproves of", Cameo: "110", Label: "disapproves of", Phrase: "disapproved of"},
	{Type: RelCriticises, Class: ClassEvent, Meaning: "criticises or denounces", Cameo: "111", Label: "criticises", Phrase: "criticised"},
	{Type: RelAccuses, Class: ClassEvent, Meaning: "accuses of wrongdoing or hostile intent", Cameo: "112", Label: "accuses", Phrase: "accused"},
	{Type: RelRejects, Class: ClassEvent, Meaning: "rejects a demand, an accusation or a proposal of", Cameo: "120", Label: "rejects", Phrase: "rejected the proposal of"},
	{Type: RelWarns, Class: ClassEvent, Meaning: "warns or threatens, not specified below", Cameo: "130", Label: "warns", Phrase: "warned"},
	{Type: RelThreatens, Class: ClassEvent, Meaning: "threatens force or retaliation against", Cameo: "138", Label: "threatens", Phrase: "threatened to strike"},
	{Type: RelProtestsAgainst, Class: ClassEvent, Meaning: "protests, demonstrates or rallies against", Cameo: "140", Label: "protests against", Phrase: "protested against"},
	{Type: RelExhibitsForcePosture, Class: ClassEvent, Meaning: "shows military or police force toward", Cameo: "150", Label: "shows force to", Phrase: "massed troops on the border of"},
	{Type: RelReducesRelationsWith, Class: ClassEvent, Meaning: "reduces or breaks relations with", Cameo: "160", Label: "reduces relations with", Phrase: "cut ties with"},
	{Type: RelSanctions, Class: ClassEvent, Meaning: "imposes sanctions, an embargo or a boycott on", Cameo: "163", Label: "sanctions", Phrase: "imposed sanctions on"},
	{Type: RelCoerces, Class: ClassEvent, Meaning: "coerces", Cameo: "170", Label: "coerces", Phrase: "coerced"},
	{Type: RelDesignates, Class: ClassEvent, Meaning: "designates (as a terrorist organisation) or bans", Cameo: "172", Label: "designates", Phrase: "designated as terrorists"},
	{Type: RelSuppresses, Class: ClassEvent, Meaning: "represses, uses force against", Cameo: "175", Label: "suppresses", Phrase: "cracked down on"},
	{Type: RelHelpsSuppress, Class: ClassEvent, Meaning: "helps another party repress", Cameo: "175", Label: "helps suppress", Phrase: "helped suppress"},
	{Type: RelAssaults, Class: ClassEvent, Meaning: "uses unconventional violence against (bombing, assassination, abduction)", Cameo: "180", Label: "assaults", Phrase: "bombed"},
	{Type: RelFights, Class: ClassEvent, Meaning: "fights (armed clashes with)", Cameo: "190", Label: "fights", Phrase: "clashed with"},
	{Type: RelAttacks, Class: ClassEvent, Meaning: "attacks with conventional military force (strikes, raids, rockets, drones)", Cameo: "190", Label: "attacks", Phrase: "attacked"},
	{Type: RelDeployedTo, Class: ClassEvent, Meaning: "sent fighters or forces into (a country)", Cameo: "190", Label: "deployed to", Phrase: "sent fighters to"},
	{Type: RelUsesMassViolenceAgainst, Class: ClassEvent, Meaning: "engages in unconventional mass violence against", Cameo: "200", Label: "mass violence against", Phrase: "massacred"},
}
