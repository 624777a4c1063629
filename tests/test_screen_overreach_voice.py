"""Over-reaches of the child's-voice and recommendation rules found by a stranger's review.

A read-only review of this session's widening of the child's-voice rules (blind probes in
tests/test_screen_probes_voice.py) wrote its own probes: paragraphs that by the labelling
rules in benchmarks/screening/README.md are NOT the child's voice, though the widened rules
read them so (an adult's routine, a dog that flinched, "Things changed when", "described as
drowsy", a sibling's words, a cover story, an agency's communication, a recommendation).
Each family below carries those probes and near misses: the wording the widening was for,
which must keep counting. Everything here is fictional.
"""

from __future__ import annotations

import pytest
from test_screen import passages

from review_miner.screen import child_voice, recommendations


def voice(section: str, text: str) -> str:
    return child_voice(passages((section, text))).value


# (family, probe id, section, text): not the child's voice.
OVER: list[tuple[str, str, str, str]] = [
    # behaviour
    ('behaviour', 'o19', 'Chronology',
     'The mother flinched when her partner raised his voice during the visit.'),
    ('behaviour', 'o60', 'Chronology',
     'The officer flinched when the dog lunged at the door.'),
    ('behaviour', 'o112', 'Analysis',
     'The panel noted that the social worker flinched at the suggestion of escalation.'),
    ('behaviour', 'o21', 'Background',
     "Grandmother's hoarding food and newspapers had made the flat unsafe."),
    ('behaviour', 'o20', 'Analysis',
     'Mum shows her distress by shouting at staff and leaving meetings early.'),
    ('behaviour', 'o61', 'Background',
     "The family's dog shows distress by barking and was kept in the yard."),
    ('behaviour', 'o63', 'Analysis',
     "Things changed when Mum's new partner moved in."),
    ('behaviour', 'o110', 'Analysis',
     "The family's circumstances changed when the father was released from prison."),
    ('behaviour', 'o64', 'Chronology',
     'The plan was changed by the conference chair without a core group meeting.'),
    ('behaviour', 'o42', 'Chronology',
     'The duty social worker changed three times a year.'),
    ('behaviour', 'o46', 'Chronology',
     'Baby E was fed by the midwife on the postnatal ward before discharge.'),
    ('behaviour', 'o47', 'Chronology',
     'The baby was changed by the nurse and weighed; weight on the 25th centile.'),
    ('behaviour', 'o43', 'Analysis',
     'Messages left for the duty team were rarely picked up the same day.'),
    ('behaviour', 'o111', 'Chronology',
     'The phone was rarely picked up when the health visitor rang.'),
    ('behaviour', 'o48', 'Chronology',
     'Safe sleep and the risks of propped bottles were discussed with both parents.'),
    ('behaviour', 'o30', 'Background',
     'The mother spent most of her savings on a cot and a buggy before the birth.'),
    ('behaviour', 'o55', 'Chronology',
     'In interview under caution he went silent when asked about the knife.'),
    ('behaviour', 'o62', 'Background',
     "The dog would go stiff and growl when anyone came near the baby's cot."),
    # asked-or-generic
    ('asked-or-generic', 'o85', 'Recommendations',
     'Health visitors should warn parents about propped bottles at every contact.'),
    ('asked-or-generic', 'o86', 'Recommendations',
     'Schools should record when a pupil hoards food or arrives hungry.'),
    ('asked-or-generic', 'o87', 'Learning',
     "Staff must treat behaviour as a child's way of telling adults what is happening at home."),
    ('asked-or-generic', 'o89', 'Recommendations',
     'Practitioners should consider whether a child who flinched or froze was telling them something.'),
    ('asked-or-generic', 'o90', 'Analysis',
     'Babies who are rarely picked up or cuddled can become withdrawn.'),
    ('asked-or-generic', 'o91', 'Analysis',
     'Research shows that a baby who spends hours in a car seat each day is at risk of plagiocephaly.'),
    ('asked-or-generic', 'o92', 'Analysis',
     'Children who hoard food are often telling adults they are hungry.'),
    ('asked-or-generic', 'o93', 'Analysis',
     'Young children often show distress by regressing in toileting or speech.'),
    ('asked-or-generic', 'o94', 'Analysis',
     'Neglected children are easy to miss: they often arrive at school every morning hungry and tired, and teachers stop noticing.'),
    # adult-routine
    ('adult-routine', 'o06', 'Family views',
     'She often went without meals so that the children could eat, she told the reviewer.'),
    ('adult-routine', 'o07', 'Family views',
     'Growing up in care herself, she rarely went to school and left with no qualifications.'),
    ('adult-routine', 'o08', 'Background',
     'After the baby was born, she spent many nights alone while her partner worked away.'),
    ('adult-routine', 'o09', 'Background',
     'He spent most weekends at the gym or with friends from work.'),
    ('adult-routine', 'o10', 'Background',
     'Ms Patel cared for her mum, who has dementia, as well as for her own three children.'),
    ('adult-routine', 'o11', 'Background',
     'Mr Lee helped his mother with her shopping each Saturday.'),
    ('adult-routine', 'o12', 'Chronology',
     'Mr Dean got up at five to get to the building site and was not home until after seven.'),
    ('adult-routine', 'o13', 'Family views',
     'In interview Mr Dunn described his weekends: football, a few pints and a takeaway.'),
    ('adult-routine', 'o01', 'Family views',
     'Speaking to the reviewer, Ms Adeyemi described her days at the hostel as long and empty, waiting for the housing officer to call back.'),
    ('adult-routine', 'o36', 'Practitioner views',
     'In her statement, the health visitor described her routine for new-birth visits.'),
    ('adult-routine', 'o14', 'Chronology',
     'Under his bail conditions, he was not allowed to go to the family home or to contact Ms Grant.'),
    ('adult-routine', 'o15', 'Chronology',
     'Mr Price was not allowed to see the children without supervision.'),
    ('adult-routine', 'o16', 'Chronology',
     "Ms Ali was expected to stay at her sister's while the parenting assessment was completed."),
    ('adult-routine', 'o44', 'Analysis',
     'Referrers were expected to wait up to six weeks for a decision.'),
    ('adult-routine', 'o17', 'Analysis',
     'When drinking, he would hide the bottles from his partner and become hostile to visitors.'),
    ('adult-routine', 'o18', 'Family views',
     'Mr Jones told us he would cry when the children left after contact.'),
    ('adult-routine', 'o71', 'Chronology',
     'The Department for Work and Pensions would freeze his benefits if he missed another appointment.'),
    ('adult-routine', 'o29', 'Background',
     'A search found cannabis kept in his bedroom wardrobe.'),
    # passive-speech
    ('passive-speech', 'o52', 'Chronology',
     'Child L was referred to CAMHS and described by the GP as low in mood.'),
    ('passive-speech', 'o53', 'Chronology',
     'Child B was assessed in A&E and described as drowsy and uncooperative.'),
    ('passive-speech', 'o109', 'Chronology',
     'Child A was taken to A&E by her mother and described as pale and quiet.'),
    ('passive-speech', 'o54', 'Chronology',
     'Child D was seen by the GP and reported to be well.'),
    ('passive-speech', 'o58', 'Chronology',
     'Child C was examined by the paediatrician and reported to have multiple bruises of different ages.'),
    ('passive-speech', 'o57', 'Chronology',
     'The girl was taken to hospital by ambulance and described as drowsy.'),
    ('passive-speech', 'o98', 'Chronology',
     'Child L was visited at home and said very little.'),
    ('passive-speech', 'o78', 'Methodology',
     'Child J chose not to take part in the review.'),
    # not-the-child
    ('not-the-child', 'o31', 'Chronology',
     'The older boy told his teacher that he was fed up with the baby crying all night and wanted his own room.'),
    ('not-the-child', 'o35', 'Background',
     "The teenager, Child B's half-brother, said he had moved out because of the arguments."),
    ('not-the-child', 'o32', 'Chronology',
     'A fifteen-year-old girl, a neighbour, told police she had heard a baby crying for hours.'),
    ('not-the-child', 'o33', 'Analysis',
     'A young person, previously placed with the same carers, told the reviewer the house rules were strict.'),
    ('not-the-child', 'o95', 'Analysis',
     'A young person who is exploited and told that a debt must be repaid will rarely disclose.'),
    ('not-the-child', 'o96', 'Analysis',
     'A teenager who is groomed and told to keep secrets may appear to be making choices.'),
    ('not-the-child', 'o103', 'Chronology',
     'The boy said he burnt his hand on the iron.'),
    ('not-the-child', 'o104', 'Chronology',
     'The girl said the bruises on her arms were from netball.'),
    ('not-the-child', 'o105', 'Chronology',
     'Seventeen-year-old Dion said he cut his hand on a broken glass at a party.'),
    # adult-days
    ('adult-days', 'o04', 'Background',
     "Dad's weekends were spent drinking with friends, and he rarely came home before Monday."),
    ('adult-days', 'o05', 'Background',
     "Mum's mornings were spent at the pharmacy collecting her methadone and then at her sister's flat."),
    ('adult-days', 'o39', 'Practitioner views',
     "Sandra's days were dominated by court deadlines and a caseload of thirty."),
    ('adult-days', 'o28', 'Background',
     'The family support worker described how Mum spent most mornings in bed and rarely answered the door.'),
    ('adult-days', 'o37', 'Practitioner views',
     'Asked about the visits, the social worker explained how she spent the first ten minutes checking the kitchen.'),
    # adult-writing
    ('adult-writing', 'o02', 'Chronology',
     "In a text to her boyfriend the mother wrote that she was 'done with all of it' and wanted him to come and collect the baby."),
    ('adult-writing', 'o03', 'Chronology',
     "In a message to a friend, the father said he had not slept for three days and was 'close to losing it'."),
    ('adult-writing', 'o23', 'Chronology',
     'Mum sent a note to his teacher saying he would be off sick all week.'),
    ('adult-writing', 'o22', 'Background',
     "Kelly's complaints about the social worker were not answered for six weeks."),
    ('adult-writing', 'o25', 'Family views',
     'The mother kept a diary during the proceedings; her diary records every visit and every cancelled meeting.'),
    ('adult-writing', 'o79', 'Analysis',
     'Her diary shows no visits were booked in August, when she was covering two teams.'),
    ('adult-writing', 'o27', 'Background',
     'Mr Obi is a keen artist; his paintings, which he showed the reviewer, depict the village in Nigeria where he grew up.'),
    ('adult-writing', 'o72', 'Analysis',
     "The school's staff wellbeing survey said workloads were too high."),
    ('adult-writing', 'o73', 'Chronology',
     "A letter from the girl's school to the GP raised concerns about her attendance."),
    ('adult-writing', 'o108', 'Chronology',
     "Police found texts from the young person's father threatening the foster carers."),
    ('adult-writing', 'o74', 'Chronology',
     "Texts from the young person's father threatened the foster carers."),
    # tool-verb
    ('tool-verb', 'o67', 'Chronology',
     'The home-school communication book was rarely used, and the mother signed it only twice in a term.'),
    ('tool-verb', 'o45', 'Chronology',
     "The teaching assistant used Makaton with the class, and signed 'home time' at the end of each day."),
    ('tool-verb', 'o68', 'Chronology',
     'A PECS assessment was requested; the speech and language therapist indicated a wait of six months.'),
    # agency-communication
    ('agency-communication', 'o65', 'Analysis',
     'There was no communication about her distress between the school and CAMHS.'),
    ('agency-communication', 'o66', 'Analysis',
     "The school's communications about her home life to children's social care were brief and late."),
    # agency-process
    ('agency-process', 'o75', 'Analysis',
     "Child D was regularly discussed at the school's safeguarding meetings."),
    ('agency-process', 'o76', 'Analysis',
     'Child E was often the subject of referrals from school.'),
    ('agency-process', 'o77', 'Chronology',
     "Child H was often mentioned in the nursery's records."),
    ('agency-process', 'o49', 'Chronology',
     "The baby's father was often at the corner shop when the health visitor called."),
    ('agency-process', 'o50', 'Chronology',
     "The toddler's mother regularly missed nursery pick-up."),
    # household: where and with whom the child lived is not the child's day (a user's probe)
    ('household', 'u01', '1. Background',
     'Child X was a boy aged two who lived with his mother, Ms Tarrant, and her new partner in '
     'a rented flat in Lowbeck.'),
    ('household', 'u02', 'Family',
     'Young Person K is a fourteen-year-old who lives with her father and two brothers.'),
    ('household', 'u03', 'Background',
     'Child M was a girl of six who moved to the area with her mother in 2021.'),
]

# (family, section, text): the wording each family was widened for, still the child's voice.
NEAR: list[tuple[str, str, str]] = [
    ("household", "Background",
     "Child C was a talented swimmer who trained four mornings a week before school."),
    ("behaviour", "Analysis", "Staff saw that Leo flinched whenever an adult raised a hand."),
    ("behaviour", "Background", "Ravi, who has no speech, shows distress by biting his hand."),
    ("behaviour", "Chronology", "At nursery Child P hoarded food in her coat pockets."),
    ("behaviour", "Chronology", "The toddler became rigid and silent whenever the partner came in."),
    ("behaviour", "Background", "The family support worker described Baby D's day: he spent "
     "most of it in a bouncer, and he was rarely picked up."),
    ("behaviour", "Background", "The midwife recorded that the baby was fed every three hours "
     "and bathed each evening."),
    ("behaviour", "Background", "Baby T's nappy was rarely changed and his bottles were propped."),
    ("asked-or-generic", "Analysis", "Child J flinched when the register was called. The school "
     "should have asked why."),
    ("asked-or-generic", "Analysis", "The teacher noticed he arrived each Monday exhausted and "
     "ravenous."),
    ("adult-routine", "Chronology", "Jade's twin brother told police that Jade often missed "
     "meals because she was kept in her room."),
    ("adult-routine", "Background", "Lewis's life at the hostel was one of waiting: he spent most "
     "evenings in one room with his mother, doing homework on the bed."),
    ("adult-routine", "Chronology", "Nursing notes describe her days on the ward: she refused "
     "meals and slept with the lights on."),
    ("adult-routine", "Background", "The childminder said that Noah would cry at pick-up and "
     "cling to her leg."),
    ("passive-speech", "Chronology", "03.09 – Police attended. Child B, aged 7, was spoken to "
     "in the kitchen and said Mum 'cries all the time and then sleeps'."),
    ("passive-speech", "Chronology", "Child K was collected from school and told her aunt that "
     "she did not want to go home."),
    ("passive-speech", "Chronology", "Child F described how his stepfather locked him out."),
    ("not-the-child", "Background", "The girl confided to a friend's mother that she was "
     "frightened of her mother's boyfriend."),
    ("not-the-child", "Chronology", "Child U first said he had fallen off the trampoline; later, "
     "alone with his teacher, he said Dad 'gets cross when I'm slow'."),
    ("not-the-child", "Chronology", "The boy told the school nurse that his stepfather burnt "
     "him with a cigarette."),
    ("adult-days", "Family", "His grandmother described how Ellie spends her evenings: "
     "homework at the kitchen table, then minding the baby."),
    ("adult-days", "Background", "Child A's school day often began in the breakfast club."),
    ("adult-days", "Background", "The key worker described Kofi's weekends: alone in his room "
     "with the curtains shut."),
    ("adult-writing", "Chronology", "In a text to his older cousin he wrote that he was 'scared "
     "to go back' after the weekend."),
    ("adult-writing", "Background", "Her diary, given to the review by her mother, records days "
     "of feeling 'empty'."),
    ("adult-writing", "Chronology", "Police found texts from the young person to a friend "
     "saying she was scared to go home."),
    ("adult-writing", "Analysis", "Danny's repeated comments to staff that he was 'always "
     "hungry' should have prompted questions about food at home."),
    ("adult-writing", "Chronology", "In a school wellbeing survey Child Y ticked 'never' for 'I "
     "feel safe at home'."),
    ("tool-verb", "Direct work", "Using his eye-gaze board, Sam chose 'no' when asked about "
     "respite care."),
    ("tool-verb", "Chronology", "With his Makaton, Child N signed 'hurt' and pointed to his "
     "arm."),
    ("tool-verb", "Chronology", "He signed \"home\" and then \"no\"."),
    ("agency-communication", "Analysis", "The child's soiling and refusal to undress for PE "
     "were, the review finds, the clearest communication of her distress."),
    ("agency-communication", "Analysis", "Harry's shouting was his way of telling adults what "
     "his home life was like."),
    ("agency-process", "Chronology", "The residential key worker's log shows that on school "
     "days Child K was usually up late and often arrived after registration."),
    ("agency-process", "Chronology", "The attendance officer often saw Child N at the corner "
     "shop at 8 a.m. buying crisps for his breakfast."),
    ("adult-routine", "Chronology", "Brothers Kai and Leo were kept in their room most "
     "weekends, their cousin told police."),
]


# Mini-reviews written naturally with no child's voice: one paragraph anywhere that reads
# as the child's voice makes a whole review true.
MINI: list[tuple[str, list[tuple[str, str]]]] = [
    ('mini1-baby-head-injury', [
        ('Reason for the review',
         'Baby K, aged 11 weeks, was admitted to hospital with a skull fracture and retinal bleeding.'),
        ('Background',
         'Baby K lived with his mother, aged 20, and her partner. Things changed when the partner lost his job in the autumn and began drinking heavily.'),
        ('Chronology',
         '04/09 – Health visitor new-birth visit. Baby K seen and weighed, feeding well. Safe sleep and the risks of propped bottles discussed with both parents.'),
        ('Chronology',
         '19/10 – GP six-week check; Baby K was seen by the GP and reported to be well.'),
        ('Chronology',
         '30/11 – Police called to a verbal argument. Under his bail conditions the partner was not allowed to go to the flat, but neighbours saw him there the next day.'),
        ('Analysis',
         "No agency asked who looked after Baby K when his mother was at work, and the partner's history was not known to the health visitor."),
    ]),
    ('mini2-neglect-siblings', [
        ('Reason for the review',
         'Child B, aged 6, was found alone in the flat with a scald to her legs.'),
        ('Family',
         'Child B lives with her mother and her brother, aged 13. Her mother has depression and cares for her own mum, who has dementia.'),
        ('Chronology',
         'The older boy told his teacher that he was tired of getting his sister ready every morning.'),
        ('Chronology',
         'Child B was assessed in A&E and described as quiet and withdrawn.'),
        ('Analysis',
         'Messages from the school to the duty team were rarely picked up the same day, and there was no communication about her distress between the school and the GP.'),
        ('Recommendations',
         "Schools should record when a pupil arrives hungry or hoards food, and tell children's social care."),
    ]),
    ('mini3-teenager-exploitation', [
        ('Reason for the review',
         'Child C, aged 15, was stabbed in the town centre.'),
        ('Background',
         'Child C was often the subject of referrals from school for aggressive and non-compliant behaviour.'),
        ('Chronology',
         'Child C was arrested, interviewed under caution and reported to have declined to answer questions.'),
        ('Analysis',
         "A young person who is exploited and told that a debt must be repaid will rarely disclose; practitioners saw Child C's behaviour as a choice."),
        ('Methodology',
         'Child C chose not to take part in the review. His mother met the reviewer.'),
    ]),
    ('mini5-plain', [
        ('Reason for the review',
         'Child E, aged 9, was admitted to hospital malnourished.'),
        ('Chronology',
         'Child E was seen at school, weighed by the school nurse and referred to the GP.'),
        ('Analysis',
         'The voice of the child was not sought by any agency.'),
        ('Recommendations',
         'The partnership should ensure that the voice of the child is captured in every assessment.'),
    ]),
]

# Recommendations: (probe id, [(section, text)], count, specific). r01, r02: a meeting's
# actions behind dashes; r07, r09, r27-r29: a short numbered item over another number's
# sub-items or the document's own numbering; r12-r14: a season in a past event. Near
# misses: r10 (a title over its own 1.1/1.2), r16 ("by spring 2027", "in the autumn term
# 2026"), r03 and r04 (dates and headings with dashes).
RECOMMENDATIONS: list[tuple[str, list[tuple[str, str]], int, int]] = [
    ('r01', [
        ('Actions agreed at the strategy meeting, 12 March 2024',
         '– Police to visit the home with the social worker within 24 hours;'),
        ('Actions agreed at the strategy meeting, 12 March 2024',
         '– Health visitor to weigh the baby every two weeks;'),
        ('Actions agreed at the strategy meeting, 12 March 2024',
         '– School to report any absence to the social worker the same day.'),
    ], 0, 0),
    ('r02', [
        ('Child protection plan and action plan',
         '— Social worker to visit fortnightly and see Child B alone.'),
        ('Child protection plan and action plan',
         '— Mother to engage with the drug service.'),
    ], 0, 0),
    ('r03', [
        ('Recommendations',
         '12/3 – visit cancelled by the family.'),
        ('Recommendations',
         '15/3 – home visit, Child C seen.'),
    ], 0, 0),
    ('r04', [
        ('Recommendations',
         'Section 7 – Recommendations'),
        ('Recommendations',
         '1. The partnership should audit neglect plans by June 2026.'),
    ], 1, 1),
    ('r07', [
        ('Recommendations',
         '6.1 The review makes two recommendations.'),
        ('Recommendations',
         'Recommendation 1: A multi-agency neglect strategy.'),
        ('Recommendations',
         '6.2 The panel found that neglect had been seen as a housing problem for three years.'),
        ('Recommendations',
         'Recommendation 2: Safe sleep advice for fathers.'),
        ('Recommendations',
         '6.3 Fathers were not given safe sleep advice by any agency.'),
    ], 2, 0),
    ('r09', [
        ('Recommendations',
         '3. Escalation training for schools.'),
        ('Recommendations',
         '4.1 The local authority should publish its escalation policy on its website.'),
    ], 2, 0),
    ('r10', [
        ('Recommendations',
         '2. Early help'),
        ('Recommendations',
         '2.1 Early help managers to review every case open longer than a year by March 2026.'),
        ('Recommendations',
         '2.2 The partnership to audit step-down decisions annually.'),
    ], 2, 2),
    ('r12', [
        ('Recommendations',
         'In light of the events of summer 2024, the police should review their approach to missing children.'),
    ], 1, 0),
    ('r13', [
        ('Recommendations',
         'Following the deaths of two babies in autumn 2025, the ICB should remind GPs about safe sleep.'),
    ], 1, 0),
    ('r14', [
        ('Recommendations',
         'The school, which introduced the scheme in the summer term 2024, should extend it to Year 7.'),
    ], 1, 0),
    # A month and year tells by when unless its clause tells a past event.
    ('m01', [
        ('Recommendations',
         "Following Poppy's death in March 2024, the health visiting service should review its safe sleep advice."),
    ], 1, 0),
    ('m02', [
        ('Recommendations',
         '1. The neglect training completed in May 2025 should be offered again to schools by the partnership.'),
    ], 1, 0),
    ('m03', [
        ('Recommendations',
         'The school, which introduced the mentoring scheme in January 2024, should extend it to Year 7.'),
    ], 1, 0),
    ('m04', [
        ('Recommendations',
         '1. The ICB to report take-up of the new form to the Partnership in September 2027.'),
        ('Recommendations',
         '2. The local authority to present its audit of step-down decisions at the March 2027 partnership meeting.'),
        ('Recommendations',
         "3. The police to include taxi drivers' reports in the hub's briefing, checked in the hub's review in October 2026."),
        ('Recommendations',
         '4. The health visiting service to have the new pathway signed off and to be completed in June 2027.'),
    ], 4, 4),
    ('r16', [
        ('Recommendations',
         '1. The local authority to revise its pre-birth protocol by spring 2027.'),
        ('Recommendations',
         '2. Schools to train all staff in the new guidance in the autumn term 2026.'),
    ], 2, 2),
    ('r27', [
        ('Recommendations',
         '1. The partnership should audit neglect plans by June 2026.'),
        ('Recommendations',
         '2. One pre-birth pathway for agencies.'),
        ('Action plan',
         '8.1 The partnership will publish an action plan within three months.'),
    ], 3, 2),
    ('r28', [
        ('Recommendations',
         '1. Safe sleep training for fathers.'),
        ('Recommendations',
         '1.1 Why: fathers were absent from every health contact the review read.'),
        ('Recommendations',
         '2. A neglect audit by June 2026.'),
        ('Recommendations',
         '2.1 Why: neglect plans drifted for years.'),
    ], 2, 0),
    ('r29', [
        ('Recommendations',
         '1. The ICB should audit GP records of fathers by June 2026. 2. Wider use of the GCP.'),
        ('Recommendations',
         '3.1 The local authority should publish its escalation policy.'),
    ], 3, 1),
]

@pytest.mark.parametrize(("family", "pid", "section", "text"), OVER, ids=[p[1] for p in OVER])
def test_not_the_childs_voice(family, pid, section, text):
    assert voice(section, text) == "false", family


@pytest.mark.parametrize(("family", "section", "text"), NEAR,
                         ids=[f"{p[0]}-{i}" for i, p in enumerate(NEAR)])
def test_near_miss_is_still_the_childs_voice(family, section, text):
    assert voice(section, text) == "true", family


@pytest.mark.parametrize(("name", "paragraphs"), MINI, ids=[m[0] for m in MINI])
def test_a_review_with_no_childs_voice_stays_false(name, paragraphs):
    assert child_voice(passages(*paragraphs)).value == "false"


@pytest.mark.parametrize(
    ("rid", "paragraphs", "count", "specific"), RECOMMENDATIONS, ids=[r[0] for r in RECOMMENDATIONS]
)
def test_recommendation_counts(rid, paragraphs, count, specific):
    found = passages(*paragraphs)
    classes = {
        p.passage_id: "recommendation" if p.section == "Recommendations" else "analysis"
        for p in found
    }
    counted, measurable = recommendations(found, classes)
    assert (int(counted.value), int(measurable.value)) == (count, specific)
