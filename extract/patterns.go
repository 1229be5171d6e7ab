package extract

import "github.com/actorgraph/actorgraph/graph"

// Pattern is one cue pattern: a predicate (a verb, noun or adjective with
// one of Lemmas) and the dependency paths from it to the subject and the
// object. docs/extraction.md lists the table.
//
// A path is steps joined by "/", each a dependency relation to follow
// down from the token reached so far ("obj", "obl:against"; "obl:*" for
// any obl), or up to its governor ("^amod"), optionally with the lemmas
// the token reached must have ("obj=responsibility"). The first path of
// Subject and of Object that reaches tokens naming actors is used; every
// actor it reaches (coordinations "A, B and C" included) makes a claim.
type Pattern struct {
	Relation graph.RelationType
	// POS is the predicate's word class: "V" verb, "N" noun, "J"
	// adjective or participle; "" any.
	POS    string
	Lemmas []string
	// Subject and Object are alternative paths to the arguments.
	Subject, Object []string
	// Requires are paths that must reach a token for the pattern to hold
	// ("obl:of=attack|action": warned X of military action).
	Requires []string
	// Certainty, when set, is the certainty the predicate itself gives
	// (deny → DENIED); otherwise the sentence's frame decides.
	Certainty graph.Certainty
	// Confidence is the pattern's base confidence.
	Confidence float64
	// ObjectKinds, when set, are the only actor kinds the object may be
	// (one is deployed to a state, not to a person).
	ObjectKinds []graph.ActorKind
	// ComplementCue, when set, requires one of these lemmas in the
	// predicate's clausal complement ("warned Washington that … would
	// make American interests legitimate targets").
	ComplementCue []string
	// DeepObject: when the object path reaches a phrase that names no
	// actor ("what it described as a vital target in the Israeli port
	// city"), the first actor named inside that phrase is the object.
	DeepObject bool
	// ObjectVia, when set, are the only nouns that may carry the object
	// ("Iran’s delegation was led by X": X serves Iran).
	ObjectVia []string
	// ObjectNotVia: nouns that may not carry the object ("Iran’s
	// delegation was led by X": X leads the delegation, not Iran).
	ObjectNotVia []string
}

// Paths shared by many rows.
var (
	agentSubj   = []string{"nsubj", "nsubj:xsubj", "obl:agent", "obl:by", "^acl", "^acl:relcl"}
	passiveObj  = []string{"nsubj:pass", "nsubj:pass:xsubj", "obj"}
	nounSubj    = []string{"nmod:poss", "nmod:by", "nmod:from", "amod", "compound", "^obj/nsubj", "^obj/nsubj:xsubj"}
	withObj     = []string{"obl:with", "nmod:with"}
	againstObj  = []string{"obl:against", "nmod:against"}
	aidSubjects = []string{"nsubj", "nsubj:xsubj", "obl:agent", "obl:by", "^acl", "^acl:relcl"}
)

// Patterns is the table of cue patterns, one row per pattern. Rows are
// general: a predicate and its grammatical arguments, never a phrase of
// a particular article.
var Patterns = []Pattern{
	// Threats and warnings.
	{Relation: graph.RelThreatens, POS: "V", Lemmas: []string{"threaten", "vow", "pledge", "promise"}, Subject: agentSubj, Object: []string{"obj", "xcomp/obl:against", "xcomp/obl:on", "xcomp/obj", "obl:against", "obl:with"}, Confidence: 0.8},
	{Relation: graph.RelThreatens, POS: "N", Lemmas: []string{"threat"}, Subject: nounSubj, Object: []string{"nmod:against", "nmod:to", "acl/obl:against", "acl:to/obl:against", "^nsubj/obl:against", "acl/obj", "^nsubj/obj"}, Confidence: 0.75},
	{Relation: graph.RelThreatens, POS: "V", Lemmas: []string{"retaliate", "avenge"}, Subject: []string{"nsubj", "nsubj:xsubj"}, Object: againstObj, Confidence: 0.6},
	{Relation: graph.RelThreatens, POS: "V", Lemmas: []string{"warn"}, Subject: agentSubj, Object: []string{"obj", "obl:to"}, Requires: []string{"obl:of=action|attack|attacks|strike|strikes|retaliation|force|war|response|escalation|consequences|reprisal|reprisals"}, Confidence: 0.75},
	{Relation: graph.RelThreatens, POS: "V", Lemmas: []string{"warn"}, Subject: agentSubj, Object: []string{"obj", "obl:to"}, ComplementCue: []string{"target", "price", "safe", "retaliate", "retaliation", "respond", "response", "force", "war", "strike", "attack", "revenge", "avenge", "punish", "punishment"}, Confidence: 0.7},
	// "warned that it would act against X": a complement whose verb acts
	// against the object is a threat, whoever is warned.
	{Relation: graph.RelThreatens, POS: "V", Lemmas: []string{"warn", "say", "declare", "announce"}, Subject: agentSubj, Object: []string{"ccomp=act|move|retaliate|respond|strike|hit|react/obl:against", "ccomp=act|move|retaliate|respond|strike|hit|react/obl:on"}, Requires: []string{"ccomp/aux=will|would|could|may|might"}, Confidence: 0.65},
	{Relation: graph.RelWarns, POS: "V", Lemmas: []string{"warn", "caution"}, Subject: agentSubj, Object: []string{"obj", "obl:to", "iobj"}, Confidence: 0.8},
	{Relation: graph.RelWarns, POS: "V", Lemmas: []string{"warn", "caution"}, Subject: agentSubj, Object: []string{"ccomp/nsubj", "ccomp/nsubj:pass"}, ComplementCue: []string{"face", "consequence", "pay", "price", "suffer", "regret", "accountable", "responsible"}, Confidence: 0.6},
	{Relation: graph.RelWarns, POS: "N", Lemmas: []string{"warning", "ultimatum"}, Subject: nounSubj, Object: []string{"nmod:to", "nmod:for"}, Confidence: 0.7},

	// Force.
	{Relation: graph.RelAttacks, POS: "V", Lemmas: []string{"attack", "strike", "target", "shell", "raid", "hit", "invade", "bombard"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.75},
	{Relation: graph.RelAttacks, POS: "N", Lemmas: []string{"attack", "strike", "airstrike", "raid", "assault", "offensive", "aggression", "invasion", "bombardment", "war"}, Subject: []string{"compound", "amod", "nmod:poss", "nmod:by", "nmod:from"}, Object: []string{"nmod:on", "nmod:against", "nmod:at", "nmod:of", "acl:on"}, DeepObject: true, Confidence: 0.65},
	{Relation: graph.RelAttacks, POS: "V", Lemmas: []string{"launch", "carry", "conduct", "fire"}, Subject: agentSubj, Object: []string{"obj=attack|attacks|strike|strikes|airstrike|airstrikes|raid|raids|drone|drones|missile|missiles|rocket|rockets/nmod:on", "obj=attack|attacks|strike|strikes|airstrike|airstrikes|raid|raids|drone|drones|missile|missiles|rocket|rockets/nmod:against", "obl:at", "obl:on", "obl:against", "obl:toward", "obl:towards"}, Confidence: 0.7},
	{Relation: graph.RelAssaults, POS: "V", Lemmas: []string{"bomb", "assassinate", "kill", "abduct", "kidnap", "ambush"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.65},
	{Relation: graph.RelAssaults, POS: "V", Lemmas: []string{"kill", "assassinate", "wound", "injure"}, Subject: []string{"obl:in/acl/obl:by", "obl:in/acl/obl:agent", "obl:in", "obl:by", "obl:agent"}, Object: []string{"nsubj:pass", "^acl", "nsubj", "^dep"}, Requires: []string{"obl:in=strike|attack|airstrike|raid|bombing|ambush|assault|operation", "obl:by", "obl:agent"}, Confidence: 0.65},
	// "X was killed alongside Y in a US strike": Y was killed too.
	{Relation: graph.RelAssaults, POS: "V", Lemmas: []string{"kill", "assassinate", "wound", "injure"}, Subject: []string{"obl:in/acl/obl:by", "obl:in/acl/obl:agent", "obl:in", "obl:by", "obl:agent"}, Object: []string{"obl:alongside", "obl:with"}, DeepObject: true, Requires: []string{"obl:in=strike|attack|airstrike|raid|bombing|ambush|assault|operation", "obl:by", "obl:agent"}, Confidence: 0.6},
	{Relation: graph.RelFights, POS: "V", Lemmas: []string{"fight", "clash", "battle"}, Subject: agentSubj, Object: append([]string{"obj"}, withObj...), Confidence: 0.7},
	{Relation: graph.RelDeployedTo, POS: "V", Lemmas: []string{"deploy", "send", "dispatch"}, Subject: agentSubj, Object: []string{"obl:to", "obl:in", "obl:into"}, Confidence: 0.6, ObjectKinds: []graph.ActorKind{graph.KindState}},
	{Relation: graph.RelDeployedTo, POS: "N", Lemmas: []string{"deployment"}, Subject: nounSubj, Object: []string{"nmod:to", "nmod:in", "nmod:into"}, Confidence: 0.6, ObjectKinds: []graph.ActorKind{graph.KindState}},
	{Relation: graph.RelDeployedInSupportOf, POS: "", Lemmas: []string{"deploy", "deployment", "send", "fight"}, Subject: append(append([]string{}, agentSubj...), nounSubj...), Object: []string{"obl:in_support_of", "nmod:in_support_of", "obl:in/nmod:of", "nmod:in=support/nmod:of", "obl:in=support/nmod:of"}, Confidence: 0.55},
	{Relation: graph.RelSuppresses, POS: "V", Lemmas: []string{"suppress", "crush", "quell", "repress", "disperse", "arrest", "detain", "persecute"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.65},
	{Relation: graph.RelSuppresses, POS: "V", Lemmas: []string{"crack"}, Subject: agentSubj, Object: []string{"obl:on"}, Confidence: 0.65},
	{Relation: graph.RelSuppresses, POS: "N", Lemmas: []string{"crackdown", "repression", "suppression", "killing"}, Subject: nounSubj, Object: []string{"nmod:on", "nmod:of", "nmod:against"}, Confidence: 0.5},
	{Relation: graph.RelHelpsSuppress, POS: "V", Lemmas: []string{"help", "assist", "aid"}, Subject: agentSubj, Object: []string{"xcomp=suppress|crush|quell|repress|disperse/obj", "obl:in/acl/obj", "obl:in/nmod:of", "ccomp=suppress|crush|quell|repress|disperse/obj"}, Confidence: 0.7},
	{Relation: graph.RelUsesMassViolenceAgainst, POS: "V", Lemmas: []string{"massacre", "slaughter"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.65},

	// Claims of responsibility, designations, sanctions.
	{Relation: graph.RelClaimsResponsibilityFor, POS: "V", Lemmas: []string{"claim"}, Subject: agentSubj, Requires: []string{"obj=attack|attacks|strike|strikes|launch|bombing|bombings|operation|operations|raid|ambush"}, Object: []string{"obj/nmod:at", "obj/nmod:on", "obj/nmod:against", "obj/nmod:targeting", "obj/compound"}, DeepObject: true, Confidence: 0.7},
	{Relation: graph.RelClaimsResponsibilityFor, POS: "V", Lemmas: []string{"claim", "assume", "accept"}, Subject: agentSubj, Requires: []string{"obj=responsibility"}, DeepObject: true, Object: []string{"advcl/ccomp/obj", "xcomp/ccomp/obj", "dep/ccomp/obj", "advcl/ccomp/nsubj:pass", "obj=responsibility/nmod:for/nmod:on", "obj=responsibility/nmod:for/acl:on", "obj=responsibility/nmod:for/nmod:against", "obj=responsibility/nmod:for/nmod:at", "obj=responsibility/nmod:for/compound", "obj=responsibility/nmod:for/nmod:of", "obj=responsibility"}, Confidence: 0.8},
	{Relation: graph.RelDesignates, POS: "V", Lemmas: []string{"designate", "blacklist", "list", "ban", "proscribe", "outlaw"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.75},
	{Relation: graph.RelDesignates, POS: "V", Lemmas: []string{"place", "put", "add", "include"}, Subject: []string{"obl:on", "obl:to", "obl:in", "nsubj"}, Object: []string{"nsubj:pass", "obj"}, Requires: []string{"obl:on=list|blacklist|lists", "obl:to=list|blacklist|lists", "obl:in=list|blacklist|lists"}, Confidence: 0.7},
	{Relation: graph.RelDesignates, POS: "N", Lemmas: []string{"designation", "blacklisting", "listing"}, Subject: []string{"nmod:by", "nmod:poss", "compound", "amod"}, Object: []string{"nmod:of"}, Confidence: 0.6},
	{Relation: graph.RelSanctions, POS: "V", Lemmas: []string{"sanction", "penalise", "penalize"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.8},
	{Relation: graph.RelSanctions, POS: "V", Lemmas: []string{"impose", "slap", "level"}, Subject: agentSubj, Object: []string{"obj=sanction|sanctions|penalties|embargo/nmod:on", "obl:on", "obl:against"}, Requires: []string{"obj=sanction|sanctions|penalties|embargo|penalty"}, Confidence: 0.8},
	{Relation: graph.RelSanctions, POS: "N", Lemmas: []string{"sanction", "sanctions", "embargo"}, Subject: []string{"compound", "amod", "nmod:poss", "nmod:by"}, Object: []string{"nmod:on", "nmod:against"}, Confidence: 0.6},

	// Standing relations.
	{Relation: graph.RelLeads, POS: "V", Lemmas: []string{"lead", "head", "command", "found", "run", "chair"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.7, ObjectNotVia: []string{"delegation", "side", "negotiators", "mission", "team", "force", "forces", "troops", "army", "operation", "campaign", "talks", "effort", "attack", "offensive"}},
	{Relation: graph.RelOfficialOf, POS: "V", Lemmas: []string{"lead", "head"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.7, ObjectVia: []string{"delegation", "side", "team", "negotiators", "mission"}},
	{Relation: graph.RelMemberOf, POS: "V", Lemmas: []string{"include", "comprise", "encompass"}, Subject: []string{"obj"}, Object: []string{"nsubj"}, Confidence: 0.65},
	{Relation: graph.RelMemberOf, POS: "V", Lemmas: []string{"join", "belong"}, Subject: agentSubj, Object: []string{"obj", "obl:to"}, Confidence: 0.65},
	{Relation: graph.RelMemberOf, POS: "N", Lemmas: []string{"member", "part", "faction", "component", "wing"}, Subject: []string{"nsubj", "^appos"}, Object: []string{"nmod:of"}, Confidence: 0.65},
	{Relation: graph.RelAlignedWith, POS: "J", Lemmas: []string{"align", "ally", "affiliate", "link", "loyal", "close", "tie", "aligned", "allied", "affiliated", "linked"}, Subject: []string{"^amod", "nsubj", "^acl"}, Object: []string{"obl", "obl:with", "obl:to", "obl:npmod", "npmod", "nmod:to"}, Confidence: 0.8},
	{Relation: graph.RelAlignedWith, POS: "N", Lemmas: []string{"loyalty", "allegiance", "alignment", "ties", "proxy"}, Subject: []string{"^nmod:with", "nmod:poss", "^obj/nsubj"}, Object: []string{"nmod:to", "nmod:with", "nmod:of", "nmod:for"}, Confidence: 0.6},
	{Relation: graph.RelLeads, POS: "J", Lemmas: []string{"lead", "led", "head", "headed", "command", "commanded"}, Subject: []string{"obl", "obl:npmod", "npmod", "obl:by"}, Object: []string{"^amod", "^acl"}, Confidence: 0.75},
	{Relation: graph.RelAlignedWith, POS: "N", Lemmas: []string{"proxy", "proxies", "ally", "allies", "client", "clients", "surrogate", "surrogates"}, Subject: []string{"^appos", "^nmod:of/^appos", "nsubj", "^nmod:of/nsubj"}, Object: []string{"nmod:poss", "nmod:of", "nmod:for", "compound", "amod"}, Confidence: 0.65},
	{Relation: graph.RelSupports, POS: "J", Lemmas: []string{"back", "sponsor", "support", "fund", "arm", "backed", "sponsored", "supported", "funded", "armed"}, Subject: []string{"obl", "obl:npmod", "npmod", "obl:by"}, Object: []string{"^amod", "^acl"}, Confidence: 0.75},
	{Relation: graph.RelSupports, POS: "V", Lemmas: []string{"support", "back", "endorse", "defend"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.7},
	{Relation: graph.RelSupports, POS: "V", Lemmas: []string{"stand", "side"}, Subject: agentSubj, Object: []string{"obl:alongside", "obl:with", "obl:behind", "obl:by"}, Confidence: 0.65},
	{Relation: graph.RelSupports, POS: "V", Lemmas: []string{"shore", "prop", "bolster"}, Subject: agentSubj, Object: []string{"obj"}, Confidence: 0.6},
	{Relation: graph.RelOpposes, POS: "V", Lemmas: []string{"oppose", "confront", "resist", "defy"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.7},
	{Relation: graph.RelOpposes, POS: "N", Lemmas: []string{"confrontation", "hostility", "enmity", "opposition", "struggle"}, Subject: []string{"nmod:poss", "amod", "^obj/nsubj"}, Object: []string{"nmod:with", "nmod:to", "nmod:against"}, Confidence: 0.55},
	{Relation: graph.RelUndermines, POS: "V", Lemmas: []string{"undermine", "erode", "sideline", "violate", "weaken", "infringe", "challenge", "defy"}, Subject: agentSubj, Object: passiveObj, Requires: nil, Confidence: 0.6},

	// Statements and diplomacy.
	{Relation: graph.RelCriticises, POS: "V", Lemmas: []string{"criticise", "criticize", "condemn", "denounce", "slam", "decry", "blast", "lambast", "censure", "rebuke"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.8},
	{Relation: graph.RelCriticises, POS: "N", Lemmas: []string{"criticism", "condemnation", "censure"}, Subject: []string{"amod", "nmod:poss", "nmod:from", "nmod:by"}, Object: []string{"nmod:of", "nmod:over/nmod:poss", "nmod:against"}, Confidence: 0.6},
	{Relation: graph.RelAccuses, POS: "V", Lemmas: []string{"accuse", "blame", "charge"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.8},
	{Relation: graph.RelAccuses, POS: "V", Lemmas: []string{"allege", "claim"}, Subject: []string{"nsubj", "^acl/^obj/nsubj"}, Object: []string{"ccomp/nsubj"}, Confidence: 0.55},
	{Relation: graph.RelAccuses, POS: "N", Lemmas: []string{"accusation", "allegation"}, Subject: []string{"nmod:poss", "nmod:by", "nmod:from"}, Object: []string{"nmod:against"}, Confidence: 0.6},
	{Relation: graph.RelRejects, POS: "V", Lemmas: []string{"reject", "dismiss", "rebuff", "refuse"}, Subject: agentSubj, Object: []string{"obj", "obj/nmod:poss", "obj/compound", "obj/amod", "obj/nmod:by", "obj/nmod:from", "obj/acl/obl:by"}, Confidence: 0.65},
	{Relation: graph.RelDemands, POS: "V", Lemmas: []string{"demand", "require", "press"}, Subject: agentSubj, Object: []string{"obl:of", "obl:from", "obj", "ccomp/nsubj"}, Confidence: 0.65},
	{Relation: graph.RelDemands, POS: "V", Lemmas: []string{"propose", "insist"}, Subject: agentSubj, Object: []string{"ccomp/nsubj"}, Confidence: 0.5},
	{Relation: graph.RelDemands, POS: "N", Lemmas: []string{"demand", "demands", "ultimatum"}, Subject: []string{"nmod:poss", "nmod:by", "compound", "amod"}, Object: []string{"nmod:on", "nmod:of", "nmod:for", "nmod:to"}, Confidence: 0.55},
	{Relation: graph.RelAppealsTo, POS: "V", Lemmas: []string{"call"}, Subject: agentSubj, Object: []string{"obl:on", "obl:upon"}, Confidence: 0.75},
	{Relation: graph.RelAppealsTo, POS: "V", Lemmas: []string{"call"}, Subject: agentSubj, Object: []string{"obj"}, Requires: []string{"compound:prt=on|upon"}, Confidence: 0.75},
	// "called on X to do", parsed with "on" as the marker of the
	// infinitive clause whose subject is X.
	{Relation: graph.RelAppealsTo, POS: "V", Lemmas: []string{"call"}, Subject: agentSubj, Object: []string{"advcl:to/nsubj", "advcl/nsubj", "xcomp/nsubj", "ccomp/nsubj"}, Requires: []string{"advcl:to/mark=on|upon", "advcl/mark=on|upon", "xcomp/mark=on|upon", "ccomp/mark=on|upon"}, Confidence: 0.7},
	{Relation: graph.RelAppealsTo, POS: "V", Lemmas: []string{"urge", "appeal", "implore", "ask", "beseech"}, Subject: agentSubj, Object: []string{"obj", "obl:to"}, Confidence: 0.7},
	// "encouraged X to do": an appeal when an infinitive says what X is
	// to do ("pressed X to do" is a demand, above).
	{Relation: graph.RelAppealsTo, POS: "V", Lemmas: []string{"encourage", "exhort"}, Subject: agentSubj, Object: []string{"obj"}, Requires: []string{"xcomp/mark=to"}, Confidence: 0.65},
	{Relation: graph.RelRequestsAssistanceFrom, POS: "V", Lemmas: []string{"seek", "request", "ask", "solicit"}, Subject: agentSubj, Object: []string{"obl:from", "obj/nmod:from", "obl:for=help|assistance|support/^obl/obj"}, Requires: []string{"obj=assistance|help|support|aid|backing|reinforcements|fighters|troops", "obl:for=help|assistance|support|aid"}, Confidence: 0.7},
	{Relation: graph.RelNegotiatesWith, POS: "V", Lemmas: []string{"negotiate", "bargain"}, Subject: agentSubj, Object: withObj, Confidence: 0.8},
	{Relation: graph.RelNegotiatesWith, POS: "V", Lemmas: []string{"hold", "conduct", "resume", "open", "begin", "start", "continue"}, Subject: agentSubj, Object: []string{"obj=talks|negotiations|dialogue/nmod:with", "obj=round|rounds|series/nmod:of=talks|negotiations/nmod:with", "obl:with"}, Requires: []string{"obj=talks|negotiations|dialogue", "obj=round|rounds|series/nmod:of=talks|negotiations"}, Confidence: 0.75},
	{Relation: graph.RelNegotiatesWith, POS: "N", Lemmas: []string{"talks", "negotiations", "negotiation", "dialogue"}, Subject: []string{"nmod:poss", "amod", "compound"}, Object: []string{"nmod:with"}, Confidence: 0.6},
	{Relation: graph.RelConsultsWith, POS: "V", Lemmas: []string{"meet", "host", "receive", "visit", "consult", "confer"}, Subject: agentSubj, Object: []string{"obj", "obl:with"}, Confidence: 0.65},
	{Relation: graph.RelIntendsToCooperateWith, POS: "V", Lemmas: []string{"cooperate", "work", "coordinate"}, Subject: []string{"nsubj", "nsubj:xsubj"}, Object: withObj, Confidence: 0.55},
	{Relation: graph.RelCooperatesDiplomaticallyWith, POS: "V", Lemmas: []string{"sign"}, Subject: agentSubj, Object: []string{"obj=agreement|accord|deal|memorandum|treaty/nmod:with", "obl:with"}, Confidence: 0.6},
	{Relation: graph.RelPraises, POS: "V", Lemmas: []string{"praise", "hail", "commend", "laud", "salute", "applaud", "welcome", "thank", "honour", "honor", "eulogise", "eulogize"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.75},
	{Relation: graph.RelInstructs, POS: "V", Lemmas: []string{"instruct", "order", "direct", "command"}, Subject: agentSubj, Object: []string{"obj", "nsubj:pass"}, Confidence: 0.6},
	{Relation: graph.RelInstructs, POS: "N", Lemmas: []string{"instruction", "instructions", "order", "orders", "directive"}, Subject: []string{"nmod:from", "nmod:poss", "nmod:by"}, Object: []string{"^obj/nsubj", "nmod:to"}, Confidence: 0.55},
	{Relation: graph.RelInvestigates, POS: "V", Lemmas: []string{"investigate", "probe"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.65},
	{Relation: graph.RelProvidesAidTo, POS: "V", Lemmas: []string{"fund", "finance", "arm", "train", "supply", "equip", "bankroll"}, Subject: agentSubj, Object: append(append([]string{}, passiveObj...), "obl:to"), Confidence: 0.7},
	{Relation: graph.RelProvidesAidTo, POS: "V", Lemmas: []string{"provide", "send", "give", "transfer", "smuggle", "channel", "funnel", "deliver"}, Subject: aidSubjects, Object: []string{"obl:to", "iobj", "obl:for"}, Requires: []string{"obj=weapon|weapons|arm|arms|money|fund|funds|funding|cash|drone|drones|missile|missiles|rocket|rockets|training|equipment|support|aid|ammunition|revenue|revenues|oil"}, Confidence: 0.65},
	{Relation: graph.RelProvidesAidTo, POS: "N", Lemmas: []string{"funding", "financing", "funds", "support", "aid", "weapons", "arms"}, Subject: []string{"nmod:from", "nmod:poss", "amod", "compound"}, Object: []string{"nmod:for", "nmod:to"}, Confidence: 0.5},
	{Relation: graph.RelProtestsAgainst, POS: "V", Lemmas: []string{"protest", "rally", "demonstrate", "march", "chant"}, Subject: agentSubj, Object: againstObj, Confidence: 0.7},
	{Relation: graph.RelCoerces, POS: "V", Lemmas: []string{"pressure", "coerce", "force", "compel", "blackmail"}, Subject: agentSubj, Object: passiveObj, Confidence: 0.6},
	{Relation: graph.RelReducesRelationsWith, POS: "V", Lemmas: []string{"expel", "sever", "cut", "suspend"}, Subject: agentSubj, Object: []string{"obj=ties|relations/nmod:with", "obl:with", "obj"}, Confidence: 0.5},
	{Relation: graph.RelYieldsTo, POS: "V", Lemmas: []string{"yield", "concede", "bow", "capitulate", "submit"}, Subject: agentSubj, Object: []string{"obl:to"}, Confidence: 0.6},

	// Denials: the denied act, with the certainty DENIED.
	{Relation: graph.RelAttacks, POS: "V", Lemmas: []string{"deny"}, Subject: agentSubj, Object: []string{"obj=involvement|role|responsibility|part|participation/nmod:in/nmod:on", "obj=involvement|role|responsibility|part|participation/nmod:for/nmod:on", "obj=involvement|role|responsibility|part|participation/nmod:in/nmod:against", "obj=involvement|role|responsibility|part|participation/nmod:in/nmod:at"}, Certainty: graph.Denied, Confidence: 0.65},
}

// roleRelations maps role nouns (actors.Key form) to the relation between
// the person holding the role and the role's owner.
var roleRelations = map[string]graph.RelationType{
	"leader": graph.RelLeads, "head": graph.RelLeads, "chief": graph.RelLeads, "secretary general": graph.RelLeads,
	"president": graph.RelLeads, "prime minister": graph.RelLeads, "king": graph.RelLeads, "emir": graph.RelLeads,
	"supreme leader": graph.RelLeads, "founder": graph.RelLeads, "co founder": graph.RelLeads, "chairman": graph.RelLeads,
	"chairwoman": graph.RelLeads, "sultan": graph.RelLeads, "crown prince": graph.RelLeads, "general secretary": graph.RelLeads,
	"spokesman": graph.RelSpokespersonFor, "spokeswoman": graph.RelSpokespersonFor, "spokesperson": graph.RelSpokespersonFor,
	"minister": graph.RelOfficialOf, "foreign minister": graph.RelOfficialOf, "defence minister": graph.RelOfficialOf,
	"defense minister": graph.RelOfficialOf, "interior minister": graph.RelOfficialOf, "oil minister": graph.RelOfficialOf,
	"finance minister": graph.RelOfficialOf, "official": graph.RelOfficialOf, "senior official": graph.RelOfficialOf,
	"envoy": graph.RelOfficialOf, "special envoy": graph.RelOfficialOf, "ambassador": graph.RelOfficialOf,
	"commander": graph.RelOfficialOf, "deputy": graph.RelOfficialOf, "deputy leader": graph.RelOfficialOf,
	"adviser": graph.RelOfficialOf, "advisor": graph.RelOfficialOf, "secretary of state": graph.RelOfficialOf,
	"treasury secretary": graph.RelLeads, "secretary": graph.RelOfficialOf, "director": graph.RelOfficialOf,
	"governor": graph.RelOfficialOf, "security official": graph.RelOfficialOf, "intelligence official": graph.RelOfficialOf,
	"military chief": graph.RelOfficialOf, "army chief": graph.RelOfficialOf, "chief of staff": graph.RelOfficialOf,
	"negotiator": graph.RelOfficialOf, "representative": graph.RelOfficialOf, "mp": graph.RelMemberOf,
	"lawmaker": graph.RelMemberOf, "member": graph.RelMemberOf,
}

// symmetricNouns: "tensions between A and B" — each opposes the other.
var symmetricNouns = map[string]graph.RelationType{
	"tension": graph.RelOpposes, "tensions": graph.RelOpposes, "rivalry": graph.RelOpposes,
	"hostility": graph.RelOpposes, "confrontation": graph.RelOpposes, "standoff": graph.RelOpposes,
	"talks": graph.RelNegotiatesWith, "negotiations": graph.RelNegotiatesWith,
	"fighting": graph.RelFights, "clashes": graph.RelFights, "war": graph.RelFights,
}

// ownerNouns are nouns for what an actor has or does ("Iraqi
// sovereignty", "a US attack", "Iraq’s security"): an argument that is
// one of them stands for its owner.
var ownerNouns = setOf("sovereignty", "authority", "security", "stability", "interest", "interests", "institutions",
	"attack", "attacks", "strike", "strikes", "aggression", "intervention", "retaliation", "demand", "demands",
	"offer", "proposal", "accusation", "accusations", "claim", "claims", "statement", "decision", "move",
	"sanctions", "troops", "forces", "army", "military", "drone", "drones", "agenda", "policy", "influence",
	"presence", "embassy", "interference", "occupation", "involvement", "role", "regime", "threat", "threats", "warning",
	"leaders", "leader", "leadership", "representatives", "representative", "delegates", "delegate", "commanders", "members",
	"list", "blacklist", "lists", "side", "delegation", "team", "negotiators", "mission",
	"site", "sites", "facility", "facilities", "target", "targets", "territory", "soil", "assets", "infrastructure", "diplomats", "airspace", "ships", "tankers", "vessels",
	"right", "rights", "efforts", "effort", "bid", "position", "stance", "cause",
	"lines", "line", "convoy", "convoys", "base", "bases", "positions", "personnel", "departure", "withdrawal", "exit", "expulsion",
	"persistence", "actions", "activities", "rhetoric", "ability", "capacity", "sovereignty", "will", "fighters", "members")
