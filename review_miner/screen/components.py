"""The scorecard: the other signals of a review's quality the Panel names, with their evidence.

Whether a rapid review gives the reasons for its LCSPR decision; whether the child's voice,
the family's views and the practitioners' views appear; whether learning is drawn; how many
recommendations there are and how many are specific; and how many working days a rapid
review took. Each is a `Finding`: a value and the passages behind it. `weakness_score` adds
up the points config/screening.yaml gives each shortfall, the ethnicity ones included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..prefilter import any_match, prefiltered
from ..records import Passage
from .text import _MONTH, BODY, _blank

_LCSPR = re.compile(
    r"\b(LCSPR|local child safeguarding practice review|child safeguarding practice review|"
    r"local (?:safeguarding )?(?:practice )?review)\b",
    re.I,
)
_DECISION = re.compile(
    r"\b(decided|decision|agreed|concluded|will (?:not )?(?:be )?(?:commission|undertake)\w*|"
    r"not to (?:commission|undertake)|to (?:commission|undertake)|(?:is|was) (?:not )?(?:being )?"
    r"commissioned|recommend\w* (?:that|to the)|(?:do|does|did) not consider|"
    r"consider(?:s|ed)? that|"
    # "It was felt that an LCSPR was not needed", "Not progressing to LCSPR", "the criteria
    # are not met", "do not intend to undertake", "is warranted".
    # "LCSPR not required" as well as "is (not) required": one list of words, either lead.
    r"(?:(?:is|was|are|were) (?:not )?|not )(?:needed|required|necessary|warranted)|"
    # "An LCSPR is not considered necessary", "was judged proportionate".
    r"(?:is|was|are|were) (?:not )?(?:considered|thought|felt|judged|deemed) (?:to be )?"
    r"(?:necessary|needed|required|warranted|appropriate|proportionate)|"
    r"(?:is|was|are|were) (?:not )?met|"
    r"(?:proceed|progress)(?:s|ed|ing)? to|(?:do|does|did) not intend|"
    # "The case does not meet the criteria for an LCSPR", "an LCSPR will be carried out",
    # "Recommendation: no LCSPR".
    r"(?:meets|(?:do|does|did) not meet)|will (?:not )?be (?:carried out|conducted)|"
    r"no (?:LCSPR|local child safeguarding practice review)|"
    # "LCSPR: no.", "LCSPR – yes": the answer given as a field.
    r"(?<=LCSPR)\s*[:–—-]\s*(?:no|yes|not (?:required|needed|recommended))|"
    # "does not recommend an LCSPR", "an LCSPR is not recommended".
    r"(?:do|does|did) not recommend|(?:is|was|are|were) (?:not )?recommended|"
    # "An LCSPR has been commissioned", "agreed not to hold an LCSPR", "decided against".
    r"(?:has|have|had) (?:not )?been (?:commissioned|agreed|approved)|"
    r"will (?:not )?be (?:commissioned|undertaken|held)|not to (?:hold|conduct|carry out)|"
    r"to (?:hold|conduct|carry out)|decided against|(?:agreed|decided) (?:that )?(?:an|a|no)\b|"
    # A question answered: "Should there be an LCSPR? No.", "Does this case meet the criteria
    # for an LCSPR? We think it does"; "recommends an LCSPR because ..."; "would not
    # commission an LCSPR"; "LCSPR not recommended"; "LCSPR: recommended. Reasons: ...".
    r"(?<=\?\s)(?:No|Yes|We (?:think|believe|consider)|The panel (?:thinks|believes|considers))"
    r"|recommends? (?:an|a|no) (?:LCSPR|local child safeguarding practice review)|"
    r"would (?:not )?(?:commission|undertake)|not recommended|"
    r"(?<=LCSPR)\s*[:–—-]\s*(?:recommended|required|not required)|"
    # "LCSPR: Yes – ...", "LCSPR: criteria met – proceed".
    r"(?<=LCSPR)\s*[:–—-]\s*(?:criteria (?:not )?met))\b",
    re.I,
)
# Still undecided: "The panel discussed whether the criteria ... were met".
_UNDECIDED = re.compile(
    r"\bwhether\b[^.,;?]*?\b(?:met|needed|required|necessary|warranted)\b", re.I
)
_RATIONALE = re.compile(
    # The criteria or guidance as a reason, not named in passing ("The criteria were
    # discussed", "Guidance is at the end of this report").
    r"\b(because|since|as the|as there|as it|(?:criteria|criterion)(?! (?:for (?:an? )?\w+ )?"
    r"(?:were|was|are|is) (?:discussed|set out|considered|attached|listed|explained))|"
    r"reason|reasons|rationale|"
    r"therefore|threshold|guidance(?! (?:is|are) (?:at|in|attached|set out))|"
    r"new learning|further learning|learning (?:has|had|is) "
    r"(?:already )?been|already (?:been )?identified|would (?:not )?add|likely to|in order to|"
    r"so that|given that|on the basis|cannot be|could not be|raises?|would allow|will allow|"
    # The learning is already in hand elsewhere: "captured in this rapid review", "already
    # part of the Partnership's work", "being taken forward through the trust's training".
    r"captured|already (?:part of|in hand|being|addressed)|taken forward|acted on|"
    # "The learning is single-agency", not "a single-agency learning review" as the outcome.
    r"single[- ]agency(?! (?:learning )?review)|"
    # The statutory criteria given as the reasons: "Arta suffered serious harm, abuse was
    # known or suspected, and there are concerns about how agencies worked together".
    r"(?:suffered|caused|resulted in) serious harm|abuse (?:or neglect )?(?:is|was|are|were) "
    r"(?:known or )?suspected|concerns? about how (?:agencies|the|they|services)|"
    r"having (?:identified|addressed|captured|shown)|"
    # Reasons given as findings: no abuse, an accident, learning that is clear or in hand.
    r"no (?:\w+ ){0,2}(?:learning|indication|evidence|suggestion|failures?)|accident\w*|"
    r"not (?:been )?(?:established|known)|(?:is|are|was|were) clear|agreed to act|"
    r"act(?:ed|ing)? on (?:it|this|them|the learning)|well supported|"
    r"already (?:changed|made|acted|agreed|improved|reviewed)|has (?:since )?(?:changed|"
    r"reviewed|addressed)|due to|owing to|in (?:light|view) of|given\b|"
    r"(?:can|will) be (?:addressed|taken|picked up|met)|addressed (?:through|by|in)|"
    # Reasons by what a review would or would not add, or what it is for: "unlikely to add",
    # "limited to one agency", "to understand why", "it may highlight", "with its focus on".
    r"unlikely|limited to|confined to|specific to|(?:to|will|would|may|might|could) "
    r"(?:understand|explore|examine|establish|learn|look at|highlight|identify)|"
    r"focus(?:es|ed)? on|questions? about|instead|"
    # Other work under way: "being considered in the thematic review already commissioned",
    # "will be added to the audit", "looked at as part of the review of ...".
    r"already (?:commissioned|under ?way|planned|running)|(?:being|will be) (?:considered|"
    r"looked at|examined|included|added) (?:in|through|as part of|to) (?:the|a|an|its|their) "
    r"(?:[\w'’-]+ ){0,3}?(?:review|audit|work|programme|inquiry|investigation)\b|"
    # "As several agencies missed the same signs": "as" opening a clause of reasons.
    r"as (?!well\b|part\b|soon\b|much\b|many\b|a result\b|far\b|set out\b|long\b|such\b)"
    r"(?:\w+ ){1,3}?(?:was|were|is|are|had|has|did|do|does|could|would|missed|failed|showed))\b",
    re.I,
)
# Who is not the child, when a capitalised word or name stands before "told the review".
_NOT_CHILD = (
    r"Mother|Father|Mum|Dad|She|He|They|It|The|This|That|Staff|Police|Practitioners|Officers|"
    r"Nobody|Grandmother|Grandfather|Grandparents|Aunt|Uncle|Stepfather|Stepmother|Parents|"
    r"Mr|Mrs|Ms|Miss|Dr|Nurse|Teacher|Agencies|Everyone|Someone|Keyworker|Manager|Officer|"
    r"Worker|Practitioner|Clinician|Midwife|Visitor|Lead|Adviser|Advisor|Consultant|GP|"
    r"Nan|Nanny|Gran|Granny|Grandma|Grandad|Grandpa|Sister|Brother|DC|DS|PC|When|What|Who|"
    r"Where|How|Why|If|After|Before|During|In|On|At|By|From|His|Her|Their|Its|There|Here|"
    # Plural roles at the start of a sentence: "Keyworkers told the review".
    r"[A-Z][a-z]*(?:ers|ors|ists|ians|als|ants|ents|ives)"
)
# An aside or bracket after a name that says the person is an adult or a practitioner:
# "Sandra, the social worker,", "Kelly (mother)", "Julie, the team manager,".
_ROLE_ASIDE = (
    r"(?:,\s*|\s*\(\s*)(?:the |a |an |her |his |their |[A-Z]\w*['’]s )?[^,.()]{0,30}?"
    r"\b(?:social worker|manager|nurse|teacher|officer|mother|father|mum|dad|parent|carer|"
    r"worker|visitor|GP|doctor|midwife|partner|stepfather|stepmother|grandmother|grandfather|"
    r"aunt|uncle|lead|sergeant|practitioner|adviser|DSL|chair)s?\b"
)
# Services that adults, not children, have key workers and supervisors at.
_ADULT_SERVICE = (
    r"(?! (?:at|from|in) the (?:refuge|probation|drug|alcohol|hostel|job ?centre|housing|"
    r"adult|mental health|substance|recovery))"
)
# A pseudonym (Child F, Baby L, a single letter, or a first name) telling someone, in the
# child's own words; a cover explanation for an injury ("said he fell") is not counted.
_VOICE_NAMED = re.compile(
    r"(?<!Mr )(?<!Ms )(?<!Mrs )(?<!Miss )(?<!Dr )(?<!brother )(?<!sister )"
    r"\b(?!(?:" + _NOT_CHILD + r")\b)(?:(?:Child|Baby|Young Person) [A-Z]\d?|[A-Z][a-z]*\d?)"
    # An aside may stand between: "Ayla, the eldest, told the reviewer"; not one naming a
    # role, where the person is an adult: "Sandra, the social worker, told the reviewer".
    r"(?!" + _ROLE_ASIDE + r")(?:, [^,.]{3,40},)?"
    r" (?:had |has )?(?:told|said to|spoke to|wrote to|described to|explained to) "
    r"(?:us\b|the (?:reviewer|review|panel)|(?:his|her|their) (?:teacher|form tutor|social worker|"
    r"youth (?:justice )?worker|foster carer|aunt|father|mother|dad|mum)|a (?:teacher|nurse|"
    r"teaching assistant))\b"
)
# A child named by a first name or a pseudonym, not a parent, a title or a role.
_CHILD_NAME = (
    # Not a sibling ("His brother Sam told his teacher"), nor an adult named with a role.
    r"(?<!Mr )(?<!Ms )(?<!Mrs )(?<!Miss )(?<!Dr )(?<!DC )(?<!DS )(?<!brother )(?<!sister )"
    r"\b(?!(?:" + _NOT_CHILD + r")\b)(?:(?:Child|Baby|Young Person) [A-Z]{1,2}\d?\b|"
    r"[A-Z][a-z]+\b(?<!Child)(?<!Baby)(?<!Young))(?!" + _ROLE_ASIDE + r")"
)
# The tenth writer's families: the child's words quoted where someone heard them, the child's
# own words or drawings named as theirs, what the child did by themself day to day, and a
# reviewer who met the child.
_VOICE_MORE = re.compile(
    # "Grace said in the lunch queue: "I'm not ..."", "Child N ... told her teacher that":
    # the child the subject of a verb of saying, a quotation in the first person after it.
    _CHILD_NAME
    + r"(?!['’])\b[^.\"“]{0,80}?\b(?:said|says|told|tells|wrote|writes|asked|"
    r"texted|messaged)\b[^.\"“]{0,60}?[\"“]"
    # Not a parent's words about a child or a partner: "I'm not coping with him", "my son".
    r"(?![^\"”]{0,200}?\b(?:coping|my (?:son|daughter|kids|children|baby|boy|girl|partner|"
    r"husband|wife|boyfriend|girlfriend|caseload))\b)"
    r"[^\"”]{0,200}?\b(?:I|I'm|I’m|I've|I’ve|me|my)\b|"
    + _CHILD_NAME
    + r"(?!['’])\b[^.]{0,60}?\btold (?:his|her|their|the) (?:\w+ ){0,2}?(?:teacher|"
    r"nurse|tutor|counsellor|youth worker|key ?worker|coach|mentor)\b" + _ADULT_SERVICE + r"|"
    # "Hetal's own words", "Grace's words in the lunch queue", "Nelson's drawings".
    + _CHILD_NAME
    + r"['’]s (?:own )?(?:words|wishes|drawings?|pictures?|poems?|diary|letters?|"
    r"messages|texts)\b|"
    # "The reviewer met Nelson twice", "spoke to Shannon with her mum present".
    r"(?i:\b(?:reviewer|review|panel|author|we)\b[^.]{0,30}?\b(?:met|spoke (?:to|with)|"
    r"talked (?:to|with)|heard from)) " + _CHILD_NAME + r"\b(?!['’])(?! and (?:his|her|their) "
    r"(?:mother|father|mum|dad|parents)['’])"
    # Not an adult on their own work: "spoke to Darren about his time as a foster carer".
    r"(?! about (?:his|her|their) (?:time|role|work|job|practice)\b)|"
    # Texts to the adults a child turns to: "he texted his key worker most nights".
    r"(?i:\b(?:texted|texts|messaged|messages|rang|phoned)\s+(?:his|her|their)\s+(?:key ?worker|"
    r"youth worker|mentor|form tutor|teacher|personal adviser)\b" + _ADULT_SERVICE + r")|"
    # A parent or sibling on what the child loved: "His mum says he loved trains".
    r"(?i:\b(?:mum|dad|mother|father|parents|nan|sister|brother)\b[^.]{0,20}?\b(?:says|said|"
    r"remembers|recalls)\b (?:that )?(?:he|she) (?:loved|loves|liked|likes|enjoyed|enjoys)\b)|"
    # How a named child felt: "Hana is frightened of dad", "Kyle was lonely".
    + _CHILD_NAME
    + r" (?:was|felt|seemed|became|is|feels) (?:(?:often|very|so|too|always) )?"
    r"(?:scared|frightened|afraid|lonely|unhappy|anxious|worried)\b"
    # An adult's fears and worries: "Kelly was frightened of her partner", "worried about
    # her caseload".
    r"(?! (?:of|about) (?:his|her|their) (?:partner|husband|wife|boyfriend|girlfriend|ex|"
    r"caseload|job|work|team|manager))"
)
# What the child did for themself day to day, and words only a child says of themself. Read
# only in sentences whose subject is not an adult (`_ADULT_SUBJECT`): "Mum made her own tea",
# 'Dad said: "I go to the pub with my mates"' are an adult's.
_VOICE_DAILY = re.compile(
    # "gets himself up and out", "made her own tea", "an account of his day".
    r"(?i:\bget(?:s|ting)? (?:himself|herself|themselves) (?:up|ready|dressed|to school|out)\b|"
    r"\b(?:made|makes|making) (?:his|her|their) own (?:breakfast|tea|dinner|meals?|lunch)\b|"
    r"\baccount of (?:his|her|their) (?:day|days|life|week)\b|"
    r"\b(?:written|wrote|writes) about (?:his|her|their) (?:life|day|family|home|feelings)\b|"
    r"\bhappiest (?:on|in|at|when|with)\b|"
    r"\b(?:hid|hides|hiding|would hide) (?:behind|under) the (?:sofa|table|bed|stairs|settee)\b|"
    # The child's own: "her photo diary", not "keep a communication book for every child".
    r"\b(?:his|her|their|[a-z]*[A-Z]\w*['’]s) (?:own )?(?:photo diary|learning journal|"
    r"communication book)\b)|"
    # Quoted: "since my stepdad came", "the only brown kid in the team", "nobody in my class"
    # (not a parent's "my son", "my partner"); "at school" only with "I".
    r"[\"“][^\"”]{0,200}?\b(?:my (?:stepdad|step-dad|stepmum|step-mum|teacher|form tutor|mates?|"
    r"friends)|(?:brown|black|white|only|new) kid|in my (?:class|year|form)|"
    r"I(?:'m|’m)? (?:\w+ ){0,4}?at school)\b[^\"”]{0,200}[\"”]"
)
# A sentence whose subject is an adult, a role, or the family: "Mum", "Jade's mother", "The
# head teacher", "The family", "Staff".
_ADULT_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s))\s*(?:(?:The|A|An|Her|His|Their|[A-Z][a-z]+['’]s)\s+)?"
    r"(?:(?!(?i:when|if|while|after|before|because|as|once|until)\b)[\w-]+\s+)?(?i:mum|dad|mother|father|parents?|family|grandma|grandmother|"
    r"grandfather|nan|stepfather|stepmother|partner|staff|officers?|police|teacher|"
    r"head teacher|worker|visitor|nurse|manager|GP|doctor|midwife|carers?|practitioners?)\b"
    r"[^.!?]*[.!?]?|"
    # Also after a leading clause ("Speaking to the reviewer, Ms Adeyemi", "In her statement,
    # the health visitor", "In interview Mr Dunn"), a title and surname, plural roles
    # ("Referrers were expected to wait"), and an adult's own past ("Growing up in care
    # herself, she").
    r"(?:^|(?<=[.!?]\s))\s*(?:[A-Z][^,.!?]{0,40},\s*|In \w+\s+)?(?:(?-i:(?:Mr|Mrs|Ms|Miss|Dr|Mx)"
    r"\.?\s+[A-Z]\w*)|(?i:the|a|an|his|her|their)\s+(?:[\w-]+\s+)?(?i:mum|dad|mother|father|"
    r"parents?|partner|officers?|police|teacher|worker|visitor|nurse|manager|GP|doctor|midwife|"
    r"practitioners?|assistant|therapist))\b[^.!?]*[.!?]?|"
    # (Not "Brothers", "Youngsters" or "Toddlers", who are children.)
    r"(?:^|(?<=[.!?]\s))\s*(?:(?-i:(?!(?:Brothers|Sisters|Youngsters|Toddlers)\b)"
    r"[A-Z][a-z]*(?:ers|ors|ists|ians))|The Department|"
    r"(?i:growing up|as a (?:child|teenager|young (?:woman|man))))\b[^.!?]*[.!?]?"
)
# Chores that say whose day it is by themselves (a day described, who one says one is) need
# no cue.
_CHORES_OWN = re.compile(r"(?i:describ|account|recalled|remembered|calls?\b|called|sees?\b|saw)")


def _voice_daily(text: str) -> bool:
    """Whether a child's daily life or own words show, outside sentences led by an adult."""
    unled = _blank(_ADULT_SUBJECT, text)
    if _VOICE_DAILY.search(unled):
        return True
    # An adult's own chores and confinement read the same ("he was not allowed to go to the
    # family home", "The dog would go stiff"): only where a child is about.
    for match in _VOICE_CHORES.finditer(unled):
        if _CHORES_OWN.match(match.group()) or _CHILD_CUE.search(text, 0, match.end()):
            return True
    return False


# Phrasing families found by probes written blind to these rules
# (tests/test_screen_probes_voice.py): the child heard through any adult, behaviour read as
# what it told about the child's life, routines and a baby's care described, the child's
# messages, drawings and writing, and a non-verbal child's choices. A pseudonym ("Child B",
# "Baby D"), "the girl", "Maisie (9)" or "seventeen-year-old Dion" is a child wherever it
# stands; a first name or a pronoun may be a parent, so its words count only when said to
# someone a child confides in, or when they speak of a child's world (Mum, school, a foster
# carer, "my room").
_CHILD_SURE = (
    r"(?:\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d?\b|"
    # "The girl", not "a fifteen-year-old girl, a neighbour", "the older boy" (a sibling),
    # "The teenager, Child B's half-brother," or "A young person who is exploited".
    r"\b(?i:the|this) (?:[\w-]+[- ]year[- ]old |young |little )?"
    r"(?i:girl|boy|toddler|teenager|young person)\b(?!\s+who\b)"
    r"(?!,\s*[^,.]{0,40}?\b(?i:brother|sister|half-brother|half-sister|sibling|cousin|neighbour|"
    r"friend|witness)\b)|"
    r"\b[A-Z][a-z]+ \(\d{1,2}\)|\b(?i:[a-z]+)[- ]year[- ]old [A-Z][a-z]+\b)"
)
_CHILD_SPEAKS = _CHILD_SURE + r"(?!['’])"
# What says a child is about in the paragraph, before a pronoun's chores are read as a
# child's: a pseudonym, a sibling, or a first name doing something ("Jade often missed
# meals", "Lewis's life"); not "She often went without meals so that the children could eat".
_CHILD_CUE = re.compile(
    _CHILD_SURE + r"|\b(?i:sisters?|brothers?|siblings?|twin)\b|"
    r"(?-i:" + _CHILD_NAME + r")(?:['’]s|\s+(?:often|usually|always|rarely|never|was|were|had|"
    r"would|spent|missed|looked|cared|helped|got|made)\b)"
)
_SPEECH = (
    r"(?:said|says|saying|told|tells|telling|disclosed|discloses|confided|complained|complains|"
    r"explained|explains|described|describes|describing|reported|reports|wrote|"
    r"writes|texted|messaged|whispered|insisted|answered|replied|ticked|circled)"
)
# Whoever a child tells: school staff, youth and play workers, friends, foster carers.
_CONFIDANT = (
    r"(?:(?:his|her|their|the|a|an)\s+(?:[\w'’-]+\s+){0,2}?(?:teacher|tutor|head of year|"
    r"teaching assistant|mentor|dinner (?:lady|supervisor)|(?:lunchtime|midday) supervisor|"
    r"school nurse|pastoral (?:lead|worker|manager)|youth (?:offending |justice )?worker|"
    r"play therapist|counsellor|crossing patrol(?: officer)?|friend|friends|cousin|girlfriend|"
    r"boyfriend|coach|foster carers?|advocate|young carers['’]? (?:service|worker))\b)"
)
# A child's world in what was said: a parent named as a child names them, a foster carer,
# school, a room of one's own.
_CHILD_WORLD = (
    r"\b(?:mum|dad|mummy|daddy|stepdad|step-dad|stepmum|stepfather|nan|nanny|grandad|"
    r"foster carers?|at (?:primary |secondary |high |junior |infant )?school|in class|"
    r"(?:his|her|their|my) teacher|(?:go|goes|going) to contact|"
    r"my (?:room|bedroom|door|mum|dad|nan|brother|sister|friends?|teacher)|"
    r"not allowed|(?:little|baby|younger) (?:brothers?|sisters?))\b"
)
# An adult's own matters in what was said: "frightened of her partner", "not coping".
_ADULT_WORLD = (
    r"\b(?:(?:my|his|her|their) (?:son|daughter|kids|children|baby|partner|husband|wife|"
    r"boyfriend|girlfriend|ex|caseload|job|benefits|tenancy|rent|pregnancy|midwife)|coping|"
    r"parenting|the (?:children|kids|baby))\b"
)
# Between the speaker and the verb: an aside ("Child B, aged 7,"), an adverb ("later"), or
# a first verb joined by "and" ("was spoken to in the kitchen and said"); not another subject
# ("Child C was referred by her GP after Dad reported").
_TO_VERB = (
    r"(?:,\s*[^,.;]{1,40},)?(?:\s+(?:also|later|then|first|had|has|once|repeatedly|again|"
    r"finally|eventually|herself|himself)\b)*\s+"
)
_TO_VERB_AND = (
    r"(?:" + _TO_VERB + r"|(?:,\s*[^,.;]{1,40},)?\s+(?:(?!\b(?:was|were)\b)[^.;,]){0,60}?\band\s+)"
)
# After a passive first verb ("was assessed in A&E and described as drowsy", "was visited at
# home and said very little") the second verb is the child's words only when they follow:
# "was spoken to in the kitchen and said Mum 'cries all the time'".
_TO_VERB_AND_PASSIVE = (
    r"(?:,\s*[^,.;]{1,40},)?\s+[^.;,]{0,60}?\b(?:was|were)\b[^.;,]{0,60}?\band\s+"
)
_WORDS_FOLLOW = (
    r"(?!\s+(?:as|by|to be|to have)\b)(?=\s+(?:he|she|they|how|about)\b|"
    r"[^.;]{0,40}?(?:\bthat\b|['‘\"“]))"
)
_NOT_MONTH = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Neither|Nor|Both|Each|"
    r"Every|All|No|None|Checking|Some|Most)\b)"
)
_UNSURE = r"(?:" + _NOT_MONTH + _CHILD_NAME + r"|\b(?-i:[Hh]e|[Ss]he)\b)"
# A short first act may come before the words: "Oscar shrugged and said".
_TO_VERB_SHORT = r"(?:" + _TO_VERB + r"|\s+\w+(?:\s+\w+)?\s+and\s+)"
_SAID_NOUN = (
    r"(?:comments?|remarks?|statements?|complaints?|disclosures?|questions?|request|pleas?)"
)
# A message to a friend, or "his"/"her" drawings and diary: read outside sentences an adult
# leads ("Mum sent a note to his teacher", "The mother kept a diary ...; her diary records"),
# not when a parent writes it ("In a text to her boyfriend the mother wrote"), nor a diary of
# work ("Her diary shows no visits were booked ..., when she was covering two teams").
_VOICE_WRITES = re.compile(
    r"(?i:\b(?:a|his|her|their|in a)\s+(?:[\w'’-]+\s+)?(?:text|message|note|letter|voice note|"
    r"post)s?\s+(?:to|for)\s+(?:his|her|their|a|an)\s+(?:\w+\s+)?(?:friends?|cousin|girlfriend|"
    r"boyfriend|pastoral lead|form tutor|teacher|mentor))\b"
    r"(?!,?\s+(?i:the |his |her |their )?(?i:mother|father|mum|dad|parents?|stepfather|stepmother|"
    r"partner|grandmother|grandfather)\b)|"
    # What the child made or wrote: drawings that showed, a diary that records, coursework.
    r"\b(?:(?i:his|her|their)|" + _CHILD_SURE + r"['’]s)\s+(?:\w+\s+)?(?:drawings?|pictures?|"
    r"paintings?|diary|journal|poems?|stor(?:y|ies)|booklet|worksheet|coursework)\b"
    r"(?![^.]{0,120}?\b(?:booked|covering|caseload|shifts?|rota|teams)\b)[^.]{0,80}?"
    r"\b(?:show\w*|depict\w*|records?|recorded|describ\w+|says|said|spoke of|tells?|told|wrote|"
    r"included|were of|was of)\b|"
    # A non-verbal child's choice quoted, outside sentences an adult leads: "He signed "home""
    # (not "The teaching assistant ... signed 'home time'").
    r"\b(?:signed|tapped|pressed|chose|selected)\s+['‘\"“]"
)
# An adult's working, drinking or court day, not a child's.
_NOT_ADULT_DAY = (
    r"(?![^.]{0,80}?\b(?:court|caseload|methadone|pharmacy|shifts?|pub|drinking|gym|"
    r"benefits|job ?centre|probation)\b)"
)
_VOICE_HEARD = re.compile(
    # A sure child saying anything but nothing: "Child B, aged 7, ... said Mum 'cries'";
    # not "Child N2 reported missing".
    # Not "described as drowsy", "described by the GP", "reported to be well".
    _CHILD_SPEAKS + _TO_VERB_AND + _SPEECH + r"\b(?! nothing\b| missing\b| absent\b)"
    r"(?!\s+(?:as|by|to be|to have)\b)|"
    + _CHILD_SPEAKS + _TO_VERB_AND_PASSIVE + _SPEECH + r"\b" + _WORDS_FOLLOW + r"|"
    # A single-letter pseudonym in a record: "'F says she doesn't want to go to contact".
    r"(?<!Mr )(?<!Ms )(?<!Mrs )(?<!Miss )(?<!Dr )(?<!Mx )"
    r"\b(?-i:[B-HJ-Z]) (?:says|said|told|wrote|disclosed)\b(?! (?:the|a) (?:reviewer|panel|chair))|"
    # What a child said, named as theirs: "Danny's repeated comments to staff that he was
    # 'always hungry'", "Child Z's statement that she 'didn't want to go back'".
    # (A first name's "complaints about the social worker" may be a parent's: "that" only.)
    r"(?:" + _CHILD_NAME + r"['’]s (?:\w+ )?" + _SAID_NOUN + r"\b (?:to \w+ )?that\b|"
    + _CHILD_SURE + r"['’]s (?:\w+ )?" + _SAID_NOUN + r"\b (?:to \w+ )?(?:that|about)\b)|"
    # A message from the child: "a WhatsApp message from Child I", "messages Child M sent";
    # not "texts from the young person's father".
    r"\b(?i:messages?|texts?|notes?|letters?|posts?|voice notes?)\s+(?:from\s+" + _CHILD_SPEAKS
    + r"|" + _CHILD_SURE + r"\s+(?:had\s+)?(?:sent|wrote|posted|left))\b|"
    r"\bwrote (?:in|for) (?:his|her|their|a|an) (?:[\w-]+ ){0,2}?(?:coursework|essay|story|poem|"
    r"diary|journal|homework|assignment)\b|"
    r"\b(?i:all about me|wish wall|(?<!staff )wellbeing survey)\b[^.]{0,80}?(?:\b(?:said|says|"
    r"wrote|ticked|answered|put)\b|['‘\"“])|"
    # A non-verbal child's choice: "Using his eye-gaze board, Sam chose 'no'".
    r"\b(?i:eye[- ]gaze|communication (?:board|book|app|aid|device)|symbol (?:board|cards?)|PECS|"
    # (Not "the mother signed it", "the therapist indicated a wait": no adult in between.)
    r"Makaton|talking mat)\b(?:(?!\b(?i:mother|father|mum|dad|parents?|therapist|assistant|"
    r"teacher|worker|staff|nurse|class|practitioner)\b)[^.;]){0,80}?\b(?:chose|pointed|tapped|pressed|"
    r"selected|picked|signed|"
    r"indicated|answered)\b|"
    # A non-verbal child's choices quoted: "the pages Jack had pointed to most ... "tired"",
    # "He signed "home" and then "no"".
    r"\bpointed (?:to|at)\b[^.]{0,60}?(?:['‘\"“]|\b(?:symbols?|pictures?|pages?|cards?|photos?)\b)|"
    # Behaviour read as what it told about the child's life: "understood as a sign she was
    # often hungry", "read this as distress about contact", "his way of telling adults".
    r"(?i:\b(?:read|understood|recorded|interpreted|saw|noted)\s+(?:this|it|these|that)\s+as\s+"
    r"(?:a\s+sign\s+(?:of|that)\s+)?(?:\w+\s+){0,3}?(?:fear|distress|anxiety|hunger|unhappiness)\b|"
    r"\bsigns?\s+(?:that\s+)?(?:he|she|they)\s+(?:was|were)\s+(?:often\s+|always\s+)?(?:hungry|"
    r"frightened|scared|afraid|unhappy|left alone|cold)\b|"
    # Not communication between agencies: "no communication about her distress between the
    # school and CAMHS", "The school's communications about her home life to children's
    # social care".
    r"\b(?:(?<!no )(?<!any )(?<!poor )communicat(?:ing|ed|es|ion)|"
    r"way of (?:telling|showing|saying)|"
    r"telling (?:us|them|adults|staff|people)(?: something)?)\s+(?:of|about|what)\s+"
    r"(?:his|her|their)\s+(?:distress|fear|unhappiness|feelings|experience|life|home life)\b"
    r"(?![^.]{0,60}?\b(?:between|to (?:the )?(?:children['’]s social care|social care|school|GP|"
    r"police|council|CAMHS)|with (?:the )?(?:school|CAMHS|police|agencies))\b)|"
    r"\bway of (?:telling|showing) (?:adults|us|them|staff|people) what\b|"
    # Routines and a day described: "described Baby D's day", "describe her days on the
    # ward", "how Ellie spends her evenings", "Child A's school day often began".
    # Only a child's (a name, not Mum, Dad or a title; case-sensitive inside this group), and
    # not a working or drinking day ("Sandra's days were dominated by court deadlines").
    r"\b(?:describ\w+|account of|recalled|remembered)\s+(?:how\s+)?(?-i:" + _CHILD_NAME + r")['’]s"
    r"\s+(?:\w+\s+)?(?:days?|evenings|mornings|nights|weekends|routine)\b"
    r"(?! (?:shift|off|job|centre|care|rate))" + _NOT_ADULT_DAY + r"|"
    r"\b(?:describ\w+|explained|told \w+)\s+how\s+(?-i:" + _CHILD_NAME + r")\s+"
    r"(?:spends|spent|would spend|passes|passed)\b" + _NOT_ADULT_DAY + r"|"
    r"(?-i:" + _CHILD_NAME + r")['’]s\s+(?:school |nursery |)(?:day|days|mornings|evenings|"
    r"weekends|nights)\s+(?:often |usually |always |typically )?(?:began|begins|started|starts|"
    r"ended|ends|were|meant|consisted|revolved|involved|included)\b" + _NOT_ADULT_DAY + r"|"
    # Seen day after day: "he arrived each Monday exhausted and ravenous".
    # (The name case-sensitive: inside this group "often" would be read as a name.)
    r"(?-i:" + _CHILD_NAME + r"|\b(?:[Hh]e|[Ss]he)\b) "
    r"(?:often |usually |always |regularly )?"
    r"(?:arrived?|came in|turned up) (?:at school |at nursery )?(?:each|every|most|on) "
    r"(?i:morning|day|monday|tuesday|wednesday|thursday|friday|weekday|school day)s?\b[^.]{0,30}?"
    r"\b(?:hungry|ravenous|exhausted|tired|dirty|unkempt|without|late|early)\b|"
    # Heard through a play therapist: "Through the play therapist, Lily described feeling".
    r"(?i:\b(?:through|with|to|told) (?:the|her|his|their|a) play therapist\b)|"
    # A baby's care day to day: propped bottles, hours in a bouncer, a soiled nappy at noon.
    # "his bottles were propped", not "the risks of propped bottles"; "changed" only of a
    # nappy ("Things changed when", "the plan was changed by" are not a baby's care).
    r"\bbottles? (?:was |were )?propped\b|"
    r"\bchanged (?:his|her|their|the baby['’]s) nappy\b|"
    r"\bnappy (?:was|were) (?:rarely |only |not )?changed\b|"
    r"\b(?:soiled|wet|dirty|unchanged) nappy\b)"
)
# Behaviour and a baby's care read only of the child as the subject of the clause: "Leo
# flinched", "Ravi, who has no speech, shows distress by", "the baby was fed every three
# hours"; not "The mother flinched", "Children who hoard food", "Messages ... were rarely
# picked up", "Baby E was fed by the midwife".
_CHILD_ACTS = (
    r"(?:shows? (?:his |her |their )?distress by|(?:became|becomes|went|goes|would go|"
    r"would become) (?:\w+ and )?(?:rigid|stiff|silent|frozen)\b[^.;]{0,20}?\b(?:whenever|when|"
    r"each time|every time)|flinched|flinches|hoard(?:ed|ing|s)? food|(?:fed|bathed|winded)\s+"
    r"(?:every|each|(?:only\s+)?(?:once|twice|three times|four times)\s+(?:a|per|each|every)|"
    r"when)|(?:spent|spends|left)\s+(?:most|much|long|hours|all)\b[^.;]{0,40}?\b(?:bouncer|"
    r"car seat|cot|pram|buggy|baby walker)|rarely (?:picked up|held|cuddled|taken out))\b"
)
_ACTS_GAP = r"(?:,\s*[^,.;]{1,60},)?\s+(?:[\w'’-]+\s+){0,3}?"
_VOICE_ACTS = re.compile(
    r"(?:" + _CHILD_SPEAKS + r"|\b(?i:the (?:baby|toddler))\b(?!['’])|" + _CHILD_NAME
    + r"(?!['’])(?!\s+who\b))" + _ACTS_GAP + _CHILD_ACTS
)
# The same of "he" or "she", only after the child is named in the paragraph ("Baby D's day:
# he spent most of it in a bouncer"), and outside sentences an adult leads.
_VOICE_ACTS_PRONOUN = re.compile(r"\b(?-i:[Hh]e|[Ss]he)\b" + _ACTS_GAP + _CHILD_ACTS)
_CHILD_NAMED = re.compile(_CHILD_SURE + r"|\b(?i:the baby)\b")


def _voice_acts(text: str) -> bool:
    """Whether the child (not an adult, a dog or "things") behaves so or is cared for so."""
    if _VOICE_ACTS.search(text):
        return True
    match = _VOICE_ACTS_PRONOUN.search(_blank(_ADULT_SUBJECT, text))
    return bool(match and _CHILD_NAMED.search(text, 0, match.start()))
# A first name or a pronoun may be a parent's: its words count said to someone a child
# confides in, or on a child's world and not an adult's. Read outside sentences about a
# sibling ("the eldest sibling's school recorded that he had told a teacher"): a sibling's
# own words are not the child's voice.
_VOICE_HEARD_UNSURE = re.compile(
    # "Kacper complained to the dinner lady", "She disclosed to a learning mentor".
    _UNSURE + _TO_VERB + r"(?:" + _SPEECH + r"|asked|asks)\s+(?:(?:in|to|of)\s+)?"
    + _CONFIDANT + r"|"
    # "Kai said he wanted to stay with his foster carers", "He said he felt safer at school".
    + _UNSURE + _TO_VERB_SHORT + _SPEECH + r"\b(?![^.;]{0,160}?" + _ADULT_WORLD + r")[^.;]{0,160}?"
    r"(?i:" + _CHILD_WORLD + r")"
)
_SIBLING_SENTENCE = re.compile(r"[^.]*\b(?:siblings?|brothers?|sisters?)\b[^.]*", re.I)
# A sure child's routine: "Child K was usually up late", "often saw Child N at the corner shop
# ... for his breakfast"; not a visit ("Child N was usually seen at school").
_ROUTINE_FREQ = (
    r"(?:usually|often|always|rarely|never|regularly|routinely|most (?:days|nights|mornings)|"
    r"every (?:day|night|morning|evening)|each (?:day|night|morning|evening))"
)
_ROUTINE_LIFE = (
    r"(?:school|nursery|homework|nappy|bottles?|bouncer|car seat|pram|buggy|playground|"
    r"break ?time|registration|up late|shop)"
)
_ROUTINE_NOT = (
    r"(?![^.]{0,80}?\b(?:seen|visited|spoken|weighed|reviewed|assessed|attend\w*|absent|"
    # The child as the object of agency process: "regularly discussed at the safeguarding
    # meetings", "often the subject of referrals", "mentioned in the nursery's records".
    r"discussed|mentioned|referr\w*|subject of|named|flagged|excluded)\b)"
)
_VOICE_ROUTINE = re.compile(
    r"(?:" + _CHILD_SPEAKS + r"|\b(?i:the (?:baby|toddler))(?!['’]))" + _ROUTINE_NOT
    + r"[^.]{0,40}?\b"
    + _ROUTINE_FREQ + r"\b[^.]{0,80}?\b" + _ROUTINE_LIFE + r"\b|"
    r"\b" + _ROUTINE_FREQ + r"\b (?:saw|found|met) " + _CHILD_SPEAKS + r"[^.]{0,80}?\b"
    + _ROUTINE_LIFE + r"\b"
)
# The same said of a pronoun or a first name, read only outside sentences led by an adult
# (`_voice_daily`): a child's chores and confinement, and habits only a child has.
_VOICE_CHORES = re.compile(
    r"(?i:\b(?:looked|looks|looking|look|cared|caring) (?:after|for) (?:his|her|their) "
    r"(?:little |younger |baby |older |two |three )*(?:brothers?|sisters?|siblings|mum|dad)\b|"
    r"\bhelped (?:his|her|their) (?:mum|dad|mother|father) (?:into|to|with|out|up)\b|"
    r"\b(?:was|were) (?:made|forced|expected) to (?:clean|cook|look after|care for|stay|sleep|"
    r"sit|stand|hold|carry|wait)\b|"
    r"\b(?:was|were) not allowed to (?:eat|go|play|leave|see|have|sleep|sit|talk|speak|use)\b|"
    r"\bkept in (?:his|her|their) (?:room|bedroom)\b(?! (?:wardrobe|drawer|cupboard))|"
    r"\b(?:missed|skipped|went without) (?:meals|breakfast|tea|food|dinner|lunch)\b|"
    r"\b(?:he|she|they) (?:rarely|never|often|usually) went to school\b|"
    r"\b(?:he|she|they) spent (?:most|many|long) (?:evenings|days|nights|weekends)\b|"
    # Who the child says they are: "Kai describes himself as "mixed, but Black ..."".
    r"\b(?:describes?|described|calls?|called|sees?|saw) (?:himself|herself|themselves|themself) "
    r"as\b[^.]{0,10}?['‘\"“]|"
    # "Nursing notes describe her days on the ward": not an adult's own day ("an account of
    # his day shift"), nor in a sentence an adult leads.
    r"\b(?:describ\w+|account of|recalled|remembered)\s+(?:how\s+)?(?:his|her|their)\s+"
    r"(?:\w+\s+)?(?:days?|evenings|mornings|nights|weekends|routine)\b"
    r"(?! (?:shift|off|job|centre|care|rate))(?![^.]{0,120}?" + _ADULT_WORLD + r")|"
    r"\bgot up at (?:\w+|\d+)\b[^.]{0,40}?\b(?:to help|to get|made breakfast|for school)\b|"
    r"\bwould (?:not |never |only )?(?:cling|wet the bed|soil|rock|go stiff|freeze|hide|"
    r"sleep unless|cry (?:at|when|whenever|if|until))\b)"
)
# Cover explanations for an injury are not the child's account (labelling rules): the clause
# that gives one is blanked, so "said he had fallen off the trampoline; later ... he said Dad
# 'gets cross'" keeps its second clause.
_COVER = re.compile(
    r"[^.;]*\b(?:said|says|told|explained|explanation)\b[^.;]*?(?:\b(?:he|she|they|I|it|baby|"
    r"child|(?-i:[A-Z]\w*))\s+(?:had\s+|has\s+|just\s+)*(?:fell|fallen|slipped|tripped|bumped|rolled|"
    r"walked into|touched|banged|caught)\b|"
    # An accident to one's own hand or knee ("he burnt his hand on the iron"), not a cut made
    # "with" something or "because".
    r"\b(?:he|she|they|I)\s+(?:had\s+)?(?:burnt|burned|cut|scalded|grazed)\s+(?:his|her|their|my)\s+"
    r"(?:hand|arm|leg|finger|foot|knee|face|head|chin|lip)s?\s+(?:on|at|in|against|when|while|"
    r"playing)\b|\b(?:a|the) (?:dog|ball|swing|door|boy|girl)\s+(?:had\s+)?knocked\b|"
    r"\bhit by (?:a|an|the) (?:swing|ball|door|cupboard|toy|bike|branch|gate)\b|"
    r"\bgot (?:the|a|that) (?:burn|bruise|cut|mark)s? from\b|"
    r"\b(?:bruises?|marks?|burns?|injur\w+|cuts?|scratch\w*)\s+(?:on [^.;]{0,30}?\s+)?"
    r"(?:was|were|came|had come)\s+from\b|\b(?:in|during|at) PE\b|"
    r"\bplaying football\b|\ban accident\b)[^.;]*",
    re.I,
)
# A sentence that asks for the child's voice, plans for it or puts it as a question is not
# the child's voice: "should ensure the voice of the child is captured", "How well did
# agencies understand the lived experience of the child?", "The plan was for ... direct work".
# Only the general words are blanked in it, so a child's words in the same sentence stay.
_ASKED = re.compile(
    r"[^.?!]*\?|[^.!?]*\b(?:should|must|ought to|needs? to|ensure|are asked to|is asked to|"
    r"to use|to seek|to capture|it is (?:important|essential|vital)|the plan (?:was|is) (?:for|to)|"
    r"planned|will be offered|referral (?:to|for))\b[^.!?]*[.!?]?",
    re.I,
)
_GENERAL_VOICE = re.compile(
    r"voice of the child|(?:child|children|young person|young people)['’]s? (?:own )?(?:voice|"
    r"views?|wishes|feelings|perspective|lived experience|daily life)|lived experience|"
    r"direct work|wishes and feelings|seen alone|three houses|play therap(?:y|ist)|"
    r"what (?:life|home) (?:was|is) like|typical day",
    re.I,
)


# Behaviour, a baby's care and communication asked for or taught ("should record when a pupil
# hoards food", "treat behaviour as a child's way of telling adults") are no particular
# child's: blanked in those sentences too.
_ASKED_ACTS = re.compile(
    r"flinch\w*|froze|frozen|hoard\w*|propped|distress|rarely (?:picked up|held|cuddled)|"
    r"car seat|bouncer|communicat\w+|way of (?:telling|showing|saying)|telling (?:us|them|adults|"
    r"staff|people)",
    re.I,
)


def _unasked(text: str) -> str:
    """The text with the general words of the child's voice blanked where they are asked for."""
    # A line of a few words is a heading or a label ("Voice of the child"), not an account.
    if len(text.split()) <= 5:
        return _blank(_GENERAL_VOICE, text)
    return _ASKED.sub(lambda m: _blank(_ASKED_ACTS, _blank(_GENERAL_VOICE, m.group())), text)


# Headings over the child's own account or daily life, not the family's or practitioners'.
_VOICE_HEADING = re.compile(
    r"\b(?:voice|words|daily life|lived experience|world|experience|view|told us|said)\b|"
    r"['’]s days?\b",
    re.I,
)
_VOICE_HEADING_NOT = re.compile(
    r"famil|parent|mother|father|practitioner|professional|\bmum|\bdad|panel|police|agenc|"
    r"workforce|glossary",
    re.I,
)
# The pseudonym is matched case-sensitively ("Child F said", not "child is shared").
_VOICE = re.compile(
    # Being asked is not answering: "Child H2 was asked about his journey".
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d? (?i:(?!(?:was|were|is|had been) asked\b)"
    r"(?:\w+ )?(?:said|says|told|tells|described|"
    r"describes|asked|asks|wrote|writes|drew|explained|explains|disclosed|discloses|indicated|"
    r"shared|spoke|talked|wanted|wants|wished|did not want|was (?:seen alone|spoken to alone)))\b|"
    # A description of the child: "Child C was a talented swimmer who trained", "her parents
    # describe a girl who"; not the household ("Child X was a boy aged two who lived with his
    # mother").
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d? (?:is|was) (?:described (?:by [^.]{0,30}? )?as )?"
    r"(?:a|an) (?:[\w-]+,? ){0,3}?[\w-]+ who (?!was\b|were\b|had\b|has\b|is\b|did\b|died\b|"
    r"lived\b|lives\b|moved\b)|"
    r"(?i:\bdescrib(?:e|es|ed)\s+(?:a|an)\s+(?:[\w-]+,?\s+){0,3}?(?:girl|boy|baby|child|toddler|"
    r"teenager|young person)\s+who\b|\bdescribed (?:his|her|their) daily life\b|"
    # Messages to friends and family: "texts his friend that", "her messages ... described".
    r"\b(?:texted|texts|messaged|messages|wrote to|told|tells|confided in)\s+(?:his|her|their|a)\s+"
    r"(?:best\s+)?(?:friend|friends|girlfriend|boyfriend|cousin|coach|football coach)\b|"
    r"\b(?:his|her|their)\s+(?:messages|texts|posts|notes)\b[^.]{0,60}?\b(?:described|said|"
    r"showed|spoke of)\b|"
    # "Messages Child K sent to a friend", "notes she wrote to her sister".
    r"\b(?:messages?|texts?|notes?|letters?|posts?)\s+(?:(?:Child|Young Person)\s+[A-Z]{1,2}\d?|"
    r"he|she)\s+(?:had\s+)?(?:sent|wrote|posted)\s+to\b)|"
    r"(?i:\bseen alone\b|\bwishes and feelings\b|\bvoice of the child\b|"
    r"\bin (?:his|her|their) (?:own )?words\b(?![^.]{0,200}?\bmy (?:son|daughter|children|kids|"
    r"baby|partner|husband|wife)\b)|\bwants? (?:you|us|people|professionals) to know\b|"
    r"\bdirect work\b|\blived experience\b|"
    r"\b(?:the child's|child [a-z]{1,2}'s|the young person's) own account\b|"
    r"\b(?:child's|children's|young person's) (?:views|wishes|feelings|perspective)\b|"
    r"\bspoke (?:to|with) (?:him|her|them) alone\b|"
    r"\bwhat (?:life|home|daily life|school) (?:was|is) like for\b|"
    r"\b(?:drew|draw|drawing) pictures\b|"
    # The child's hopes, said of the child (not "the officer wanted to be clear").
    r"\b(?:he|she|they|(?:Child|Young Person) [A-Z]{1,2}\d?) (?:always |once |had |has )?"
    r"(?:wanted|wants|hopes?|hoped) to (?:be|become|study)\b"
    r"(?! (?:clear|sure|certain|seen|told|safe)\b)|"
    # Or of anyone named, when what they hoped to be is a calling: "Kenya ... wanted to be a
    # tattoo artist".
    r"\b(?:wanted|wants|hopes?|hoped) to (?:be|become) (?:a|an) |"
    r"\b(?:talks?|talked|spoke|speaks|dreams?|dreamed) (?:about|of) (?:wanting|becoming|being)\b|"
    # What the child made or wrote: a diary, a story, drawings in play therapy.
    r"\b(?:his|her|their) (?:diary|journal|poem|story|letter)\b[^.]{0,40}?\b(?:described|said|"
    r"showed|wrote)\b|\bwrote in (?:a|her|his|their) (?:story|diary|poem|journal)\b|"
    r"\bplay therapy\b|"
    # Direct-work tools and what the child made: "the three houses", "the worry scale",
    # "scored her happiness at 2 out of 10", "Child K's drawing showed", "Child G's view was".
    r"\b(?:three houses|house of (?:worries|dreams|good things)|worry (?:scale|box|jar|monster)|"
    r"(?:scored|rated) (?:his|her|their) (?:\w+ ){1,3}?(?:at|as) \d+ out of (?:10|ten))\b|"
    r"\b(?:his|her|their) day (?:began|begins|started|starts)\b|"
    # Daily life said plainly: "what was it like to be Child D?", "a typical day for".
    r"\bwhat (?:was|is) it like (?:to be|for)\b|\b(?:typical|ordinary|usual) day\b|"
    # "Her daily life was", not "the parent who knew most about Child Z's daily life".
    r"(?<!about )(?<!of )\b(?:(?:his|her|their) |(?:Child|Baby|Young Person) [A-Z]{1,2}\d?['’]s )"
    r"(?:day-to-day|everyday|daily) (?:life|routines?) (?:was|is|were|revolved|involved|"
    r"meant|included|began|started|consisted|centred|centered)\b(?! not\b)|"
    # Told to someone a child confides in (not "she told the GP", who may be a parent).
    r"\b(?:she|he) (?:told|confided in|disclosed to) (?:the|her|his|a) (?:school |class |form )?"
    r"(?:teacher|counsellor|tutor|youth worker|school nurse)\b|"
    # Earlier, about themself: "he had told the school nurse in September that he ...".
    r"\b(?:she|he) had (?:told|confided in) (?:the|her|his|a) (?:school |class |form )?"
    r"(?:teacher|counsellor|tutor|youth worker|school nurse)(?: in \w+)? that (?:she|he)\b|"
    # Daily life: "a contented baby who loved being carried", "a lively boy who loves horses".
    r"\b(?:baby|boy|girl|child|toddler) who (?:loves?|loved|likes|liked|enjoys|enjoyed)\b|"
    # A teacher's or nursery's account of the child's day: "his teacher told the panel that
    # he often arrived without breakfast", "where he liked to help with the younger ones".
    r"\b(?:teacher|teaching assistant|nursery|nursery staff|key ?worker|childminder|form tutor)"
    r"\b[^.]{0,60}?\b(?:told|said|says|described|reported|noticed|notes?)\b[^.]{0,40}?"
    r"\b(?:he|she|they) (?:(?:often|usually|always|regularly|would) (?:arrived?|came|come|"
    r"seemed|looked|fell asleep|ate|played|hid|sat|cried|stayed)|(?:liked|loved|enjoyed) "
    r"(?:to|being|playing|helping))\b)|"
    # The reviewer met the child with a parent: "the reviewer met Paris and her mother".
    r"(?i:\b(?:reviewer|review|panel|we)\b[^.]{0,30}?\b(?:met|spoke (?:to|with)|talked (?:to|with)|"
    r"heard from)) (?!(?:Mum|Dad|Mother|Father|Nan|Grandma|Grandad|Aunt|Uncle|Mr|Mrs|Ms|Miss|Dr)\b)"
    r"[A-Z][a-z]+ and (?:his|her|their) (?:mother|father|mum|dad|parents|carers?|foster carers?|"
    r"grandmother|grandfather|grandparents|nan)\b|"
    r"\b(?:Child|Young Person) [A-Z]{1,2}\d?['’]s (?:own )?(?:views?|wish(?:es)?|words|account|"
    r"feelings|hopes?|fears?|drawings?|pictures?|poems?|diary|story|letters?)\b|"
    # The reviewer heard the child: "the reviewer met Child B", "Child B met the reviewer";
    # not a practitioner on a visit ("the personal adviser met Child U"), nor "met Child
    # JJ's mother" or "Child Z's parents met the reviewer".
    r"(?i:\b(?:reviewer|review|panel|author|we)\b[^.]{0,30}?\b(?:met|spoke (?:to|with)|"
    r"talked (?:to|with)|heard from)) (?:Child|Young Person) [A-Z]{1,2}\d?\b(?!['’])|"
    r"\b(?:Child|Young Person) [A-Z]{1,2}\d?\b(?!['’])[^.]{0,40}?\b(?i:met|spoke (?:to|with)|"
    r"talked (?:to|with)|wrote to) the (?i:reviewer|review|panel|lead reviewer|author)\b|"
    # How the child felt and lived, habits included: "Child A was scared of the dark",
    # "Child E would hide under the table".
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d? (?:was|felt|seemed|became|is|feels) "
    r"(?:(?:often|very|so|too|always|increasingly) )?(?i:scared|frightened|afraid|worried|"
    r"anxious|lonely|happy|unhappy|sad|upset|angry|embarrassed|ashamed|proud|excited|bored|"
    # How the child was seen to be, day to day: "at nursery Child R2 was watchful".
    r"watchful|withdrawn(?! from)|tearful|clingy|wary|subdued)\b|"
    # The child's words after an aside: "Child M, speaking to the reviewer with her
    # advocate, said she wanted to stay with her nan".
    r"\b(?:Child|Young Person) [A-Z]{1,2}\d?, [^,.]{3,60}, (?:said|told|wrote|explained|"
    r"described)\b(?! nothing\b)|"
    # Life at home or school described: "Child F's life at home was chaotic", "her days were".
    r"\b(?:(?:his|her|their) |(?:Child|Baby|Young Person) [A-Z]{1,2}\d?['’]s )(?:life at "
    r"(?:home|school|nursery)|home life|days) (?:was|were|is|are)\b(?! not\b)|"
    # The review says the child's voice is heard in it.
    r"\b(?:(?:his|her|their) |(?:Child|Baby|Young Person) [A-Z]{1,2}\d?['’]s )voice (?:is|was|"
    r"has been) (?:\w+ )?(?:heard|clear|present|central|captured)\b|"
    # Not "plan how Child AA would stay connected": what others intend.
    r"(?<!how )(?<!whether )(?<!that )(?<!if )(?<!where )(?<!when )"
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d? (?:would|used to) (?:often |usually |always )?"
    r"(?!have\b|be\b|not\b|need\b|require\b|benefit\b)[a-z]+\b"
)
# What the child enjoys and does: "Child J enjoyed the songs her brother sang", "Child DD goes
# to breakfast club every morning". What a child loves or likes is not read in a family or
# background section, where it is a list of tastes beside the household ("Child V: Reception
# class; "loves Hawaiian pizza and the Lion King"").
_VOICE_DOES = re.compile(
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d?\b[^.]{0,40}?"
    r"\b(?<!-)(?:goes to|plays|spends|volunteer(?:s|ed)?)\b"
)
_VOICE_TASTES = re.compile(
    r"\b(?:Child|Baby|Young Person) [A-Z]{1,2}\d?\b[^.]{0,40}?"
    r"\b(?<!-)(?:enjoy(?:s|ed)?|loves?|loved|likes|liked)\b"
)
_TASTES_SECTION = re.compile(r"famil|household|background|composition|who(?:'s| is) who", re.I)
# Said or written about the child's voice, but in the negative ("the voice of the child is
# largely absent", "wishes and feelings were not recorded"), or a cover story repeated
# ("Child E said the same"); blanked before the voice patterns look.
_NO_VOICE = re.compile(
    r"""(?:voice\s+of\s+the\s+child|wishes\s+and\s+feelings|(?:his|her|their)\s+voice)
            \s+(?:is|was|are|were|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?
            (?:not|absent|missing|never|rarely|unheard|lost)\b[^.]*
      | (?:Child|Baby|Young\s+Person)\s+[A-Z]{1,2}\d?\s+said\s+the\s+same\b
      | not\s+(?:seen\s+or\s+)?spoken\s+to\s+alone
      | (?:not|never)\s+(?:been\s+)?seen\s+alone
      # "There is no record of Child N's own view", "her view ... was not recorded".
      | (?i:no\s+record\s+of|nothing\s+(?:is\s+)?(?:recorded|known)\s+(?:of|about))\b[^.]*
      | (?i:(?:views?|wish(?:es)?|voice|account|feelings)\b[^.]{0,60}?\b(?:was|were|is|are)\s+
            (?:not|never)\s+(?:\w+\s+)?(?:recorded|sought|heard|asked|captured|known|explored|
            considered|obtained|documented|ascertained|listened\s+to))\b[^.]*
      # "There is little sense of what life was like for Child Q"; direct work not done or
      # still to come ("no direct work was done", "direct work is planned").
      | (?i:(?:little|no|not\s+much|any)\s+(?:sense|idea|record|picture|understanding)\s+of\s+
            what\s+(?:life|home|daily\s+life|school|it)\s+(?:was|is)\s+like)\b[^.]*
      | (?i:no\s+direct\s+work|direct\s+work\b[^.]{0,40}?\b(?:is|was|are|were|will\s+be)\s+
            (?:planned|proposed|not|never|to\s+be))\b[^.]*
      # A cover explanation for an injury is not the child's account of their life.
      | (?:Child|Baby|Young\s+Person)\s+[A-Z]{1,2}\d?\s+(?:said|says|told\s+\w+)\s+(?:that\s+)?
            (?:he|she|they)\s+(?:had\s+)?(?:fell|fallen|slipped|tripped|bumped|walked\s+into|
            banged|fell\s+off|had\s+an\s+accident)\b[^.]*
      # What should have happened and did not: "direct work with him should have been".
      | (?i:(?:direct\s+work|wishes\s+and\s+feelings|seen\s+alone)\b[^.]{0,40}?\bshould\s+have)\b
      | (?i:(?:no\s+one|nobody|never)\s+(?:\w+\s+){0,2}?(?:asked|heard|spoke\s+(?:to|with)))\b[^.]*
      # What the records do not hold: "None of them describes her ... what her days were like".
      | (?i:\b(?:none|neither|no\s+one|nobody|no\s+record|no\s+agency)\b(?:\s+of\s+them)?\s+
            (?:\w+\s+){0,2}?(?:describes?|described|records?|recorded|says?|said|knew|knows)\b
            )[^.]*
      # Not sought, before the words: "did not seek Child C's wishes and feelings".
      | (?i:\b(?:did|do|does|had|has|have|was|were)\s+not\s+(?:\w+\s+)?(?:seek|sought|ask|asked|
            record|recorded|hear|heard|explore|explored|consider|considered|capture|captured|
            obtain|obtained|know|knew|understand|understood)\s+(?:[\w'’]+\s+){0,3}?(?:wishes|
            views?|voice|feelings|perspective|experience)(?:\s+and\s+feelings)?)\b
      # A parent seen alone is not the child: "Mrs V was seen alone", "every mother is seen alone".
      | (?i:(?:mother|father|mum|dad|parents?|mothers|fathers|woman|women|carer)\b[^.]{0,30}?\b
            seen\s+alone)
      | (?-i:(?:Mrs|Ms|Mr|Miss)\s+[A-Z]\w*)[^.]{0,30}?\bseen\s+alone
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Finding:
    """One scorecard component for one review: a value and the passages behind it."""

    value: str
    evidence: tuple[str, ...] = ()


def lcspr_rationale(passages: list[Passage], kind: str | None) -> Finding:
    """Whether a rapid review records its LCSPR decision and the reasons for it.

    `true` when a passage that states the decision (or its section) gives reasons; `false`
    when the decision is stated bare or not found; `n/a` for other kinds of review.
    """
    if kind != "rapid_review":
        return Finding("n/a")
    body = [p for p in passages if p.kind in ("paragraph", "bullet")]
    decisions = [
        p
        for p in body
        if (_LCSPR.search(p.text) or (p.section and _LCSPR.search(p.section)))
        and _DECISION.search(_blank(_UNDECIDED, p.text))
    ]
    if not decisions:
        return Finding("false")
    sections = {p.section for p in decisions if p.section and _LCSPR.search(p.section)}
    # Reasons may follow the decision in the next paragraph of its section ("Reasons: ...").
    following = {
        body[i + 1].passage_id
        for i, p in enumerate(body[:-1])
        if p in decisions and body[i + 1].section == p.section
    }
    reasoning = [
        p
        for p in body
        if (p in decisions or p.section in sections or p.passage_id in following)
        and _RATIONALE.search(p.text)
    ]
    if reasoning:
        return Finding("true", tuple(p.passage_id for p in reasoning))
    return Finding("false", tuple(p.passage_id for p in decisions))


def child_voice(passages: list[Passage]) -> Finding:
    """Whether the child's own words, wishes, feelings or daily life appear in the review."""
    evidence = [p.passage_id for p in passages if p.kind in BODY and _gives_voice(p)]
    return Finding("true" if evidence else "false", tuple(evidence))


def _gives_voice(passage: Passage) -> bool:
    """Whether one paragraph gives the child's own account or daily life."""
    text = _unasked(_blank(_COVER, _blank(_NO_VOICE, passage.text)))
    if (
        any_match(_VOICE, text)
        or _VOICE_MORE.search(text)
        or _voice_daily(text)
        or prefiltered(_VOICE_NAMED).search(_blank(_COVER, passage.text))
        or prefiltered(_VOICE_HEARD).search(text)
        or prefiltered(_VOICE_HEARD_UNSURE).search(_blank(_SIBLING_SENTENCE, text))
        or prefiltered(_VOICE_ROUTINE).search(text)
        or _voice_acts(text)
        or _VOICE_WRITES.search(_blank(_ADULT_SUBJECT, text))
        or prefiltered(_VOICE_DOES).search(text)
        or (
            not (passage.section and _TASTES_SECTION.search(passage.section))
            and prefiltered(_VOICE_TASTES).search(text)
        )
    ):
        return True
    # A heading over the child's account counts for what is under it, but not a paragraph
    # that only says the voice is missing, asks for it, or repeats the heading: a few words
    # must be left when those are blanked.
    return bool(
        passage.section
        and _VOICE_HEADING.search(passage.section)
        and not _VOICE_HEADING_NOT.search(passage.section)
        and len(_blank(_GENERAL_VOICE, text).split()) > 4
    )


_FAMILY_VIEWS = re.compile(
    r"""\b(
        (?:mother|father|mum|dad|parents?|family|grandmother|grandfather|carers?|aunt|uncle)\b
            [^.]{0,40}?
            \b(?:was|were) \s+ (?:invited|asked|offered|approached) \s+
            # "invited by letter and by telephone to take part"
            (?:[^.]{0,50}?\s)? to \s+ (?:contribute|take\ part|participate|meet|speak)
      # "She was invited to contribute by letter ...": a pronoun invited to the review itself.
      | (?-i:She|He|They|she|he|they) \s+ (?:was|were) \s+ invited \s+ (?:[^.]{0,30}?\s)?
            to \s+ (?:contribute|take\ part|participate|meet\ the\ review)
      | (?:family|parents?|mother|father)(?:'s|s')? \s+ (?:views?|perspective|contribution)
      | (?:mum|dad|grandmother|grandfather|grandparents|carers?)(?:'s|s'|’s|s’) \s+
            (?:views|perspective|contribution)\b
      | (?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents|aunt|uncle|
           carers?)
            # An aside may stand between: "Mum, who came here at fifteen ..., told the reviewer".
            \b (?:,[^,]{0,140},)? [^.]{0,60}? \b (?:met|spoke\ (?:\w+\ )?(?:to|with)|told|
            talked\ (?:to|with)|contributed\ to|shared\ with|asked|wrote\ to)
            \s+ (?:the\s+)? (?:review|reviewer|panel|review\ panel|panel's\ chair|lead\ reviewer|
            (?:independent\ |review's\ |panel's\ )?chair|author|overview\ author)\b
            # Not another meeting's chair ("the chair of the core group", "of governors"), but
            # "the chair of the review".
            (?!\s+of\b(?!\s+(?:the\s+|this\s+)?(?:rapid\s+)?(?:review|panel|LCSPR)\b))
      # A parent at the review's meeting or in its list of those present: "her mother attended
      # part of the meeting", "Present: chair; ...; Child N's father, Mr T".
      | (?:mother|father|mum|dad|parents|grandmother|grandfather|grandparents|aunt|uncle)
            \b [^.]{0,20}? \b (?:came\ to|attended|joined) \s+
            (?:the\ first\ part\ of\ |part\ of\ |the\ start\ of\ )?the\ meeting\b
            (?!\ (?:on|at|in)\ \d)
      | (?-i:Present|Attended|Attendees|In\ attendance) \s* : [^.]{0,200}? \b
            # Not a possessive naming a professional: "father's probation officer".
            (?:mother|father|mum|dad|parents|grandmother|grandfather)\b (?!['’]s\b)
      # Asked for the panel: "met Ms M to ask what she wanted the panel to know".
      | (?:wanted|wants|want) \s+ the \s+ (?:panel|review|reviewer|chair) \s+ to \s+ know
      # "Child X's mother took part; his father did not respond to two letters."
      | (?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents|carers?)
            \s+ (?:both\s+|also\s+|all\s+)?(?:took\ part|contributed|participated)\b
      | did\ not\ (?:respond|reply)\ to\ (?:\w+\ ){0,3}(?:letters?|invitations?)
      | (?:mother|father|parents|family|grandmother|grandparents)\ (?:was|were)\ interviewed
            (?!\ by\ (?:the\ )?police)
      | (?:reviewer|review|panel|chair|author|we) \b [^.]{0,200}? \b
            # Not someone else's silence: "the father ... never spoke to them".
            (?<!never\ )(?<!not\ )(?<!n't\ )
            (?:met|interviewed|spoke|talked|visited|heard\ from|conversations?|asked) \b
            [^.]{0,80}? \b
            (?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents|aunt|
            uncle)\b
      | (?:did\ not|didn't)\ wish\ to\ (?:take\ part|contribute|participate)
      # "The family chose not to take part", "were offered a meeting with the panel chair".
      | (?:family|parents?|mother|father|mum|dad|grandmother|grandfather|grandparents|
           (?-i:Ms|Mrs|Mr|Miss))
            \b [^.]{0,40}? \b (?:chose|decided|preferred)\ not\ to\ (?:take\ part|contribute|
            participate|meet)
      | (?:family|parents?|mother|father|mum|dad|grandmother|grandfather|grandparents|carers?)
            \b [^.]{0,20}? \b (?:was|were) \s+ offered \s+ (?:a\ |the\ )?
            (?:meeting|opportunity|chance|visit)
      # Shared with the review or visited by it: "shared her memories with the reviewer",
      # "the mother was visited at home by the reviewer", "the reviewer wrote to both parents".
      | (?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents|aunt|uncle|
           carers?)
            \b [^.]{0,40}? \b (?:shared|gave|offered|explained|described) \s+ (?:\w+\s+){0,3}?
            (?:with|to) \s+ (?:the\s+)? (?:review|reviewer|panel|lead\ reviewer|author)\b
      | (?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents)
            \b [^.]{0,20}? \b (?:was|were) \s+ (?:visited|interviewed|met|seen)
            \s+ (?:\w+\s+){0,3}? by \s+ (?:the\s+)? (?:reviewer|review|panel|lead\ reviewer|
            author|chair)\b
      | (?:reviewer|review|panel|chair|author|we) \s+ (?:wrote|write|writes) \s+ to \s+
            (?:both\s+|the\s+)? (?:parents|mother|father|family|grandparents)\b
      | (?<!worker\ )(?<!officer\ )(?<!nurse\ )(?<!visitor\ )(?<!police\ )(?<!GP\ )
        (?<!doctor\ )(?<!consultant\ )(?<!midwife\ )(?<!staff\ )
            (?:met|spoke|talked) \s+ (?:with|to) \s+ (?:the\s+)?
            (?:mother|father|parents|family|grandmother|carers?)
            (?!\s+(?:on|at|in)\s+(?:\d|the\s+(?:hospital|ward|home|house|door)))
      | family\ involvement
      # "Ms R told the reviewer": parents in reviews are a title and an initial.
      | (?:Ms|Mrs|Mr|Miss) \s+ [A-Z]{1,2} \b [^.]{0,40}? \b (?:told|met|spoke\ (?:to|with)|
            wrote\ to) \s+ (?:the\s+)? (?:review|reviewer|panel|lead\ reviewer|author|
            (?:independent\ |review's\ |panel's\ )?chair)\b
      | declined \s+ to \s+ (?:take\ part|contribute|participate|meet)
      # A review that writes as "we": "Ms K and Oskar met us twice", "Tomi's parents met us",
      # "Her father told us"; "We visited Ms E at her flat".
      | (?:(?:mother|father|mum|dad|parents|family|grandmother|grandfather|grandparents|aunt|
           uncle|carers?)\b|(?-i:(?:Mr\ and\ Mrs|Ms|Mrs|Mr|Miss)\s+[A-Z]{1,2}\b))
            [^.]{0,40}? \b (?:told|met|spoke\ (?:to|with)|talked\ (?:to|with)|wrote\ to)
            \s+ us\b
      | \bwe \s+ (?:met|visited|interviewed|spoke\ (?:to|with)|talked\ (?:to|with))
            \s+ (?-i:(?:Mr\ and\ Mrs|Ms|Mrs|Mr|Miss)\s+[A-Z]{1,2}\b)
      | (?:the\ )?family\ told\ the\ review
      # A parent at the review's own meeting: "Mrs K came to the panel's second meeting".
      | (?:(?:Ms|Mrs|Mr|Miss)\s+[A-Z]{1,2}|mother|father|mum|dad|parents|grandmother|
           grandfather|grandparents|family) \b [^.]{0,40}? \b (?:came\ to|attended|joined)
            \s+ (?:part\ of\ )?(?:the\s+)? (?:panel|review|rapid\ review)(?:'s)?
            (?:\s+\w+)? \s+ (?:meeting|session|panel)\b
      # Sought and not reached: "the review was unable to make contact with the family".
      | (?:reviewer|review|panel|chair|author|we) \b [^.]{0,40}? \b
            (?:unable|not\ able|tried|attempted|sought) \s+ to \s+
            (?:make\ contact\ with|contact|reach|meet|speak\ (?:to|with)) \s+ [^.]{0,30}?
            \b (?:family|mother|father|parents|mum|dad|grandmother|grandparents)\b
      | (?:mother|father|parents?)\ told\ the\ (?:review|reviewer)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_PRACTITIONER_VIEWS = re.compile(
    r"\b(practitioner (?:events?|workshops?|sessions?|learning events?|groups?)|learning events?|"
    r"(?:practitioner|staff|professionals') (?:focus groups?|questionnaires?|surveys?)|"
    r"focus group|practitioners (?:who met|at (?:the )?(?:(?:rapid )?review|meeting|panel))|"
    # The panel's members named as front-line staff: "The panel included the school nurse, the
    # form tutor and the allocated worker" (not "met with the drug service manager").
    r"panel (?:included|comprised|was made up of)\b[^.]{0,120}?\b(?:school nurse|form tutor|"
    r"class teacher|teachers?|social workers?|allocated worker|health visitors?|midwi(?:fe|ves)|"
    r"GPs?|paramedics?|DSL|key ?workers?|family support workers?|youth workers?)\b|"
    # "held a workshop with fourteen practitioners".
    r"(?:workshop|session|event)s? (?:with|for) (?:\w+ ){0,3}?(?:practitioners|front-?line staff)|"
    r"(?:met|spoke|talked|conversations?) with (?:the )?(?:practitioners|front-?line staff|"
    r"professionals|managers)|practitioners (?:who|were) (?:attended|interviewed|consulted|"
    r"contributed)|(?:practitioners|professionals) told the review|reflective (?:session|"
    r"workshop)|individual management reviews?|practitioner conversations?|"
    r"(?:met|interviewed|spoke with|conversations with) [^.]{0,80}?\b(?:practitioners|"
    r"social worker|health visitor|reviewing officer|teachers?|midwife|GP|form tutor|"
    r"head of year|(?:safeguarding|designated) lead|counsellor|police officer|school nurse)|"
    # "The review heard from the minor injuries unit".
    r"(?:review|reviewer|panel) heard (?:directly )?from (?:the )?(?:[\w'’]+ ){0,3}?(?:unit|"
    r"service|team|school|teachers?|class teacher|key ?workers?|managers?|DSL|"
    r"practitioners?|staff|workers?|nurses?|GPs?|visitors?|officers?|hospital|department|"
    r"agenc\w+|professionals)|"
    r"(?:reviewer|review|panel|author|we)\b[^.]{0,40}?\b(?:met|interviewed|spoke (?:with|to)|"
    # A list of people spoken to may name the family first: "we spoke to Child L2, his
    # mother and his sister, and to his class teacher".
    r"conversations with)\b[^.]{0,100}?\b(?:practitioners|social workers?|health visitors?|"
    r"reviewing officers?|teachers?|midwi\w+|GPs?|(?<!designated )nurses?|"
    r"(?:attendance|police) officers?|"
    r"(?:early help|youth|family support) workers?)|"
    r"(?:practitioners?|staff|professionals|lead|worker|officer|visitor|nurse|midwife|teacher|"
    r"manager|registrar|warden|GP|DSL|tutor|counsellor|head of year|supervisor|coach)\b[^.]{0,60}?"
    # Not "told the panel's police member": an agency's representative, not the panel.
    r"\b(?:(?:told|spoke to) (?:the )?(?:review(?:er)?|panel(?:'s chair)?|chair)"
    r"(?!['’]s (?!chair))|"
    r"contributed to the review|took part in|attended the (?:rapid )?(?:review|panel)|"
    r"joined the (?:review|panel)|met the (?:review )?panel|reflected|who attended|told us))\b|"
    # Those present at the review meeting, when front-line staff are among them ("Present:
    # chair; the DSL from the college; ...", "Attended: ESOL tutor, nursery manager, ...").
    # Not one named absent ("their GP was invited but did not attend"), nor a training
    # course attended, which is not a meeting ("Attended: DSL training on 3 May").
    r"(?-i:Present|Attended|Attendees|Attendance(?!\s*:\s*\d)|In attendance)\s*:"
    r"(?:(?!invited but|did not attend|apologies|training|course)[^.]){0,200}?"
    r"\b(?!\w+ (?:training|course)\b|\w+[^.;]{0,30}?\b(?:invited but|did not attend|"
    r"sent apologies))(?:DSL|"
    r"designated safeguarding lead|social worker|health visitor|school nurse|key ?worker|"
    r"(?:class |form )?teacher|tutor|nursery manager|(?:youth|family support|drug and alcohol|"
    r"early help) worker|midwife|GP)\b|"
    # Staff interviewed or spoken to, in the passive: "the ward sister and the registrar were
    # spoken to", "staff from the nursery were interviewed".
    r"\b(?:practitioners?|staff|professionals|lead|workers?|officers?|visitors?|nurses?|"
    r"midwi(?:fe|ves)|teachers?|managers?|registrars?|sister|GPs?|team|consultants?)\b"
    r"[^.]{0,60}?\b(?:were|was) (?:(?:also|each|all|individually) )?(?:interviewed|spoken to|"
    r"consulted|invited to (?:the |a |an )?(?:review|panel|learning|practitioner|event|workshop|"
    r"session|meeting|contribute|take part|reflect))\b"
    r"(?! by (?:the )?(?:police|officers?|detectives?|the IOPC))|"
    # Those who worked with the child, invited (an invitation counts, as for the family).
    r"\bthose who (?:worked|work) with\b[^.]{0,60}?\b(?:were|was) (?:invited|interviewed|"
    r"consulted|asked)\b|"
    # Their views, accounts and reflections: "practitioners' views were gathered through a
    # questionnaire", "written accounts from the practitioners", "contributed reflections".
    r"\b(?:practitioners|staff|professionals)['’]? (?:views|reflections|accounts)\b|"
    r"\bviews of (?:the )?(?:practitioners|front-?line staff|professionals|staff)\b|"
    r"\b(?:written|reflective|individual) (?:accounts?|reflections?)\b|"
    r"\b(?:practitioners|staff|professionals) (?:\w+ )?(?:contributed|shared|gave|provided|"
    r"offered|wrote)\b|"
    r"\b(?:practice|practitioner) learning (?:session|event|workshop)s?\b|"
    # The reviewer talking to a named role: "the reviewer talked to the designated lead".
    r"\b(?:reviewer|review|panel|author|we)\b[^.]{0,40}?\b(?:talked|spoke) (?:to|with)\b"
    r"[^.]{0,60}?\b(?:(?:safeguarding|designated) (?:safeguarding )?lead|head ?teacher|"
    r"head of year|key ?worker|managers?|staff|workers?|officers?)\b|"
    # Staff explaining to the review: "the key worker described her concerns to the panel".
    r"\b(?:worker|teacher|visitor|nurse|officer|GP|manager|lead|practitioner)s?\b[^.]{0,40}?"
    r"\b(?:described|explained|set out)\b[^.]{0,40}?\bto the (?:review(?:er)?|panel|chair|"
    r"lead reviewer)\b",
    re.IGNORECASE,
)
_LEARNING_SECTION = re.compile(r"learn|lessons|findings|what needs to change", re.IGNORECASE)
_SPECIFIC_WHO = re.compile(
    r"\b(partnership|partners|board|police|children's social care|health|trust|ICB|CCG|"
    r"local authority|council|school|service|team|designated|named|lead|head of|director|provider|"
    r"manager|panel|"
    # Agencies and roles by name: "NHS dental practices", "Inpatient units", "Adult social
    # care", "Secondary heads' forum", "conference chairs", "Clinicians", "the epilepsy nurses".
    r"NHS|GP|CAMHS|MASH|(?:GP |dental )?practices|unit|forum|heads|chair|hospital|clinician|"
    r"commissioner|nurse|officer|worker|adviser|social care|probation|housing|college|"
    r"nursing|visiting|midwifery|academy|governors|coordinator|operator|owner(?=:)|centre|"
    r"head ?teacher)s?\b",  # "schools", "services" and "trusts" name who acts as well
    re.IGNORECASE,
)
_SPECIFIC_MEASURE = re.compile(
    r"\b((?:by|from|before|starting(?: in)?):? (?:the end of )?(?:\d{1,2}(?:st|nd|rd|th)? )?"
    + _MONTH
    + r"\s+\d{4}|by (?:19|20)\d{2}|within (?:\w+ )?(?:days|weeks|"
    r"months)|audit\w*|report\w* (?:back )?to|measur\w*|\d+\s?%|percent|all new|target|"
    # A school or financial year: "in the 2026/27 programme".
    r"(?:19|20)\d{2}/\d{2}|"
    # "report attendance to the Board", "report these figures to the Partnership".
    r"report\w* (?:\w+ ){1,3}?to (?:the |its )?(?:partnership|board|panel|committee|"
    r"sub-?group|\w+ (?:board|panel|committee|sub-?group))|"
    r"dip[- ]sample\w*|review\w* (?:in|after) (?:six|three|twelve|\d+) months|"
    r"within (?:\w+ ){0,2}(?:hours?|days?|weeks?|months?|years?|terms?)|per ?cent|baseline|"
    # "report the number of", not "review the number of beds" (an action on it, no measure).
    r"(?<!review )(?<!consider )the number of|each (?:term|quarter|year)|every (?:quarter|year)|"
    r"quarterly|annual(?:ly)?|"
    r"every (?:three|six|twelve|\d+) months|"
    r"(?:starting|by|from) (?:in )?the (?:spring|summer|autumn) term|"
    # A year range ("the 2026–27 section 175 return"), figures reported ("reporting the
    # numbers reached", "report uptake"); a month and year elsewhere: see `_month_as_deadline`.
    r"(?:19|20)\d{2}[–-]\d{2}|report\w* (?:the |its )?(?:numbers?|rates?|figures?|uptake|"
    r"compliance)|"
    # A season or a term with its year as "by when": "by spring 2027", "| Autumn term 2026";
    # not a past event ("the events of summer 2024", "deaths ... in autumn 2025"): see
    # `_SEASON_IN` for "in".
    r"(?:(?:by|before|from|until|till|starting|during|within|no later than) (?:the )?"
    r"(?:end of (?:the )?)?|(?<=\| ))(?:spring|summer|autumn|winter)(?: term)? (?:19|20)\d{2}|"
    # A timescale column in a table of recommendations: "| March 2025".
    r"(?<=\| )(?:by )?(?:\d{1,2} )?" + _MONTH + r"\s+\d{4})\b",
    re.IGNORECASE,
)
# "in the autumn term 2026" as "by when" only in a clause with no past event before it
# ("Schools to train all staff ... in the autumn term 2026"; not "which introduced the scheme
# in the summer term 2024", "Following the deaths of two babies in autumn 2025").
_SEASON_IN = re.compile(
    r"(?:^|[,;:.(]\s*)(?:(?!\b(?:which|who|that|following|since|after|events|deaths?|gave|"
    r"\w+ed)\b)[^,;:.(])*?\bin (?:the )?(?:spring|summer|autumn|winter)(?: term)?(?: of)? "
    r"(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)? )?" + _MONTH + r"\s+(?:19|20)\d{2}\b", re.I)
_PAST_EVENT = re.compile(
    r"\b(?:which|following|since|after|events|deaths?|died|gave|was|were|had|happened|"
    r"occurred|took place)\b|"
    # "the audit completed in May 2025", not "to be completed in March 2027".
    r"(?<!\bbe )(?<!\bbeen )\b\w+ed (?:in|on|during) (?:the )?$",
    re.I,
)


def _month_as_deadline(item: str) -> bool:
    """Whether a month and year in a recommendation says by when, not when something happened.

    "in" it or anywhere ("report take-up to the Partnership in September 2025", "at the March
    2027 partnership meeting", "| Reminder in spring term briefing, January 2027"), unless its
    clause tells a past event ("Following Amy's death in March 2024", "since March 2024", "the
    audit completed in May 2025"). Past participles elsewhere in the clause are no cue:
    "checked in the hub's review in October 2026" asks for the future.
    """
    for match in _MONTH_YEAR.finditer(item):
        clause = re.split(r"[,;:.(]\s*", item[: match.start()])[-1]
        if not _PAST_EVENT.search(clause):
            return True
    return False
# Numbered items inside one paragraph: "1. ...", "Recommendation 2: ...", "Learning point: ...".
_ITEM_START = re.compile(
    # Not a number that ends a phrase ("in Year 5.", "at Key Stage 2.").
    r"(?:^|(?<=\s))(?:(?<!Year )(?<!Stage )(?<!Level )(?<!page )(?<!aged )\d{1,2}[.)]\s|"
    r"\(\d{1,2}\)\s|\[\d{1,2}\]\s|"
    # A dash at a line's start is a bullet ("– Nursery to follow up any marks."), not a
    # dash inside a sentence; so are labels that name the ask ("Request A —", "Commitment 1.",
    # "Change we want to see:", "To do:", "Action:").
    r"(?<![^\n])[–—-]\s|(?:Request|Commitment|Change) #?(?:\d{1,2}|[A-H])\s*[:.–—-]\s|"
    r"(?:Change we want to see|To do|Action):\s|[a-h]\)\s|\([a-h]\)\s|R\d{1,2}[.:]\s|[•▪‣◦☑☐▶]\s|"
    # Sub-items and slashes: "1.1 ", "5.2 ", "1/ ".
    r"\d{1,2}\.\d{1,2}\.?\s|\d{1,2}/\s|"
    # Short codes: "RR-1.", "LR1.", "AfD1.", "Rec 1:", "Rec #1 –", "A1." ; at a line's
    # start the code alone will do ("R1 The leaving care service to ...").
    r"(?:RR|LR|AfD|Rec|REC|KR|LP|R|A)[ -]?#?\d{1,2}(?:\s*[.:)–—-]\s|(?<=^R\d)\s|(?<=^R\d\d)\s)|"
    # Named items: "Priority A –", "Ask 1 —", "Action 1 of 3:", "Area 2:".
    r"(?:Priority|Ask|Area|Step|Point|Key recommendation|Learning into action) #?(?:\d{1,2}|[A-H])"
    r"(?: of \d{1,2})?\s*[:.–—-]\s|"
    # Roman numerals: "(ii) ", "iv. ", "Recommendation iii:".
    r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s|"
    r"\d{1,2}\s\|\s|"
    r"(?:Recommendation|Action) #?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"i|ii|iii|iv|v|vi|vii|viii|ix|x|[A-H])"
    r"(?: of \d{1,2})?(?:\s*[:.–—-])|Learning point:)"
)
# A sentence that asks someone to act.
_ACTION = re.compile(
    r"\b(will|should|must|is asked to|are asked to|needs? to|recommends? that|we recommend|"
    # "It is recommended that agencies ...", "We ask the probation service to ...".
    r"(?:is|are) recommended that|(?:we|the (?:panel|review|partnership)) asks? (?:[\w'’-]+ ){1,6}?"
    r"(?:not )?to|"
    # Softer asks: "seeks assurance that", "Schools are reminded to", "could usefully consider".
    r"seeks? assurance|(?:is|are) (?:encouraged|reminded|invited) to|could usefully)\b",
    re.I,
)
# The same ask without a modal verb: "The police to report to the partnership ...", "Health
# visiting to follow up every missed check": a subject of a few words, no verb, then "to" and
# a verb (not "a visit to the GP", not "she went to school").
_AGENT_TO = re.compile(
    # A parent is never whom a recommendation is addressed to: "Dad to stay away from the home"
    # is a plan's condition.
    r"^(?!(?:the\s+)?(?:mum|dad|mother|father|parents?|grandma|grandmother|grandfather|grandad|"
    r"nan|stepfather|stepmother)\b)"
    r"(?:(?!(?:is|are|was|were|has|have|had|did|do|does|would|could|tried|wanted|failed|"
    r"unable|able|went|came|used|began|started|seemed|appeared|found|needs?|going|due|likely|"
    r"asked|agreed|decided|planned|chose|hoped|expected|moved|continued|refused|declined|"
    r"offered|told|said|returned|spoke|talked|wrote|referred|sent|according|prior|"
    r"close|next|up|visit|visits|trip|referral|letter|access|route|way|how|wish|wishes|wished|"
    r"want|wants|like|hope|hopes|aims?|intends?|seeks?|order|thanks|grateful|pleased|"
    # A care plan's conditions quoted ("The plan required Mum to attend", "Under the safety
    # plan, Grandma to collect her").
    r"required|requires|require|under|plan|said)\b)"
    r"[\w'’()/&,-]+\s+){1,12}?(?:not\s+)?to\s+"
    r"(?!(?:the|a|an|his|her|their|its|this|that|these|those|all|every|each|school|work|"
    r"whom|which|"
    r"schools|him|them|me|us|be\s+(?:shared|published|disseminated|circulated))\b)[a-z]+\b",
    re.I,
)
# An ask said as a bare instruction: "Improve the way referrals are looked at over time.",
# "For the acute trust: review how flags are added".
_IMPERATIVE = re.compile(
    r"^(?:Improve|Ensure|Make sure|Encourage|Develop|Review|Consider|Strengthen|Provide|"
    r"Introduce|Establish|Raise|Promote|Train|Audit|Update|Check|Embed|Agree|Create|Offer|Use|"
    r"Record|Refer|Contact|Tell|Ask|Add|Set up|Appoint|Commission|Revise|Reinforce|Remind|"
    r"Clarify|Increase|Reduce|Give|Include|Explore|Write|Map|Monitor|Adopt|Extend|Keep|Make|"
    r"Identify|Assess|Plan|Deliver|Run|Support|Escalate|Require|Replace|Stop|Start)\b"
    # The same word as a noun: "Review of the records showed", "Check-ups were missed",
    # "Record keeping was poor", "Start dates", "Support was withdrawn".
    r"(?!-|s\b|\s+(?:of|from|with|keeping|dates|ups|was|were|is|are|has|had)\b)",
    re.I,
)
# What comes before an item's words: its number or code, or the agency it is for ("For the
# acute trust:", "To schools:").
_ITEM_LABEL = re.compile(
    r"^\s*(?:(?:[•▪‣◦☑☐▶*–—-]\s*)?(?:[(\[]?[\w#]{1,5}(?:[.-]\w{1,3})?(?: of \d{1,2})?"
    r"\s*[.:)\]–—-]\s+|"
    r"(?:Recommendation|Action|Priority|Ask|Area|Step|Point|Rec|Request|Commitment|Change)\s*#?"
    r"\w{1,4}(?: of \d{1,2})?\s*[:.–—-]\s*|(?:Change we want to see|To do|Action):\s*|"
    r"\d{1,2}(?:\.\d{1,2})?\.?\s+|R\d{1,2}\s+))*"
    r"(?:(?:For|To) (?:the |all |each )?[^:.;]{1,60}:\s*)?"
)


def _asks_to_act(sentence: str) -> bool:
    """Whether a sentence (its number or code aside) asks someone to act."""
    words = sentence[_ITEM_LABEL.match(sentence).end() :]
    return bool(
        _ACTION.search(sentence) or _AGENT_TO.search(words) or _IMPERATIVE.search(words)
    )
# Publishing and sharing the report is a plan, not a recommendation.
_DISSEMINATION = re.compile(r"dissemination|publication|sharing the learning", re.I)
_SHARING_ITEM = re.compile(
    r"\b(?:learning|report|findings|review)\b[^.]{0,40}?\b(?:will|to|should) be (?:shared|"
    r"disseminated|published|circulated)\b|\b(?:seven|7)[- ]minute briefing|"
    # "The partnership should disseminate this report", "shares this report with its members".
    r"\b(?:share|disseminate|circulate|publish)\w*\s+(?:this|the|its|our)\s+(?:report|review|"
    r"summary)\b(?!['’])",
    re.I,
)
# Labels that also number a review's sections, respondents or steps ("5.1 The family", "R1
# reported", "Step 3: the review team read"): such an item counts only when it asks someone
# to act.
_WEAK_LABEL = re.compile(
    r"\s*(?:\d{1,2}\.\d{1,2}\.?\s|(?:R|A)\d{1,2}\b|(?:Priority|Ask|Area|Step|Point)\b)"
)
# Someone "to" act anywhere in an item, as after an agency's name ("Priority 2 — Health
# visiting: every new-birth visit to include ..."), not "to the GP" nor "moved to live".
_TO_ACT = re.compile(
    r"\bto\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|all|every|each|school|work|"
    r"him|them|me|us|live|stay|visit|whom|which)\b)[a-z]+\b"
)
# A numbered finding: what did not happen ("2. The voice of the child was not heard").
_FINDING = re.compile(r"\b(?:did|was|were|had|has|have) not\b|\bnever\b", re.I)
# An action already taken: "has reissued", "have agreed", "is now sent".
_DONE = re.compile(
    r"^(?:[\w'’-]+\s+){1,6}?(?:(?:has|have) (?:now |since |already )?(?:been )?(?!been\b)"
    r"[a-z]+(?:ed|en|ued|wn)|(?:is|are) now)\b",
    re.I,
)
# A table row: cells split by bars ("CAMHS | Contact every child ... | monthly").
_TABLE_ROW = re.compile(r"^[^|\n]{2,}\|[^\n]*$", re.M)


def recommendation_items(text: str) -> list[str]:
    """Split a recommendations paragraph into its recommendations.

    Numbered items count one each; otherwise each sentence that asks someone to act counts.
    """
    # Bullet characters stay: each one starts an item ("• Agencies should ... • The fire
    # service should ..." is two recommendations).
    text = text.lstrip("-* \t")
    # A lead-in to a list ("The Board is asked to:") is not itself a recommendation.
    if text.rstrip().endswith(":") and len(text.split()) <= 12:
        return []
    # The lead-in asks or recommends ("The Board is asked to:"); "Rec 1 (owner: ...; ...)"
    # and "Action A — Health visiting: ...; ..." are one item each.
    lead_in = re.match(
        # "to:" and "that:" only after asking ("is asked to:", "recommends that:"): "The
        # review found that: ...; ..." reports findings, not recommendations.
        r"[^:.;]{0,100}?\b(?:(?:asks?|asked|invites?|invited|requests?|requested|recommends?|"
        r"recommended|urges?|urged|needs?|required|expected|assurance)\s+(?:\w+\s+){0,2}?"
        r"(?:to|that)|should|will|must|following|recommends?|recommendations)\s*:\s+(?=\S)",
        text,
    )
    # A table row under its header, repeated in each paragraph: "Action | Owner | By when.
    # School to request an assessment | Head teacher | October 2025." is one item.
    header = re.match(
        r"(?:Action|Recommendation|Rec)s?\b[^.|]{0,20}\|[^.]{0,80}?\.\s+(?=\S)", text, re.I
    )
    if header and "|" in text[header.end() :] and not _ITEM_START.search(text[header.end() :]):
        row = text[header.end() :]
        return [] if _SHARING_ITEM.search(row) else [row]
    rows = _TABLE_ROW.findall(text)
    if len(rows) >= 2 and len(rows) == len([line for line in text.splitlines() if line.strip()]):
        # A table set out a row a line: each row is one recommendation, but not a header of
        # short cells with no ask in it ("What | Who | When").
        return [
            row
            for i, row in enumerate(rows)
            if not _SHARING_ITEM.search(row)
            and not (
                i == 0
                and all(len(cell.split()) <= 3 for cell in row.split("|"))
                and not _asks_to_act(row)
            )
        ]
    if lead_in and ";" in text[lead_in.end() :] and not _ITEM_START.search(text):
        parts = re.split(r";\s*(?:and\s+)?", text[lead_in.end() :])
        return [part for part in parts if part.strip() and not _SHARING_ITEM.search(part)]
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if len(starts) >= 1 and (len(starts) > 1 or starts[0] == 0):
        bounds = [*starts, len(text)]
        items = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        # A bullet mark before a code ("☑ Action 1:") is not an item of its own; a short
        # title over numbered sub-items ("1. Team around the child" over 1.1 and 1.2) is a
        # heading, not a recommendation.
        items = [
            item
            for i, item in enumerate(items)
            if re.search(r"\w", item)
            # What an agency has already done is not an ask ("6.1 The service has reissued
            # the protocol"), unless the item asks for more.
            and not (_DONE.search(item[_ITEM_LABEL.match(item).end() :]) and not _asks_to_act(item))
            and not (
                (_WEAK_LABEL.match(item) or _FINDING.search(item))
                and not _asks_to_act(item)
                and not _TO_ACT.search(item)
            )
            and not (
                i + 1 < len(items)
                and re.match(r"\d{1,2}\.\d", items[i + 1])
                and len(item[_ITEM_LABEL.match(item).end() :].split()) <= 6
                and not _asks_to_act(item)
            )
        ]
    else:
        # Clauses joined by semicolons count apart when each names someone who is to act:
        # "the ICB should audit ...; the police should train ...".
        sentences = re.split(
            r"(?<=[.;])\s+(?=[A-Z])|;\s+(?=(?:and\s+)?(?!(?:this|it|that|these|which|there)\b)"
            r"(?:the\s+|all\s+|each\s+|every\s+)?"
            r"[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:should|must|will|needs?\s+to|(?:is|are)\s+asked\s+"
            r"to)\b)",
            text,
        )
        items = [sentence for sentence in sentences if _asks_to_act(sentence)]
    # An item is a sharing plan when its first sentence is ("6.1 Agencies should consider the
    # findings. It is further recommended that the report is shared" is one recommendation).
    return [
        item for item in items if not _SHARING_ITEM.search(re.split(r"(?<=[.;])\s+", item)[0])
    ]


WORKING_DAYS_DUE = 20
"""Rapid reviews: notification within 5 working days of the incident, review within 15 more."""


# The review says it did not involve the family ("the family were not involved", "the
# parents' views were not sought"), or reports what an agency made of the family's view ("the
# assessment accepted the parents' view that she was just being a teenager"): neither is the
# review hearing the family, so both are blanked before the patterns look.
_NOT_THE_FAMILY_HEARD = re.compile(
    r"\b(?:the )?(?:family|families|parents|mother|father)(?:'s|’s|'|’)?"
    r"(?: (?:views?|perspective|voice))?(?: (?:were|was|have|has|had))? (?:not|never) (?:been )?"
    r"(?:involved|consulted|contacted|invited|approached|spoken to|asked|sought|heard|"
    r"obtained|recorded)\b[^.;]*|"
    # Views still to come: "The family's views will be sought when the trial ends".
    r"\b(?:the )?(?:family|families|parents|mother|father)(?:'s|’s|'|’)? views?"
    r" (?:will|are to|is to) be (?:sought|obtained|gathered|heard)\b[^.;]*|"
    r"\bwithout (?:the )?(?:family|parents)(?:'s|s')? (?:involvement|views|contribution)\b|"
    r"\b(?:accepted|adopted|relied on|followed|took)\s+(?:the\s+)?(?:family|parents?|"
    r"mother|father)(?:'s|s'|’s|s’)?\s+(?:views?|perspective|account)\b|"
    # A practitioner's visit in the chronology: "The welfare officer visited the family once
    # and spoke to the father".
    r"\b(?:officer|worker|visitor|nurse|midwife|GP|doctor|police|teacher|consultant|staff|"
    r"practitioner)s?\b[^.]{0,80}?\b(?:spoke|talked)\s+(?:with|to)\s+(?:the\s+)?(?:mother|"
    r"father|parents|family)\b",
    re.I,
)


# "She told the review's chair", "When she met the reviewer she said": a pronoun, where the
# sentence before (or the section's heading) names a parent or relative.
_PRONOUN_TO_REVIEW = re.compile(
    r"\b(?:she|he|they)\b[^.]{0,20}?\b(?:met|told|spoke (?:to|with)|wrote to|talked (?:to|with))"
    r"\s+(?:the\s+)?(?:review(?:er)?|panel|lead reviewer|author|(?:independent |review['’]s |"
    r"panel['’]s )?chair)\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:mother|father|mum|dad|parents|grandmother|grandfather|grandparents|nan|aunt|uncle|"
    r"stepfather|stepmother)\b|\b(?-i:Mrs|Ms|Mr|Miss) [A-Z]\b",
    re.I,
)
# A heading over who the review spoke to: "Who did we speak to?", "Who we talked to".
_SPOKE_TO_HEADING = re.compile(
    r"\bwho (?:did )?(?:we|the review(?:er)?) (?:spoke|speak|talked|talk|met|meet)\b", re.I
)


def _family_by_pronoun(passage: Passage) -> bool:
    """A pronoun that met or told the review, a relative named just before it."""
    text = _blank(_NOT_THE_FAMILY_HEARD, passage.text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    for i, sentence in enumerate(sentences):
        if not _PRONOUN_TO_REVIEW.search(sentence):
            continue
        before = sentences[i - 1] if i else ""
        if _RELATIVE.search(before) or _RELATIVE.search(passage.section or ""):
            return True
    return False


def family_views(passages: list[Passage]) -> Finding:
    """Whether the review sought the family's views (a declined invitation counts)."""
    evidence = [
        p.passage_id
        for p in passages
        if p.kind in BODY
        and (
            any_match(_FAMILY_VIEWS, _blank(_NOT_THE_FAMILY_HEARD, p.text))
            or _family_by_pronoun(p)
            or (
                p.section
                and _SPOKE_TO_HEADING.search(p.section)
                and _RELATIVE.search(p.text)
            )
        )
    ]
    return Finding("true" if evidence else "false", tuple(evidence))


# Front-line staff at the review meeting: "The GP and the school counsellor attended", "with
# the youth justice worker ... present", in a paragraph about the rapid review itself.
_REVIEW_MEETING = re.compile(
    r"\b(?:rapid review|review meeting|the review (?:was held|took place|met))\b", re.I
)
_STAFF = (
    r"(?:workers?|visitors?|nurses?|GPs?|lead|officers?|teachers?|managers?|counsellors?|"
    r"midwi(?:fe|ves)|practitioners|staff|tutors?|therapists?|social workers?|head of year)"
)
_STAFF_PRESENT = re.compile(
    r"\b" + _STAFF + r"\b[^.]{0,80}?\b(?:attended|(?:was|were) present|present\b|took part|"
    r"joined)|"
    # "The rapid review took place on 17 May with the head of year and the CAMHS worker."
    r"\b(?:took place|met|was held|convened)\b[^.]{0,40}?\bwith (?:the )?[^.]{0,60}?\b"
    + _STAFF
    + r"\b",
    re.I,
)
# Agency reports suggest practitioners contributed, unless the review says they were not asked.
_AGENCY_REPORTS = re.compile(r"\bagency reports?\b|\bagencies' reports\b", re.I)
_NO_PRACTITIONERS = re.compile(
    r"\b(?:practitioners|professionals|staff) (?:were|have|had) not (?:been )?(?:interviewed|"
    r"consulted|spoken to|involved|met|asked)\b|"
    # "No practitioner event was held", "without speaking to practitioners", "the review
    # did not speak to front-line staff": an event or conversation that did not happen.
    r"\bno (?:practitioner|learning) (?:event|workshop|session)s?\b[^.;]*|"
    r"\b(?:without|did not|didn't|could not|was unable to|were unable to|not) (?:\w+ ){0,2}?"
    r"(?:speaking|speak|talking|talk|meeting|meet|interviewing|interview|consulting|consult|"
    r"involve|involving)"
    r"(?:ing)? (?:to |with )?(?:the )?(?:practitioners|front-?line staff|professionals|staff)"
    r"\b[^.;]*|"
    # Their views not sought; nobody there; an event or conversations still to come ("a
    # learning event is planned", "the LCSPR will hold a practitioner event").
    r"\b(?:practitioners|staff|professionals)['’]? views (?:were|have|had) not\b[^.;]*|"
    r"\bno (?:practitioners|front-?line staff|staff|professionals) (?:attended|took part|were)"
    r"\b[^.;]*|"
    r"\bwill (?:hold|arrange|run|convene|include|involve) (?:a |an )?(?:\w+ ){0,2}?(?:events?|"
    r"workshops?|sessions?|conversations|interviews|practitioners)\b[^.;]*|"
    r"\b(?:events?|workshops?|sessions?|conversations|interviews)\b[^.;]{0,40}?\b(?:will "
    r"(?:take place|be held|follow)|(?:is|are) (?:planned|proposed|to be held|being arranged))"
    r"\b[^.;]*",
    re.I,
)


# A practitioner named by title after their role: "a teaching assistant, Ms Gray", "the
# school nurse, Mr Okoro".
_STAFF_NAMED = re.compile(
    r"\b(?:teacher|teaching assistant|nurse|worker|visitor|officer|manager|supervisor|DSL|tutor|"
    r"counsellor|coach|midwife|GP|head of year|lead|key ?worker|childminder|paediatrician),?\s+"
    r"((?:Ms|Mr|Mrs|Miss|Dr) [A-Z][a-z]+)\b"
)


def _named_staff_told_the_review(body: list[Passage], texts: dict[str, str]) -> list[str]:
    """Passages where a practitioner, named by role elsewhere, told or met the review."""
    names = {m.group(1) for p in body for m in _STAFF_NAMED.finditer(p.text)}
    if not names:
        return []
    told = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b[^.]{0,40}?\b(?:told|spoke "
        r"(?:to|with)|met) the (?:review(?:er)?|panel|chair|lead reviewer|author)\b"
        r"(?!['’]s (?!chair))"
    )
    return [p.passage_id for p in body if told.search(texts[p.passage_id])]


def practitioner_views(passages: list[Passage]) -> Finding:
    """Whether practitioners' views were sought (events, conversations, agency reports)."""
    body = [p for p in passages if p.kind in BODY]
    not_asked = any(any_match(_NO_PRACTITIONERS, p.text) for p in body)
    # What the review says did not happen, or is still to come, is no evidence.
    texts = {p.passage_id: _blank(_NO_PRACTITIONERS, p.text) for p in body}
    named = set(_named_staff_told_the_review(body, texts))
    evidence = [
        p.passage_id
        for p in body
        if any_match(_PRACTITIONER_VIEWS, texts[p.passage_id])
        or (_REVIEW_MEETING.search(p.text) and _STAFF_PRESENT.search(texts[p.passage_id]))
        or (_AGENCY_REPORTS.search(p.text) and not not_asked)
        or p.passage_id in named
    ]
    return Finding("true" if evidence else "false", tuple(evidence))


# Judging practice: what should have happened, what was missed, what needs to change.
_JUDGEMENT = re.compile(
    r"\b(should have|should be|could have|would have|might have|did not|was not|were not|"
    r"had not|missed|failed|a gap|the review (?:considers|found|finds|identifies|agrees)|"
    r"learning|lessons?|opportunit\w+|needs? to|good practice|exemplary|weak|insufficient|"
    r"necessary|not (?:shared|followed|explored|recognised|revisited|considered)|"
    r"without anyone|no one|nobody|no agency|none of|should|"
    r"without (?:telling|informing|checking|asking|consulting|sharing|seeing))\b",
    re.IGNORECASE,
)


def learning_identified(passages: list[Passage], classes: dict[str, str]) -> Finding:
    """Whether the review identifies learning.

    It does when a learning section has text in it, or an analysis paragraph judges
    practice (what should have happened, what was missed, what needs to change). A review
    that only narrates events, or leaves learning to a later review, does not.
    """
    evidence = [
        p.passage_id
        for p in passages
        if p.kind in BODY
        and (
            (p.heading_path and _LEARNING_SECTION.search(p.heading_path))
            or (classes.get(p.passage_id) == "analysis" and _JUDGEMENT.search(p.text))
        )
    ]
    return Finding("true" if evidence else "false", tuple(evidence))


_RECOMMENDATION_SECTION = re.compile(
    r"recommendation|\bactions? (?:agreed|plan|to be taken)\b|\baction plan\b|"
    # Asks under headings of their own: "To do", "Requests", "Agreed actions", "What should
    # change", "Commitments" (the whole heading, not "Actions taken since").
    r"^\s*(?:[\dA-Z]{1,3}[.)]?\s+)?(?:to do|requests?|(?:agreed |our |key )?actions?|"
    r"commitments?|changes?(?: we want to see)?|what (?:should|must|will|needs to) change|"
    r"what we (?:ask|will do))\s*:?\s*$",
    re.I,
)


_NARRATED_ACTIONS = re.compile(r"\bagreed at\b|\bmeeting\b|\bplan\b", re.I)
"""Sections whose dash-led actions are another meeting's or a plan's, not the review's."""


_INLINE_RECOMMENDATION = re.compile(
    r"(?:\bRecommendation \d{1,2}|→\s*Actions? (?:for|by) [^:.]{1,40}):\s"
)


# Sections that tell what happened, where a "Recommendation 1:" is an earlier review's.
_NARRATIVE_SECTION = re.compile(r"chronolog|background|histor|previous|earlier|timeline", re.I)


_DASH_LED = re.compile(r"\s*[–—]")


def _title_over_subitems(found: list[Passage], i: int, item: str) -> bool:
    """Whether an item is a short title over its own numbered sub-items ("1. Neglect", "1.1").

    Only the whole paragraph, with the next one in the same section numbered under it ("1."
    over "1.1", not "3." over "4.1"), and that sub-item itself asking someone to act.
    """
    if i + 1 >= len(found) or found[i + 1].section != found[i].section:
        return False
    own = re.match(r"\s*(\d{1,2})[.)]\s", found[i].text)
    sub = re.match(r"\s*(\d{1,2})\.\d", found[i + 1].text)
    return bool(
        own
        and sub
        and own.group(1) == sub.group(1)
        and len(recommendation_items(found[i].text)) == 1
        and len(item[_ITEM_LABEL.match(item).end() :].split()) <= 6
        and not _asks_to_act(item)
        and any(_asks_to_act(x) for x in recommendation_items(found[i + 1].text))
    )


def recommendations(passages: list[Passage], classes: dict[str, str]) -> tuple[Finding, Finding]:
    """How many recommendations, and how many look specific and measurable.

    A recommendation is a passage classed as one, or any paragraph or bullet in a
    "Recommendations" section (not a dissemination plan); a paragraph holding several counts
    each (see recommendation_items). Specific and measurable: it names who will act and how
    success will be known or by when (a date, a period, an audit, a report, a target).
    """
    found = [
        p
        for p in passages
        if p.kind in BODY
        and (
            classes.get(p.passage_id) == "recommendation"
            or (p.section and _RECOMMENDATION_SECTION.search(p.section))
        )
        and not (p.section and _DISSEMINATION.search(p.section))
        # A rapid review's decision on an LCSPR, even under "Recommendation to the
        # partnership", is the decision the scorecard reads elsewhere, not an action.
        and not (_LCSPR.search(p.text) and _DECISION.search(p.text))
    ]
    found = [
        p
        for p in found
        # A meeting's actions narrated under "Actions agreed at the strategy meeting" or a
        # child protection plan, behind en or em dashes, are not the review's (its own asks
        # under "What should change" or "Agreed actions" are).
        if not (
            _DASH_LED.match(p.text)
            and p.section
            and _NARRATED_ACTIONS.search(p.section)
            and not re.search(r"recommendation", p.section, re.I)
            and classes.get(p.passage_id) != "recommendation"
        )
    ]
    items = [
        (p, item)
        for i, p in enumerate(found)
        for item in recommendation_items(p.text)
        if not _title_over_subitems(found, i, item)
    ]
    # A recommendation written inside a finding or a learning point ("... Recommendation 2:
    # all agencies to ...", "→ Action for the partnership: ...") counts as well.
    items += [
        (p, item)
        for p in passages
        if p.kind in BODY and p not in found
        and not (p.section and _NARRATIVE_SECTION.search(p.section))
        for m in [_INLINE_RECOMMENDATION.search(p.text)]
        if m
        for item in recommendation_items(p.text[m.start() :])
        # A chronology quoting an earlier review's recommendation reports, it does not ask.
        if _asks_to_act(item)
    ]
    specific = [
        (p, item)
        for p, item in items
        if _SPECIFIC_WHO.search(item)
        and (_SPECIFIC_MEASURE.search(item) or _SEASON_IN.search(item) or _month_as_deadline(item))
    ]
    return (
        Finding(str(len(items)), tuple(dict.fromkeys(p.passage_id for p, _ in items))),
        Finding(str(len(specific)), tuple(dict.fromkeys(p.passage_id for p, _ in specific))),
    )


def working_days(start: date | None, end: date | None) -> int | None:
    """Working days from `start` to `end` in England (weekends and bank holidays excluded)."""
    if start is None or end is None or end < start:
        return None
    import holidays

    years = range(start.year, end.year + 1)
    bank_holidays = list(holidays.country_holidays("GB", subdiv="ENG", years=years))
    return int(np.busday_count(start, end, holidays=bank_holidays))


def scorecard(passages: list[Passage], kind: str | None, classes: dict[str, str]) -> dict:
    """The scorecard components for one review, by flag name, each a Finding.

    `classes` maps passage ids to paragraph classes (learning and recommendations use them).
    """
    made, specific = recommendations(passages, classes)
    return {
        "lcspr_rationale": lcspr_rationale(passages, kind),
        "child_voice": child_voice(passages),
        "family_views": family_views(passages),
        "practitioner_views": practitioner_views(passages),
        "learning": learning_identified(passages, classes),
        "recommendations": made,
        "specific_recommendations": specific,
    }


def weakness_score(flags: dict[str, str], settings: dict, kind: str | None = None) -> int:
    """Add up the documented weakness points (config/screening.yaml) for a review's flags."""
    points = settings["weakness_points"]
    shortfalls = {
        "ethnicity_absent": flags["ethnicity"] == "absent",
        "ethnicity_stated_only": flags["ethnicity"] == "stated_only",
        "chronology_heavy": flags["chronology_heavy"] == "true",
        "no_lcspr_rationale": flags["lcspr_rationale"] == "false",
        "no_child_voice": flags["child_voice"] == "false",
        "no_family_views": flags.get("family_views") == "false",
        "no_practitioner_views": flags.get("practitioner_views") == "false",
        "no_learning": flags.get("learning") == "false",
        # An LCSPR is expected to make recommendations, most of them specific and measurable.
        "vague_recommendations": kind == "lcspr"
        and 2 * int(flags.get("specific_recommendations") or 0)
        < max(int(flags.get("recommendations") or 0), 1),
        "late": kind == "rapid_review"
        and flags.get("working_days") not in (None, "")
        and int(flags["working_days"]) > WORKING_DAYS_DUE,
    }
    return sum(points.get(name, 0) for name, short in shortfalls.items() if short)
