"""Child's-voice probes written blind to the scorecard rules (issue 4).

The paragraphs and mini-reviews below were written from the labelling rules in
benchmarks/screening/README.md and the primer's theme 1 only, before the screen's
code or configuration was read, so they test the rules on phrasings they were not
written for. Each probe carries the reading the labelling rules give it: whether the
paragraph gives the child's own account (wishes, feelings, experience, a disclosure)
or a description of the child's daily life. Everything here is fictional.
"""

from __future__ import annotations

import pytest
from test_screen import passages

from review_miner.screen import child_voice, family_views, practitioner_views, recommendations

# (section, text, expected child_voice)
PRESENT: list[tuple[str, str]] = [
    # Quoted or reported words inside chronology lines.
    ("Chronology", "12/03/2024 – School nurse drop-in. Child T said 'I don't like going home "
     "on Fridays because Dad's mates come round.'"),
    ("Chronology", "On 4 May the youth worker recorded that Jayden told him he sleeps on the "
     "sofa at his nan's most nights because 'there's no room' at home."),
    ("Agency involvement", "14 June: GP appointment. Maisie (9) told the GP she had stopped "
     "eating lunch because the other girls laughed at her."),
    ("Chronology", "03.09 – Police attended. Child B, aged 7, was spoken to in the kitchen and "
     "said Mum 'cries all the time and then sleeps'."),
    ("Chronology", "On 21 October the social worker visited and Kai said he wanted to stay "
     "with his foster carers 'forever'."),
    ("Chronology", "08/02 14:10 School DSL record: 'F says she doesn't want to go to contact. "
     "Says Dad's new girlfriend is mean to her.'"),
    ("Chronology", "Week of 12 March: CAMHS session – Child D reported hearing voices telling "
     "him he was worthless."),
    ("Chronology", "On 30 April the school crossing patrol officer told the school that the "
     "girl had said she was 'not allowed to go home until Mum texts'."),
    ("Chronology", "Two days later he told a dinner supervisor 'there's never anything in the "
     "fridge'."),
    ("Chronology", "17/11 – Duty call from school: Child Q, 13, arrived with a bruised cheek "
     "and said 'it was my brother, he does it when Mum's out'."),
    ("Key events", "The GP letter of 2 February records Child O saying she 'just wanted to "
     "sleep forever'."),
    ("Chronology", "Late on 9 January Child V sent a voice note to his pastoral lead saying he "
     "was sitting outside the house and 'didn't want to go in'."),
    # Indirect accounts.
    ("Background", "Ruby told her form tutor that she was the one who got her little brothers "
     "dressed and to school each morning."),
    ("Direct work", "Through the play therapist, Lily described feeling 'small and invisible' "
     "when her parents argued."),
    ("Analysis", "Child F explained to the school counsellor that he stayed up late so he "
     "could hear if his mother fell."),
    ("Findings", "He said he felt safer at school than at home."),
    ("Chronology", "She disclosed to a learning mentor that her stepfather had hit her with a "
     "belt."),
    ("Direct work", "Asked what would make things better, Tyler said he wanted 'a lock on my "
     "door'."),
    ("Background", "Kacper complained to the dinner lady that he had not had any tea the "
     "night before."),
    ("Chronology", "Bella asked her teacher whether she could stay at school over the "
     "weekend."),
    ("The child's experience", "Child E told the reviewer that nobody had explained why she "
     "had to move schools."),
    ("Background", "The girl confided to a friend's mother that she was frightened of her "
     "mother's boyfriend."),
    ("Chronology", "Asked about home, Oscar shrugged and said 'it's fine, I just stay in my "
     "room'."),
    ("Analysis", "Seventeen-year-old Dion told the youth offending worker that he was 'safer "
     "on the road than at home'."),
    ("Analysis", "She said she used cannabis to 'switch off' from what was happening at home."),
    ("Chronology", "Child U first said he had fallen off the trampoline; later, alone with his "
     "teacher, he said Dad 'gets cross when I'm slow'."),
    ("Chronology", "Speaking through an interpreter, Child X told the social worker that she "
     "was not allowed to go out except to school and the mosque."),
    ("Chronology", "At the refuge Child Q said the bedroom was 'better than the car'."),
    ("Chronology", "Child G wrote a letter to the judge saying she wanted to live with her "
     "grandparents."),
    ("Chronology", "In her ABE interview, Child L described being taken to flats in another "
     "town and made to hold drugs."),
    # Behaviour observed and what it told about the child's experience.
    ("Background", "The nursery noticed that Ava hoarded food in her coat pockets at snack "
     "time, which staff understood as a sign she was often hungry at home."),
    ("Chronology", "When her father's name was mentioned Child G went silent and hid under "
     "the table; the social worker recorded this as fear of him."),
    ("Analysis", "Staff saw that Leo flinched whenever an adult raised a hand, and understood "
     "this as telling them something about his life at home."),
    ("Analysis", "The teacher noticed he arrived each Monday exhausted and ravenous, and came "
     "to see weekends as the hardest part of his week."),
    ("Chronology", "Nursery staff observed that the toddler became rigid and silent whenever "
     "her mother's partner came to collect her."),
    ("Analysis", "The child's soiling and refusal to undress for PE were, the review finds, "
     "the clearest communication of her distress."),
    ("Learning", "Learning point 2: Harry's behaviour at school, smashing equipment and "
     "shouting 'nobody cares', was his way of telling adults what his home life was like."),
    # Routines described by carers, teachers and workers.
    ("The child's daily life", "His foster carer described a typical day: Amir wakes at six, "
     "lines up his trainers by the door, and will not eat breakfast until he has checked every "
     "room."),
    ("Family", "His grandmother described how Ellie spends her evenings: homework at the "
     "kitchen table, then looking after the baby until bedtime while Mum works."),
    ("Chronology", "The residential key worker's log shows that on school days Child K was "
     "usually up late, skipped breakfast and was driven to school by staff, often arriving "
     "after registration."),
    ("Background", "The childminder said that Noah would cry at pick-up and cling to her leg, "
     "and that he ate ravenously on Monday mornings."),
    ("Background", "His class teacher described a boy who arrived early every day, sat by the "
     "radiator and rarely went out at break time."),
    ("Chronology", "The attendance officer often saw Child N at the corner shop at 8 a.m. "
     "buying energy drinks and crisps for his breakfast."),
    ("Background", "Child H's foster carer said she would not sleep unless the landing light "
     "was on and checked the front door was locked several times each night."),
    ("Analysis", "Reading the records together, the review sees a child whose days were "
     "shaped by her mother's drinking: she got herself to school, made her own meals and "
     "rarely had friends round."),
    ("Background", "Lewis's life at the hostel was one of noise and waiting: he spent most "
     "evenings in the single room with his mother and two sisters, doing homework on the bed."),
    ("Background", "Child A's school day often began in the breakfast club, the only hot meal "
     "she could count on."),
    ("Background", "As a young carer, Ethan told the young carers' service that after school "
     "he cooked tea, helped his mum into bed and did his homework after midnight."),
    ("Chronology", "Nursing notes describe her days on the ward: she refused meals in front "
     "of staff, asked again and again when her father would visit, and slept with the lights "
     "on."),
    # Digital messages, writing, drawings, tools.
    ("Chronology", "A Snapchat message Child M sent a friend at 2 a.m. read: 'can't sleep, "
     "they're shouting again, I hate it here.'"),
    ("Analysis", "Her Instagram messages to an online friend, later found by police, show "
     "she felt nobody at home would listen to her."),
    ("Chronology", "In a text to his older cousin he wrote that he was 'scared to go back' "
     "after the weekend."),
    ("Background", "Tia's messages to the school's online 'worry box' described being kept "
     "awake by fights downstairs."),
    ("Background", "In a drawing for the school's family day, Child P drew herself outside "
     "the house in the rain while the rest of the family were indoors; she told her teacher "
     "'that's me, I'm not allowed in'."),
    ("Chronology", "Her drawings at nursery kept showing a big man with no face, whom she "
     "called 'the shouty man'."),
    ("Analysis", "He wrote in his English coursework about a boy who never knew which version "
     "of his father would come home."),
    ("Background", "Her diary, given to the review by her mother, records days of feeling "
     "'empty' and of being afraid of a group of older boys."),
    ("Direct work", "In a wishes and feelings session Child W said she missed her mum but felt "
     "safe with her aunt."),
    ("Direct work", "On her 'Three Houses' worksheet, Keira put 'Dad drinking' in the house of "
     "worries and 'my dog' in the house of good things."),
    ("Direct work", "His 'All about me' booklet said he liked football, hated loud noises, and "
     "wanted 'Mum to stop being sad'."),
    ("Chronology", "In a school wellbeing survey Child Y ticked 'never' for 'I feel safe at "
     "home'."),
    ("Background", "On the class 'wish wall' he wrote: 'I wish my mum would wake up in the "
     "mornings.'"),
    # A sibling's account of the child's life.
    ("Background", "His older sister described his days at the caravan: he rarely went to "
     "school, spent hours on his phone and looked after the dogs."),
    ("Chronology", "Jade's twin brother told police that Jade often missed meals because she "
     "was kept in her room."),
    ("Chronology", "Her younger brother told the police that his sister was made to clean the "
     "house every night and was not allowed to eat with the family."),
    # A non-verbal child's communication.
    ("Chronology", "Child S, who is non-verbal, used her communication book to point to the "
     "'sad' and 'hurt' symbols when asked about home."),
    ("Direct work", "Using his eye-gaze board, Sam chose 'no' when asked if he wanted to go "
     "to respite care."),
    ("Background", "Ravi, who has no speech, shows distress by biting his hand; his teaching "
     "assistant noted that this increased sharply after weekends at his father's."),
    ("Analysis", "Child B, who is autistic and has little speech, began head-banging after "
     "contact visits; his special school read this as distress about contact."),
    # A baby's daily care described.
    ("Background", "The health visitor described Baby D's day: he spent most of it in a "
     "bouncer in front of the television, his bottles were propped, and he was rarely picked "
     "up."),
    ("Analysis", "Neighbours heard the baby crying for long periods most evenings, and the "
     "review concludes that his days were spent largely alone in his cot."),
    ("Background", "The family support worker noted that Baby M was usually still in a "
     "soiled nappy at midday and spent long stretches strapped into his car seat."),
    ("Background", "The midwife recorded that the baby was fed every three hours, slept in a "
     "Moses basket beside her parents' bed and was bathed each evening by her grandmother."),
    # A "voice of the child" section.
    ("Voice of the child", "Child R spoke to the reviewer with her advocate present. She said "
     "she had wanted someone to ask her what was happening at home, and that she would have "
     "told them."),
    ("The child's lived experience", "For Child C a typical week meant moving between three "
     "addresses, carrying her belongings in a school bag and often not knowing where she "
     "would sleep."),
    ("Voice of the child", "Mia told us she liked her social worker but 'she always talked to "
     "Mum first'."),
    # Analysis and learning that carry the child's words.
    ("Analysis", "Danny's repeated comments to staff that he was 'always hungry' should have "
     "prompted questions about food at home."),
    ("Analysis", "What Child J told her teacher, that she was left to look after her siblings "
     "overnight, was not shared with children's social care."),
    ("Analysis", "Professionals did not connect Sophie's self-harm with what she had said "
     "about feeling 'like a burden' at home."),
    ("Learning", "Child Z's statement that she 'didn't want to go back to Dad's' was recorded "
     "but not acted upon; her wishes should carry weight in contact decisions."),
]

ABSENT: list[tuple[str, str]] = [
    # Visits where the child is only "seen".
    ("Chronology", "12/03 – Home visit by social worker. Child T seen and appeared well. No "
     "concerns."),
    ("Chronology", "The health visitor saw the baby on 4 May; weight on the 50th centile, "
     "meeting milestones."),
    ("Chronology", "Child B was seen alone at school on three occasions."),
    ("Chronology", "18 October: statutory visit completed; child seen in her bedroom."),
    ("Chronology", "The social worker visited and observed the children; the home was tidy "
     "and the children were appropriately dressed."),
    ("Chronology", "Child K was seen at the walk-in centre; presentation unremarkable."),
    ("Chronology", "PC Adams spoke to the children, who had nothing to add."),
    ("Chronology", "Child M was spoken to by the attending officer."),
    ("Chronology", "The child appeared happy and settled at nursery."),
    ("Chronology", "Nursery reported she had been quieter and more clingy."),
    ("Chronology", "Custody record: detained person calm, compliant, no complaints."),
    ("Chronology", "The school reported no concerns about Child A's presentation or "
     "attendance."),
    ("Chronology", "The children were reported to be fine."),
    # Needs listed, diagnoses, symptoms.
    ("Background", "Child F has an education, health and care plan for social communication "
     "needs, speech and language delay and sensory processing difficulties."),
    ("Background", "Her needs were identified as stable accommodation, regular school "
     "attendance and support with her emotional wellbeing."),
    ("Background", "The early help plan listed Child D's needs as routine, boundaries and "
     "better school attendance."),
    ("Background", "Child H has cerebral palsy, epilepsy and a visual impairment."),
    ("Chronology", "The GP recorded eczema, recurrent ear infections, poor weight gain and "
     "nappy rash."),
    ("Chronology", "A&E noted bruising to the left ear, a torn frenulum and a fractured rib."),
    ("Background", "Child E was diagnosed with ADHD at the age of eight and prescribed "
     "medication."),
    ("Background", "Child F's school described him as a bright boy with a good attendance "
     "record."),
    # Plans for the child.
    ("Chronology", "The child protection plan required the mother to make sure the children "
     "attended school daily and had regular meals."),
    ("Background", "It was planned that Child R would move to a long-term foster placement "
     "and keep contact with her brother."),
    ("Chronology", "The safety plan set out that Child W should not be left alone with his "
     "stepfather."),
    ("Chronology", "The plan was for a referral to CAMHS and a direct work session with the "
     "social worker."),
    # Adults' words and parents' accounts of themselves.
    ("Chronology", "The mother told the health visitor that she was coping well and did not "
     "need any further support."),
    ("Chronology", "Father said he had been clean for six months and was attending a "
     "recovery group."),
    ("Practitioner views", "The GP said that in hindsight he would have referred sooner."),
    ("Chronology", "The stepfather told police 'I never touched her'."),
    ("Chronology", "The teacher said she had always found Mum 'pleasant and engaged'."),
    ("Family views", "The grandmother told the review she had raised concerns about the "
     "mother's new partner with the housing officer."),
    ("Family views", "Mum told us about her own childhood in care and how she had felt judged "
     "by every professional she met."),
    ("Family views", "The father described his long working hours and his struggle with debt "
     "after the business failed."),
    ("Family views", "In her conversation with the reviewer, the mother spoke of her "
     "depression and her fear that the children would be taken."),
    ("Practitioner views", "Ms Clarke, the head teacher, told the review that she wished she "
     "had escalated sooner."),
    ("Family views", "We heard from the children's grandfather, who wanted the review to know "
     "how much the family had loved the baby."),
    ("Chronology", "The health visitor voiced concern about the home conditions at the core "
     "group."),
    ("Chronology", "The baby was said to be thriving."),
    ("Chronology", "The police officer said the children were asleep upstairs when he "
     "arrived."),
    # Cover explanations alone.
    ("Chronology", "Child C said he had fallen off his bike."),
    ("Chronology", "The mother explained that the baby had rolled off the bed."),
    ("Chronology", "15/01 – A&E: Child L, 4, burn to forearm. Explanation given by child: 'I "
     "touched the kettle.'"),
    ("Chronology", "She told the school nurse the bruise was from PE."),
    # The review saying the voice is missing.
    ("Analysis", "The voice of the child is largely absent from agency records."),
    ("Analysis", "Nobody asked Child P what life was like at home."),
    ("Analysis", "There is no record of Child N's own view in any agency's file."),
    ("Methodology", "The review could not speak to Child J, who declined to take part, and no "
     "direct work had been recorded."),
    ("Analysis", "Professionals focused on the mother's needs and Child E's experience was "
     "lost."),
    ("Analysis", "Child V's wishes and feelings were not sought before the case was closed."),
    ("Methodology", "Child K's mother and grandmother were invited to contribute; Child K, who "
     "is two, was too young to take part."),
    # "Voice of the child" as a heading, a question or a recommendation only.
    ("Voice of the child", "Voice of the child"),
    ("Recommendations", "Children's social care should ensure the voice of the child is "
     "captured in every assessment, and audit this by March 2025."),
    ("Recommendations", "All agencies to use direct work tools such as Three Houses to "
     "understand the child's lived experience."),
    ("Learning", "Practitioners must seek the views of children and record them."),
    ("Terms of reference", "3. How well did agencies understand the lived experience of the "
     "child?"),
    ("Terms of reference", "Key line of enquiry 2: Was the child's voice heard?"),
    ("Recommendations", "The school should put in place a daily check-in with a trusted adult "
     "for pupils on child protection plans."),
    ("Recommendations", "Health visitors should record where a baby sleeps at every contact."),
    # Generic sentences about children.
    ("Analysis", "Children who live with domestic abuse are often afraid to speak about it."),
    ("Analysis", "Research shows that babies are most at risk of non-accidental injury in "
     "the first six months."),
    ("Analysis", "Teenagers who are criminally exploited rarely see themselves as victims."),
    ("Learning", "It is important that children are listened to."),
    # Other practice and administration.
    ("Background", "Child X attended 82% of sessions in the autumn term."),
    ("Background", "Child S was registered with the GP practice at birth and had all her "
     "immunisations."),
    ("Background", "The family moved to a two-bedroom flat in Eastbrook in March."),
    ("Methodology", "Practitioners attended a learning event on 3 June."),
    ("Methodology", "The reviewer met the father at his home."),
    ("Analysis", "The assessment relied on the mother's self-report and did not test it "
     "against other information."),
    ("Analysis", "Agencies did not share information about the father's violent history."),
    ("Analysis", "The social worker's caseload was 32 children at the time."),
    ("Chronology", "Child D's case was discussed at MARAC; the children were named as at "
     "risk."),
    ("Other", "The child's name has been changed to protect her identity."),
    ("Chronology", "His sister drew a picture of him in his cot, which she gave to the "
     "reviewer."),
]

# Near misses beside the families the probes led to (written after the rules were read, so
# not blind): each looks like one of the new phrasings and is not the child's voice.
TRAPS: list[tuple[str, str]] = [
    # A pseudonym that is only reported on, or the object of someone else's words.
    ("Chronology", "Child N3 reported missing at 22:00; found by police the next morning."),
    ("Chronology", "Her uncle brought Child J to the walk-in centre saying she had a temperature."),
    ("Chronology", "Child Q was referred to the paediatrician after Mum reported poor sleep."),
    ("Chronology", "Child V, aged 2, admitted to the children's ward with a chest infection."),
    # Titles with a single letter, and words that start sentences, are not a child's name.
    ("Family views", "Ms P told the reviewer she had been frightened of every visit."),
    ("Chronology", "Mr W says he was at work that evening and the children were with Nan."),
    ("Chronology", "March says: repeat prescription issued; no contact with the family."),
    ("Analysis", "Neither the nurse nor the GP asked whether Mum had understood the advice."),
    # A sibling's own words are not the child's (labelling choice of the second labeller).
    ("Chronology", "The older sibling's school noted that he had told a mentor he was tired of "
     "the baby crying at night."),
    # An adult's day, or one number of changes, is not a child's day or a baby's care.
    ("Practitioner views", "The team manager gave an account of her day shift to the panel."),
    ("Chronology", "His probation officer changed three times in a year."),
    ("Analysis", "She described her days at the refuge as lonely and was frightened of her "
     "partner finding her."),
    # A cover story in a clause of its own, and the voice wanted but not heard.
    ("Chronology", "Child D told the nurse he had slipped in the bath."),
    ("Analysis", "The assessment did not seek Child M's views about contact."),
    ("Voice of the child", "The voice of the child is missing; no agency recorded what she "
     "thought."),
    # A plan or a question about the child's voice, and a headline line.
    ("Chronology", "A referral to a play therapist was planned for the spring."),
    ("Learning", "It is essential that the lived experience of babies is understood."),
    ("Voice of the child", "Direct work"),
]

# Families the eleventh writer's dev reviews showed, in new words (section, text, expected).
ELEVENTH_WRITER_FAMILIES: list[tuple[str, str, bool]] = [
    # Who the child says they are, in their own words.
    ("Mia", "Mia calls herself \"the quiet twin\" and told her tutor she never gets a word in.",
     True),
    ("Background", "Leon describes himself as 'a Leeds lad who happens to have a Nigerian "
     "name'.", True),
    ("Family views", "Mrs Okafor describes herself as a private person who keeps to herself.",
     False),
    # A non-verbal child's pointing and signs.
    ("About Tom", "Tom has no words. In March he pointed to the picture of the bath and then "
     "to 'sore' on his symbol chart.", True),
    ("Chronology", "At respite he signed 'stop' each time a carer he did not know came in.",
     True),
    ("Chronology", "Mother signed the consent form for the referral.", False),
    # Tastes listed beside the household, against what a child does day to day.
    ("Household", "Child K (7): Year 2; loves dinosaurs and Peppa Pig; holidays in Devon.",
     False),
    ("Household", "Child K goes to the after-school club every weekday until six, when Dad "
     "collects her.", True),
    ("Analysis", "Child K enjoyed her swimming lessons and talked about them to staff.", True),
    # A parent's own words, in his words.
    ("The family", "Mr D spoke about his own years in care and was, in his words, 'never "
     "going to let that happen to my daughter'.", False),
    ("Analysis", "Child E was, in her words, 'the one who keeps the house going'.", True),
]

# Mini-reviews: (id, kind, [(section, text), ...], expected child_voice).
MINI_REVIEWS: list[tuple[str, str, list[tuple[str, str]], bool]] = [
    ("mr1-quoted-in-chronology", "rapid_review", [
        ("Reason for the review", "Child A, aged 11, was admitted to hospital after an overdose "
         "of her mother's medication."),
        ("Family", "Child A lives with her mother and younger brother in a flat in Millbrook."),
        ("Chronology", "03/02 – School nurse: Child A attended with a headache."),
        ("Chronology", "10/02 – Form tutor note: Child A said 'I'm tired of being the one who "
         "sorts everything at home.'"),
        ("Chronology", "14/02 – Child A admitted to Millbrook General."),
        ("Analysis", "The tutor's note was not passed to the designated safeguarding lead, so "
         "nobody asked what 'sorting everything' meant for her."),
        ("LCSPR decision", "The partners agreed an LCSPR is not required because the learning "
         "can be taken forward through a single-agency review in education."),
    ], True),
    ("mr2-seen-and-planned", "rapid_review", [
        ("Reason for the review", "Child B, aged 4, was found with a serious head injury."),
        ("Chronology", "05/06 – Social worker home visit; Child B seen, appeared well, home "
         "conditions adequate."),
        ("Chronology", "19/06 – Health visitor review; Child B meeting milestones, weight "
         "stable."),
        ("Background", "Child B's needs were identified as speech and language support and a "
         "nursery place."),
        ("Analysis", "The plan was for Child B to start nursery in September and for the "
         "mother to attend a parenting course."),
        ("Recommendations", "1. Children's social care should ensure that the voice of the "
         "child is recorded at every visit."),
    ], False),
    ("mr3-heading-says-missing", "lcspr", [
        ("Introduction", "This LCSPR concerns Child C, who died aged 15."),
        ("Voice of the child", "The voice of the child is largely absent from the records we "
         "read. No agency recorded what Child C thought about home."),
        ("Family views", "Child C's father met the reviewer and spoke about his grief and his "
         "own difficulties with alcohol."),
        ("Findings", "Professionals focused on the parents' needs and did not seek Child C's "
         "wishes and feelings."),
        ("Recommendations", "The partnership should commission training on direct work with "
         "adolescents and report on take-up by June 2026."),
    ], False),
    ("mr4-baby-day-by-childminder", "rapid_review", [
        ("Reason for the review", "Baby D, aged 7 months, suffered a fractured femur."),
        ("Family", "Baby D lives with his mother and her partner."),
        ("Background", "His childminder described his days with her: he arrived at seven "
         "without breakfast, fed hungrily, and would go stiff and quiet when a man's voice "
         "was heard at the door."),
        ("Chronology", "11/08 – A&E; mother said the baby had caught his leg in the cot bars."),
        ("Analysis", "The childminder's observations were not sought by the health visitor, "
         "whose contacts were all at the family home."),
    ], True),
    ("mr5-non-verbal", "lcspr", [
        ("Introduction", "Child E, aged 13, is autistic and non-verbal and attends a special "
         "school."),
        ("The child's experience", "Using his communication app, Child E tapped 'home' and "
         "'scared' on several school mornings; staff logged it but did not ask more."),
        ("Findings", "Agencies relied on his mother's description of his needs."),
        ("Learning", "Staff should have treated his app messages as communication about his "
         "experience and explored them."),
    ], True),
    ("mr6-cover-story-and-parent", "rapid_review", [
        ("Reason for the review", "Child F, aged 6, was treated for burns to both hands."),
        ("Chronology", "22/09 – A&E: Child F said he had touched the oven door."),
        ("Chronology", "23/09 – Mother told the social worker she had been asleep upstairs and "
         "was struggling with her own mental health."),
        ("Family views", "The mother spoke to the reviewer about her depression and her wish "
         "for more help after her own mother died."),
        ("Analysis", "The explanation was accepted without checking it against the pattern of "
         "the burns."),
    ], False),
    ("mr7-sibling-account", "rapid_review", [
        ("Reason for the review", "Child G, aged 10, was found living in a caravan without "
         "heating in winter."),
        ("Family", "Child G lives with his father and his sister, aged 15."),
        ("Background", "His sister told the reviewer what his days were like: he got up when "
         "he woke, often at midday, ate cereal from the box and spent evenings in the van "
         "watching videos because there was nowhere else to go."),
        ("Analysis", "No agency had a picture of Child G's daily life because he was not on a "
         "school roll."),
    ], True),
    ("mr8-generic-and-plans", "lcspr", [
        ("Introduction", "This review concerns Child H, aged 16, who was criminally exploited."),
        ("Analysis", "Young people who are exploited rarely see themselves as victims, and "
         "practitioners must look beyond behaviour."),
        ("Analysis", "The plan was for Child H to attend a pupil referral unit and see a youth "
         "worker weekly."),
        ("Learning", "It is important that the child's lived experience is at the centre of "
         "assessment."),
        ("Recommendations", "Agencies should use the Three Houses tool with every young person "
         "at risk of exploitation, audited annually."),
    ], False),
    ("mr9-digital-message", "rapid_review", [
        ("Reason for the review", "Child I, aged 14, was seriously injured in a fall from a "
         "car park."),
        ("Chronology", "02/03 – Police: missing episode, found at a bus station."),
        ("Chronology", "04/03 – A friend's mother forwarded to school a WhatsApp message from "
         "Child I: 'nobody at home would even notice if I never came back.'"),
        ("Analysis", "The message was filed but not discussed with Child I or her carers."),
    ], True),
    ("mr10-too-young-and-symptoms", "rapid_review", [
        ("Reason for the review", "Child J, aged 2, was admitted with malnutrition."),
        ("Chronology", "01/04 – GP: weight below the 2nd centile, recurrent chest infections, "
         "nappy rash."),
        ("Chronology", "15/04 – Health visitor home visit; child seen asleep; mother said she "
         "was feeding him well."),
        ("Methodology", "Child J is too young to contribute; his mother and father were "
         "invited to take part."),
        ("Analysis", "Practitioners accepted the mother's account of feeding without "
         "weighing him or seeing a meal."),
    ], False),
]


# Probes the screen still reads wrongly after the fixes, with why they were left.
LEFT = {
    "She said she used cannabis to 'switch off' from what was happening at home.": (
        "a pronoun whose words could be a parent's: nothing in the sentence says a child spoke"
    ),
    "Professionals did not connect Sophie's self-harm with what she had said about feeling "
    "'like a burden' at home.": (
        "what 'she' said, reported inside an analysis of practice; a parent's words read the same"
    ),
    "Child B was seen alone at school on three occasions.": (
        "tests/test_screen.py keeps 'seen alone' as the child's voice (the primer's theme-1 "
        "vocabulary); by the labelling rules it is neither an account nor daily life"
    ),
}


def _probe(section: str, text: str, expected: bool):
    if text in LEFT:
        return pytest.param(
            section, text, expected, marks=pytest.mark.xfail(strict=True, reason=LEFT[text])
        )
    return (section, text, expected)


PARAGRAPH_PROBES = (
    [_probe(s, t, True) for s, t in PRESENT]
    + [_probe(s, t, False) for s, t in ABSENT]
    + [(s, t, False) for s, t in TRAPS]
    + ELEVENTH_WRITER_FAMILIES
)


def _child_voice_of(paragraphs: list[tuple[str, str]]) -> bool:
    """Run the screen's child's-voice component on (section, text) paragraphs."""
    return child_voice(passages(*paragraphs)).value == "true"


@pytest.mark.parametrize(
    "section,text,expected", PARAGRAPH_PROBES, ids=[f"p{i:03d}" for i in range(len(PARAGRAPH_PROBES))]
)
def test_paragraph_probe(section: str, text: str, expected: bool) -> None:
    assert _child_voice_of([(section, text)]) is expected


@pytest.mark.parametrize(
    "paragraphs,expected", [(p, e) for _, _, p, e in MINI_REVIEWS], ids=[m[0] for m in MINI_REVIEWS]
)
def test_mini_review_probe(paragraphs: list[tuple[str, str]], expected: bool) -> None:
    assert _child_voice_of(paragraphs) is expected


# Recommendation probes, written from the labelling rules (benchmarks/screening/README.md:
# numbered items count one each, otherwise each sentence that asks someone to act; a
# dissemination plan is not a recommendation; specific when it names who will act and how
# success will be known or by when) before the recommendation rules were read.
# (id, [(section, text)], expected count, expected specific count)
REC = "Recommendations"
RECOMMENDATION_PROBES: list[tuple[str, list[tuple[str, str]], int, int]] = [
    ("numbered-owner-date", [
        (REC, "1. The Partnership will audit twenty neglect plans by June 2026 and report the "
         "findings to the Executive."),
        (REC, "2. Midwifery services should improve how they ask about fathers."),
    ], 2, 1),
    ("one-para-three-sentences", [
        (REC, "Children's social care should review its step-down guidance within six months. "
         "The health visiting service should add a question on safe sleep to every contact, "
         "checked by quarterly audit. Schools should think about this learning."),
    ], 3, 2),
    ("lettered-items", [
        (REC, "a) The ICB safeguarding team to deliver training on bruising in non-mobile "
         "babies to all GP practices by March 2026."),
        (REC, "b) Police to share domestic abuse notifications with schools."),
        (REC, "c) The Partnership to seek assurance from all agencies."),
    ], 3, 1),
    ("roman-items-in-one-paragraph", [
        (REC, "(i) The Local Authority to revise the pre-birth protocol by September 2026; "
         "(ii) Health to remind staff of the protocol; (iii) the Partnership to evaluate "
         "the protocol after twelve months through a multi-agency audit."),
    ], 3, 2),
    ("dissemination-last-item", [
        (REC, "1. Early help managers will report monthly to the Partnership on cases open "
         "longer than a year, from January 2026."),
        (REC, "2. The Partnership will publish this report and share a seven-minute briefing "
         "with all frontline staff."),
    ], 1, 1),
    ("sharing-plan-only", [
        ("Dissemination", "The learning from this review will be shared through the "
         "Partnership's newsletter and practitioner forums."),
    ], 0, 0),
    ("vague-list", [
        (REC, "• Improve information sharing."),
        (REC, "• Strengthen professional curiosity."),
        (REC, "• Listen to children."),
    ], 3, 0),
    ("table-rows", [
        (REC, "Action | Owner | By when"),
        (REC, "Review the threshold document | Head of Children's Services | 31 May 2026"),
        (REC, "Train designated safeguarding leads on exploitation | Education Safeguarding "
         "Lead | Autumn term 2026"),
    ], 2, 2),
    ("lead-in-then-dashes", [
        (REC, "The Board is asked to:"),
        (REC, "– require the hospital trust to report on its use of the bruising protocol at "
         "the next quarterly meeting;"),
        (REC, "– consider how fathers can be included in assessments."),
    ], 2, 1),
    ("named-recommendations", [
        (REC, "Recommendation one: The police should ensure that every child present at a "
         "domestic abuse incident is spoken to, measured by a six-monthly dip sample."),
        (REC, "Recommendation two: Agencies should work together better."),
    ], 2, 1),
    ("r-prefixed", [
        (REC, "R1. CAMHS to reduce the wait for a first appointment to twelve weeks by April "
         "2027, reported quarterly to the Board."),
        (REC, "R2. Schools to remind staff about the attendance policy."),
    ], 2, 1),
    ("we-recommend-sentences", [
        (REC, "We recommend that the Partnership commissions a review of its escalation "
         "policy. We also recommend that the designated nurse reports to the Board by "
         "December 2026 on how many referrals were escalated."),
    ], 2, 1),
    ("owner-no-measure", [
        (REC, "1. The Designated Safeguarding Lead at Hillbrook Academy should speak to "
         "pupils about online safety."),
    ], 1, 0),
    ("measure-no-owner", [
        (REC, "1. Within three months, a new pathway for unseen babies should be in place."),
    ], 1, 0),
    ("sub-items-under-titled-parent", [
        (REC, "1. Neglect"),
        (REC, "1.1 Children's social care to adopt the Graded Care Profile by March 2026."),
        (REC, "1.2 Health visitors to use it at every universal contact, audited annually."),
    ], 2, 2),
    ("no-recommendations-section", [
        ("Learning", "Practitioners did not see the baby's bruise as significant."),
        ("Conclusion", "The review thanks the family and practitioners."),
    ], 0, 0),
    ("target-percentage", [
        (REC, "3. The GP practices to record fathers' details at 90% of new registrations, "
         "measured by the practice audit."),
    ], 1, 1),
]


# Families the eleventh writer's dev reviews showed, in new words. Each paragraph is classed a
# recommendation only when its section is REC; the others must be found by their headings.
RECOMMENDATION_PROBES += [
    ("bracketed-numbers", [
        (REC, "[1] The hospice to tell the school nurse within two days of any change to a "
         "child's care plan."),
        (REC, "[2] The council to offer short breaks to every family on the disabled children's "
         "register."),
    ], 2, 1),
    ("request-letters", [
        ("Requests", "Request A – The youth service to log every contact with a child who is "
         "missing education, checked by the service lead at a six-monthly audit."),
        ("Requests", "Request B – Colleges to think about safeguarding at enrolment."),
    ], 2, 1),
    ("commitments-with-semicolons", [
        (REC, "Commitment 1. Housing will ask every family placed out of area who their GP is; "
         "the housing manager will report the answers quarterly."),
    ], 1, 1),
    ("change-we-want-to-see", [
        (REC, "Change we want to see: health visitors will see every baby at home after a "
         "house move; the named nurse will check twenty records in May 2027."),
        (REC, "Change we want to see: fathers will be asked about."),
    ], 2, 1),
    ("to-do-heading", [
        ("To do", "To do: the GP practices to flag children who miss three appointments, with "
         "the practice manager reporting the numbers to the health group each quarter."),
        ("To do", "To do: dentists to talk to schools."),
    ], 2, 1),
    ("action-lines-in-one-paragraph", [
        ("Actions", "Action: the fostering team to visit every new placement within a week, "
         "audited in June 2027.\nAction: carers to keep a daily diary."),
    ], 2, 1),
    ("dash-lines-in-one-paragraph", [
        ("What should change", "– Schools to teach water safety in Year 5.\n– The leisure "
         "centre to put a lifeguard on the training pool by summer 2027.\n– Parents to be "
         "reminded about pools."),
    ], 3, 1),
    ("dash-inside-a-sentence", [
        (REC, "The trust – which runs both maternity units – should offer every mother a "
         "debrief after a difficult birth."),
    ], 1, 0),
    ("owner-and-by", [
        (REC, "1. The academy to keep a log of every search of a pupil. Owner: headteacher. "
         "By: February 2027."),
    ], 1, 1),
    ("meeting-month-and-year-range", [
        (REC, "(i) The ICB to share its training figures at the June 2027 partnership meeting."),
        (REC, "(ii) Schools to report uptake in the 2026–27 safeguarding return."),
    ], 2, 2),
    ("actions-already-taken-heading", [
        ("Actions taken since the incident", "The trust has reissued its bruising protocol."),
    ], 0, 0),
]


def _recommendations_of(paragraphs: list[tuple[str, str]]) -> tuple[int, int]:
    found = passages(*paragraphs)
    classes = {p.passage_id: "recommendation" if p.section == REC else "analysis" for p in found}
    count, specific = recommendations(found, classes)
    return int(count.value), int(specific.value)


# Left: the dev labels count a numbered item that only shares the report ("5. Share this review
# widely." in s7-46), against the rule that a dissemination plan is not a recommendation; the
# screen follows the labels, so this probe is expected to fail until they are settled.
_RECOMMENDATIONS_LEFT = {"dissemination-last-item"}


@pytest.mark.parametrize(
    "paragraphs,count,specific",
    [
        pytest.param(p, c, s, marks=pytest.mark.xfail(strict=True, reason="dev labels differ"))
        if rid in _RECOMMENDATIONS_LEFT
        else (p, c, s)
        for rid, p, c, s in RECOMMENDATION_PROBES
    ],
    ids=[r[0] for r in RECOMMENDATION_PROBES],
)
def test_recommendation_probe(paragraphs, count: int, specific: int) -> None:
    assert _recommendations_of(paragraphs) == (count, specific)


# Family and practitioner views in the eleventh writer's forms, in new words: a review that
# writes as "we", a parent named by a title and an initial, "told panel" without "the", and
# a panel whose members are front-line staff, beside near misses.
# (section, text, expected family_views, expected practitioner_views)
VIEWS_PROBES: list[tuple[str, str, bool, bool]] = [
    ("Taking part", "Mr and Mrs P met us at the family centre.", True, False),
    ("Who we heard from", "Leah's grandparents met us once and wrote to us afterwards.", True,
     False),
    ("How we did this", "We visited Ms J at her sister's house with an interpreter.", True,
     False),
    ("Her family", "Her mother told us she had moved four times in a year.", True, False),
    ("Panel view", "The GP's receptionist told us the surgery's phone lines were busy.", False,
     True),
    ("Method", "Practitioners at panel: class teacher, health visitor, youth worker.", False,
     True),
    ("Sources", "The panel included the allocated social worker and the class teacher.", False,
     True),
    ("Panel view", "• Health visitor told panel she had not seen the baby's room.", False, True),
    ("Sources", "The panel met with the designated nurse and the service manager.", False,
     False),
    ("Chronology", "Ms P told the police officer that her partner had left.", False, False),
]


def _views_of(section: str, text: str) -> tuple[bool, bool]:
    found = passages((section, text))
    return (
        family_views(found).value == "true",
        practitioner_views(found).value == "true",
    )


@pytest.mark.parametrize(
    "section,text,family,practitioners", VIEWS_PROBES, ids=[f"v{i:02d}" for i in range(len(VIEWS_PROBES))]
)
def test_views_probe(section: str, text: str, family: bool, practitioners: bool) -> None:
    assert _views_of(section, text) == (family, practitioners)
