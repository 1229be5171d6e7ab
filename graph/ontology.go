package graph

import (
	"io"
	"strconv"
	"strings"
)

// RelationClass says whether a relation type is a standing relation (a
// state that holds over time, such as leadership or alignment) or an event
// (something that happens, coded with CAMEO). The class decides how an
// undated claim is placed in time (ClaimTime.Interval).
type RelationClass string

const (
	ClassState RelationClass = "STATE" // structural roles and standing relations
	ClassEvent RelationClass = "EVENT" // things that happen, CAMEO-coded where CAMEO has a code
)

// RelationClasses lists the classes with their meanings.
var RelationClasses = []struct {
	Value   RelationClass
	Meaning string
}{
	{ClassState, "A standing relation or structural role: it holds over time (leadership, alignment, membership)."},
	{ClassEvent, "Something that happens, coded with CAMEO where CAMEO has a code."},
}

// Valid reports whether c is one of RelationClasses.
func (c RelationClass) Valid() bool { return c == ClassState || c == ClassEvent }

// MarshalGQL writes c as a GraphQL enum value.
func (c RelationClass) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads c from a GraphQL enum value.
func (c *RelationClass) UnmarshalGQL(v any) error {
	return unmarshalEnum(v, c, RelationClass.Valid, "RelationClass")
}

// The relation types. Each value is also the Neo4j relationship type, so
// only these strings ever appear as types in Cypher text.
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

// RelationTypeInfo documents one relation type. RelationTypes is the single
// source of the set: the GraphQL enum, docs/graph-model.md's table, the
// synthetic generator and the store's indexes follow from it.
type RelationTypeInfo struct {
	// Type is the relationship type.
	Type RelationType
	// Class says whether it is a standing relation or an event.
	Class RelationClass
	// Meaning is a one-line definition; the subject is the edge's source.
	Meaning string
	// Cameo is the CAMEO event code, or "" for standing relations and
	// events CAMEO has no code for.
	Cameo string
	// Label is a short phrase for drawing the edge ("aligned with").
	Label string
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
// GraphQL enum and docs/graph-model.md give: its meaning, its class and
// its CAMEO code.
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

// RelationTypes lists every relation type, standing relations first, then
// events in CAMEO order.
var RelationTypes = []RelationTypeInfo{
	{RelAlignedWith, ClassState, "is politically, ideologically or militarily aligned with, or loyal to", "", "aligned with"},
	{RelLeads, ClassState, "holds a leadership position in (a group, a movement or a state)", "", "leads"},
	{RelMemberOf, ClassState, "belongs to a bloc, coalition or wider group", "", "member of"},
	{RelSpokespersonFor, ClassState, "speaks officially for", "", "spokesperson for"},
	{RelOfficialOf, ClassState, "is a minister, commander or other official of", "", "official of"},
	{RelSupports, ClassState, "stands by or backs (politically or morally)", "", "supports"},
	{RelOpposes, ClassState, "stands in opposition or confrontation to", "", "opposes"},
	{RelUndermines, ClassState, "undermines the authority or sovereignty of", "", "undermines"},

	{RelInstructs, ClassEvent, "gives instructions or orders to", "", "instructs"},
	{RelCommentsOn, ClassEvent, "makes a public statement about", "010", "comments on"},
	{RelClaimsResponsibilityFor, ClassEvent, "claims responsibility for an act against", "015", "claims responsibility for"},
	{RelAppealsTo, ClassEvent, "appeals to or calls on", "020", "appeals to"},
	{RelRequestsAssistanceFrom, ClassEvent, "asks for (military) help from", "0212", "requests help from"},
	{RelIntendsToCooperateWith, ClassEvent, "expresses intent to cooperate with", "030", "intends to cooperate with"},
	{RelConsultsWith, ClassEvent, "consults or meets with", "040", "consults with"},
	{RelNegotiatesWith, ClassEvent, "negotiates with", "046", "negotiates with"},
	{RelCooperatesDiplomaticallyWith, ClassEvent, "engages in diplomatic cooperation with", "050", "cooperates with"},
	{RelPraises, ClassEvent, "praises or endorses", "051", "praises"},
	{RelCooperatesMateriallyWith, ClassEvent, "engages in material cooperation with", "060", "cooperates materially with"},
	{RelProvidesAidTo, ClassEvent, "provides aid (money, arms, training) to", "070", "aids"},
	{RelDeployedInSupportOf, ClassEvent, "sent fighters or forces in support of", "072", "deployed in support of"},
	{RelYieldsTo, ClassEvent, "yields or concedes to", "080", "yields to"},
	{RelInvestigates, ClassEvent, "investigates", "090", "investigates"},
	{RelDemands, ClassEvent, "demands of", "100", "demands of"},
	{RelDisapprovesOf, ClassEvent, "disapproves of", "110", "disapproves of"},
	{RelCriticises, ClassEvent, "criticises or denounces", "111", "criticises"},
	{RelAccuses, ClassEvent, "accuses of wrongdoing or hostile intent", "112", "accuses"},
	{RelRejects, ClassEvent, "rejects a demand, an accusation or a proposal of", "120", "rejects"},
	{RelWarns, ClassEvent, "warns or threatens, not specified below", "130", "warns"},
	{RelThreatens, ClassEvent, "threatens force or retaliation against", "138", "threatens"},
	{RelProtestsAgainst, ClassEvent, "protests, demonstrates or rallies against", "140", "protests against"},
	{RelExhibitsForcePosture, ClassEvent, "shows military or police force toward", "150", "shows force to"},
	{RelReducesRelationsWith, ClassEvent, "reduces or breaks relations with", "160", "reduces relations with"},
	{RelSanctions, ClassEvent, "imposes sanctions, an embargo or a boycott on", "163", "sanctions"},
	{RelCoerces, ClassEvent, "coerces", "170", "coerces"},
	{RelDesignates, ClassEvent, "designates (as a terrorist organisation) or bans", "172", "designates"},
	{RelSuppresses, ClassEvent, "represses, uses force against", "175", "suppresses"},
	{RelHelpsSuppress, ClassEvent, "helps another party repress", "175", "helps suppress"},
	{RelAssaults, ClassEvent, "uses unconventional violence against (bombing, assassination, abduction)", "180", "assaults"},
	{RelFights, ClassEvent, "fights (armed clashes with)", "190", "fights"},
	{RelAttacks, ClassEvent, "attacks with conventional military force (strikes, raids, rockets, drones)", "190", "attacks"},
	{RelDeployedTo, ClassEvent, "sent fighters or forces into (a country)", "190", "deployed to"},
	{RelUsesMassViolenceAgainst, ClassEvent, "engages in unconventional mass violence against", "200", "mass violence against"},
}
