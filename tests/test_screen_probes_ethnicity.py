"""Ethnicity probes written blind (issue 4).

The probes below were written from the issue, the primer and the labelling rules of
``benchmarks/screening/README.md`` only, before the screen's rules, lexicon, configuration or
tests were read, and committed before the screen was run on them. Every text is fictional.

Each paragraph probe carries its section and the label the README's rules give it: ``none``,
``statement`` (says or shows ethnicity, heritage, nationality, colour, faith, culture, first
language or interpreting, without weighing it) or ``analysis`` (weighs one of them in judging
practice or drawing learning). Mini-reviews carry the review status.
"""

from __future__ import annotations

import pytest

from review_miner.records import Passage
from review_miner.screen import ethnicity_status, states_ethnicity, weighs_ethnicity

# (section, text, expected paragraph label)
STATEMENTS = [
    # field values and records
    ("Family composition", "Ethnicity (school census): Any other Asian background. Religion: none given.", "statement"),
    ("Family composition", "Child C | 6 | ethnicity code MWBC | attends Ferrow Infants", "statement"),
    ("Family composition", "Nationality: Eritrean | Religion: Orthodox Christian | Interpreter: yes (Tigrinya)", "statement"),
    ("Background", "The GP record gives Ms Arslan's main spoken language as Turkish and notes that she needs an interpreter.", "statement"),
    ("Background", "On the early help form, under 'How would you describe your family?', Mum wrote 'British Bangladeshi, Muslim'.", "statement"),
    # self-identification
    ("Background", "Ms Lee told the reviewer she thinks of herself as 'Scottish first and Korean second'.", "statement"),
    ("Family composition", "Dad describes himself as 'a Brummie with Kashmiri roots'.", "statement"),
    ("Family composition", "Ms Okafor describes herself as Nigerian-Irish; the children's father is from Lagos.", "statement"),
    # immigration status
    ("Family composition", "The family hold pre-settled status under the EU Settlement Scheme.", "statement"),
    ("Background", "The family arrived as asylum seekers from Sudan in 2022 and were placed in a hotel in Harbridge.", "statement"),
    ("Background", "Mr Haddad came to the UK from Syria on a family reunion visa in 2019.", "statement"),
    # naming customs
    ("Family composition", "Following the family's Sikh custom, the boys carry the name Singh and the girls Kaur.", "statement"),
    ("Family composition", "In keeping with Somali naming practice, Child A is known by her own name followed by her father's and her grandfather's.", "statement"),
    # faith practices and diet
    ("Background", "The family keep a kosher kitchen and do not use the phone or the car on Shabbat.", "statement"),
    ("Background", "Mum wears a hijab and prays five times a day; the boys go to Qur'an classes on Saturday mornings.", "statement"),
    ("Background", "Dad keeps the Navratri fast each autumn and the family go to the mandir on Sundays.", "statement"),
    ("Background", "The family eat only halal meat, which they told the nursery when Child M started.", "statement"),
    ("Background", "Child M's meals are vegetarian because the family are Jain.", "statement"),
    ("Background", "Mother converted to Islam when she married Mr Qureshi.", "statement"),
    ("Family composition", "The family belong to a Plymouth Brethren congregation and have no television at home.", "statement"),
    ("Background", "The couple married in a Hindu ceremony in Leicester in 2015.", "statement"),
    ("Chronology", "14.04.23 Child B baptised at St Sava's Serbian Orthodox church; the godparents are Mr and Mrs Jovanović.", "statement"),
    ("Family composition", "The family are Jehovah's Witnesses and attend meetings twice a week.", "statement"),
    # community institutions
    ("Background", "Both girls go to the Lithuanian Saturday school in Keswater, where their mother teaches.", "statement"),
    ("Background", "Mum volunteers at the Eritrean community centre and the family worship at the Tewahedo church.", "statement"),
    ("Family composition", "The grandparents are elders at the gurdwara on Mill Lane.", "statement"),
    ("Background", "The boys go to the Chinese community school on Sundays and speak Mandarin with their grandmother.", "statement"),
    # languages and interpreting
    ("Family composition", "At home the family speak Tamil; Child R uses English at nursery.", "statement"),
    ("Family composition", "Father's first language is Amharic; he reads English slowly.", "statement"),
    ("Family composition", "Home language: Pashto. Parents' English: basic.", "statement"),
    ("Family composition", "Ms Diop is bilingual in Wolof and French and is learning English at college.", "statement"),
    ("Family composition", "The maternal grandmother, who lives with the family, speaks only Bengali.", "statement"),
    ("Family composition", "Ms Vu speaks Vietnamese and some Cantonese.", "statement"),
    ("Family composition", "The children go to a Welsh-medium school and speak Welsh with their father.", "statement"),
    ("Family composition", "Mr Carr is Deaf; his first language is British Sign Language.", "statement"),
    ("Chronology", "12.03.24 Home visit by the social worker with a Dari interpreter present.", "statement"),
    ("Chronology", "A telephone interpreter (Tigrinya) was used for the strategy discussion with Mum.", "statement"),
    ("Chronology", "Child J, aged ten, translated for his father at the GP appointment.", "statement"),
    ("Chronology", "The consultation took place in Polish with the practice's bilingual receptionist.", "statement"),
    ("Chronology", "20 May: the outpatient appointment letter was sent in English only.", "statement"),
    # a parent's upbringing abroad, buried in sentences about something else
    ("Background", "Mother spent her childhood in a village outside Sylhet and came to England when she married at nineteen.", "statement"),
    ("Background", "Father grew up in Kingston, Jamaica, and moved to Birmingham as a teenager to live with an aunt.", "statement"),
    ("Background", "Mr Petrov, who was raised in a children's home in Varna before coming to the UK in 2015, works shifts at the distribution centre.", "statement"),
    ("Background", "Mum, who came over from Gdańsk in her twenties to work at the fish factory, met Dad at the factory social club.", "statement"),
    ("Family composition", "Dad, a Ghanaian national, works nights as a security guard.", "statement"),
    # peoples and communities
    ("Family composition", "The family are Kurds from northern Iraq.", "statement"),
    ("Family composition", "The children's father is Uyghur and has not seen his own parents since 2016.", "statement"),
    ("Family composition", "The family are Irish Travellers living on the council site at Coldmoor.", "statement"),
    ("Family composition", "The family are Romanichal and live in a static caravan on their own land.", "statement"),
    ("Family composition", "Mum is a Showwoman; the family travel the fairground circuit from March to October.", "statement"),
    # mixed heritage, spelt many ways
    ("Family composition", "Child T is of mixed White and Black African heritage.", "statement"),
    ("Family composition", "Child S is dual-heritage (White British / Pakistani).", "statement"),
    ("Family composition", "Child L is mixed-race; her father is Black Caribbean.", "statement"),
    ("Family composition", "Child Z is biracial.", "statement"),
    ("Family composition", "Child D is of mixed parentage: his mother is English and his father Ghanaian.", "statement"),
    ("Family composition", "Child E is half Chinese on her mum's side.", "statement"),
    ("Family composition", "The school records Child F as White and Asian.", "statement"),
    ("Family composition", "Child N is multiracial and identifies as Black.", "statement"),
    ("Family composition", "Both parents are white; the children's father is Black.", "statement"),
    # the child's own words
    ("Background", "Child P told her teacher, 'I'm the only one in my class who wears a patka.'", "statement"),
    ("Chronology", "After PE Child H asked the teacher, 'Why do they call me a terrorist, Miss? Is it because I'm Muslim?'", "statement"),
    # stated in an analysis or learning section without being weighed (near misses for analysis)
    ("Analysis", "Ms Ali, who speaks Urdu, missed three appointments in a row; the health visitor should have escalated this to her manager.", "statement"),
    ("Analysis", "Child B, who is of dual heritage, was not seen alone at any of the six visits, which the panel considers a serious gap.", "statement"),
    ("Findings", "The Polish family moved house four times in a year and each move reset the referral; the panel found that the housing and health records were never linked.", "statement"),
]

ANALYSES = [
    # assumptions about a group, without the words culture or ethnicity
    ("Analysis", "Nobody asked why Ms Rahman never came to the surgery alone. It was assumed that women in her community are always accompanied, and that assumption stopped the GP from asking about her husband.", "analysis"),
    ("Analysis", "The health visitor assumed that, as in many South Asian households, the grandparents would share the baby's care, and she never checked who was actually up at night.", "analysis"),
    ("Analysis", "The review finds that 'Dad prefers not to deal with women professionals' was written down as a fact about where he came from and then used to justify never speaking to him.", "analysis"),
    ("Findings", "The social worker's knowledge of Roma families came from a single training slide, and it shaped her view that an early marriage was accepted in this family.", "analysis"),
    ("Analysis", "Because the family were Travellers, the school expected them to move on and did not follow up Child A's absence for eleven weeks.", "analysis"),
    ("Analysis", "Practitioners were too ready to accept that keeping the children at home during festivals was a religious matter and not a welfare concern.", "analysis"),
    ("Analysis", "The worker did not want to seem insensitive by asking about the marks on Child R's back, which the family called coining, so the bruising was never examined.", "analysis"),
    ("Analysis", "Staff did not ask whether the family's customs around mourning explained their wish for a quick burial; instead the request was logged as obstructive.", "analysis"),
    # interpreting failures judged
    ("Analysis", "Using the ten-year-old brother to interpret a conversation about his mother's injuries was wrong and meant she could not speak freely.", "analysis"),
    ("Analysis", "The interpreter booked spoke Arabic, but Mr Idris's first language is Tigre; the assessment rested on answers he may not have understood.", "analysis"),
    ("Findings", "Practitioners relied on Mr Nowak to translate for his wife even after she had said he controlled her. A professional interpreter should have been used every time.", "analysis"),
    ("Analysis", "The discharge plan was explained in English and Ms Tran nodded; no one checked what she had understood.", "analysis"),
    ("Analysis", "Had the midwife booked a Sylheti-speaking interpreter rather than a Bengali one, Ms Khatun might have understood the safe sleep advice.", "analysis"),
    ("Analysis", "The GP's letters were in English, which Mrs Ahmadi could not read, so she never knew the appointment had been made.", "analysis"),
    ("Analysis", "The fact that the only interpreter available came from the same small Albanian community as the husband made Ms Hoxha afraid to disclose.", "analysis"),
    ("Analysis", "The assessment did not consider how being a French speaker, new to the country and with no family here, left Ms Diallo with no one to turn to.", "analysis"),
    ("Analysis", "Child S's speech delay was put down to the family speaking Somali at home, and no referral was made for eighteen months.", "analysis"),
    # identity and racism in the child's experience
    ("Analysis", "Child K moved through three white foster homes in rural placements and told his IRO that no one could do his hair or cook the food he knew. His care plan said nothing about who he was or where his family came from.", "analysis"),
    ("Analysis", "The name-calling Child O reported was recorded as 'falling out' rather than racist bullying, and the school treated it as a behaviour problem on both sides.", "analysis"),
    ("Analysis", "Police described the fourteen-year-old as 'a large, aggressive male'; the panel considered whether Child V, a Black boy, was seen as older and more threatening than he was.", "analysis"),
    ("Analysis", "No one asked Child Y what it was like to be the only Black child at the village school; the review found his silence in class was linked to the names he was called on the bus.", "analysis"),
    ("Analysis", "The fostering panel approved the placement with no discussion of Child W's Muslim upbringing; she was served pork in her first week.", "analysis"),
    ("Analysis", "Staff called Child U's father 'intimidating' in the case notes; the review notes that he is a tall Black man and that no threatening behaviour was ever recorded.", "analysis"),
    ("Analysis", "Describing a thirteen-year-old Black girl as 'streetwise' in a police log reflects a pattern the panel wants partners to challenge.", "analysis"),
    ("Analysis", "Practitioners told the reviewer they were wary of 'looking racist' if they challenged the father; that fear led them to accept explanations they would have questioned in other families.", "analysis"),
    # faith, immigration and the family's account as the review uses it
    ("Analysis", "The pastor's promise that the church would 'pray over' Child G was accepted as a safety plan; this was deference to a faith leader, not an assessment.", "analysis"),
    ("Analysis", "The review asked whether the family's faith had shaped their refusal of a blood transfusion and found that the doctors never explored this with them.", "analysis"),
    ("Analysis", "Being the only Muslim family on the estate, the Hussains were reluctant to call the police; agencies did not recognise how isolated they were.", "analysis"),
    ("Analysis", "Ms Osei's distrust of social workers came from her experience of the authorities in her home country; this was never explored and her caution was read as hostility.", "analysis"),
    ("Analysis", "The family's insecure immigration status meant they feared that any contact with services would lead to removal, and no practitioner explained their entitlements.", "analysis"),
    ("Analysis", "The kinship assessment stalled for five months while Grandad's Windrush-era documents were sought; the panel considers this delay avoidable.", "analysis"),
    ("Family views", "Ms Kaur told the reviewer she felt the hospital saw her as 'just another Asian mum who fusses'; the review accepts that her concerns were not given due weight.", "analysis"),
    ("Analysis", "The panel considered whether the family's position as newcomers from Eastern Europe meant they did not know how to ask for help, and found some evidence that it did.", "analysis"),
    # learning and recommendations
    ("Learning", "Learning point 3: practitioners need the confidence to talk about race and racism with children and their families.", "analysis"),
    ("Learning", "Where a parent has limited English, written safety advice must be given in a language they read and their understanding checked.", "analysis"),
    ("Recommendations", "Recommendation 4: The local authority should ensure that every looked-after child's care plan sets out how their heritage, faith and language will be supported, and audit this by March 2026.", "analysis"),
    ("Recommendations", "Rec 2. The ICB to ensure GP practices record a patient's need for an interpreter and book one for every appointment; measure: quarterly audit.", "analysis"),
    ("Recommendations", "Agencies should stop using family members, and children in particular, as interpreters.", "analysis"),
    ("Recommendations", "The partnership should commission training on adultification bias for police custody staff by September.", "analysis"),
    ("Recommendations", "Schools should record and report racist incidents separately from general behaviour logs.", "analysis"),
    ("Recommendations", "Recommendation 5: children's social care to ensure age assessments of unaccompanied asylum-seeking children do not rely on appearance.", "analysis"),
    # an LCSPR decision whose reasons name them; dismissals with reasons
    ("Decision", "The panel recommends an LCSPR because the learning about how the family's lack of English and isolation from services shaped events is significant for the partnership.", "analysis"),
    ("Analysis", "The reviewer asked Mr and Mrs Ellis whether their faith or background had any bearing on what happened. They said not, and nothing in the records suggests agencies treated them differently; the panel accepts this.", "analysis"),
    ("Analysis", "Mrs Ansah was asked whether being from Ghana, or her faith, had affected how agencies treated her; she said the midwives had been kind and she had always understood what was said, and the records bear this out.", "analysis"),
]

DISMISSALS = [
    ("Analysis", "Ethnicity and culture were not relevant to this review.", "none"),
    ("Analysis", "No issues relating to diversity were identified.", "none"),
    ("Methodology", "Equality and diversity: nothing of note.", "none"),
    ("Findings", "Race, faith and language were not factors in Child C's death.", "none"),
    ("Analysis", "The panel found no cultural issues.", "none"),
    ("Family composition", "Religion/belief: not applicable.", "none"),
    ("Methodology", "The panel considered the protected characteristics and none applied.", "none"),
    ("Analysis", "There is nothing to suggest that the family's heritage played any part.", "none"),
    ("Family composition", "Language needs: none identified.", "none"),
    ("Analysis", "The family's ethnicity was recorded by all agencies.", "none"),
    ("Analysis", "Interpreting needs were not an issue in this case.", "none"),
    ("Analysis", "Cultural considerations – N/A", "none"),
]

TRAPS = [
    # colours
    ("Chronology", "Child X arrived at school with a black eye and a cut lip.", "none"),
    ("Background", "The flat had no white goods, and a blackout had left the freezer thawed.", "none"),
    ("Chronology", "The worker wrote the safety plan on the whiteboard in the family room.", "none"),
    ("Background", "Mum was in the red with her rent and hid the brown envelopes in a drawer.", "none"),
    ("Chronology", "Dad drove a white van with black alloy wheels.", "none"),
    ("Background", "Black mould covered the bedroom wall and the windows would not open.", "none"),
    ("Analysis", "The grandmother called the first internal report a whitewash.", "none"),
    ("Chronology", "He was last seen in a black hoodie and white trainers.", "none"),
    ("Analysis", "The colour of the bruise was not recorded, so its age could not be estimated.", "none"),
    # places
    ("Background", "The family moved from Blackburn to a flat on Jamaica Street.", "none"),
    ("Background", "They lived on the Holland Park estate, near the Irish Sea ferry terminal.", "none"),
    ("Chronology", "Child D started at Indian Queens Primary School in September.", "none"),
    ("Chronology", "The police stopped the car on Roman Road near the Traveller's Rest pub.", "none"),
    ("Background", "The family moved from Leeds to Harbridge in 2021 for Dad's job.", "none"),
    ("Background", "Dad grew up in care in Sunderland.", "none"),
    ("Chronology", "Child F was born at Wexcombe General Hospital at 34 weeks.", "none"),
    # institutions
    ("Chronology", "The meeting was held in the church hall because the family centre was closed.", "none"),
    ("Background", "Child B went to the youth club at the Methodist hall on Tuesdays for the free tea.", "none"),
    ("Chronology", "The food bank at St Mary's gave the family three parcels in December.", "none"),
    ("Chronology", "Child A attended St Bede's Catholic Primary School from Reception.", "none"),
    # surnames and first names
    ("Chronology", "Mr White, the deputy head, raised the concern with Ms Black, the health visitor.", "none"),
    ("Chronology", "DC English took Child R's statement and Mrs French countersigned it.", "none"),
    ("Chronology", "Dr Welsh and Mr Moore saw Christian in the emergency department.", "none"),
    ("Family composition", "Jordan, 7, lives with his mother, Ms India Cole, and his sister Georgia.", "none"),
    # sports
    ("Background", "Child O wore his Celtic shirt every day and played for the under-12s.", "none"),
    ("Background", "Dad took the boys to watch England play Scotland at the pub.", "none"),
    # foods
    ("Background", "The children ate a Chinese takeaway most nights and cereal for breakfast.", "none"),
    ("Background", "Nan made Irish stew and a Spanish omelette when the children stayed.", "none"),
    ("Chronology", "The puppy, a German shepherd, had bitten Child N's hand.", "none"),
    # holidays
    ("Chronology", "Over the Christmas holidays the school was closed and no agency saw the children.", "none"),
    ("Chronology", "At Easter the family went camping in the Lake District.", "none"),
    # English the subject, language in other senses
    ("Background", "She was predicted a grade 6 in English and wanted to study law.", "none"),
    ("Chronology", "Her English teacher noticed the bruising on her wrist during the lesson.", "none"),
    ("Chronology", "Child R has speech and language therapy and uses Makaton signs at school.", "none"),
    ("Analysis", "The language of the referral was vague and its body language notes were unhelpful.", "none"),
    ("Analysis", "The plan was never translated into practical steps for the family.", "none"),
    ("Analysis", "The registrar's interpretation of the scan was not reviewed by a consultant.", "none"),
    # culture of an agency; identity of a person; faith in a plan; race; mixed; heritage; dual
    ("Analysis", "There was a culture of optimism in the team, and the ward culture discouraged challenge.", "none"),
    ("Analysis", "The organisational culture of the front door service valued speed over curiosity.", "none"),
    ("Analysis", "The identity of the man seen at the flat was never established.", "none"),
    ("Chronology", "The housing officer checked Mum's proof of identity and her tenancy agreement.", "none"),
    ("Analysis", "Child Q was exploring his gender identity and had asked to be called Sam.", "none"),
    ("Analysis", "Practitioners had too much faith in the safety plan.", "none"),
    ("Analysis", "The grandparents acted in good faith when they took the children in.", "none"),
    ("Analysis", "It became a race against time to find a placement before the weekend.", "none"),
    ("Analysis", "The school sent mixed messages and the health records gave a mixed picture.", "none"),
    ("Background", "Dad volunteered at the heritage railway at weekends.", "none"),
    ("Background", "Mum has a dual diagnosis of depression and alcohol misuse.", "none"),
    ("Chronology", "A blood culture was taken and a foreign body was removed from the wound.", "none"),
    ("Background", "The community nursing team visited twice and did background checks on the new partner.", "none"),
    ("Chronology", "Mum spoke to the GP in the morning and to the school in the afternoon.", "none"),
]

# Near misses beside each family the blind probes showed the rules missing, written after the
# rules were read and changed (phase B), so that each change stays as narrow as its family.
NEAR_MISSES = [
    # census codes / capitals that are words
    ("Chronology", "BOTH parents attended the review meeting and MOTHER signed the plan.", "none"),
    ("Family composition", "Ethnicity code: MWBC. Child C lives with her mother.", "statement"),
    # self-identification in other senses
    ("Background", "She thinks of herself as a good mother and sees herself as 'the strong one'.", "none"),
    ("Background", "Dad calls himself 'a proper Geordie' and supports Newcastle.", "none"),
    # a people's ways, and things named after a people
    ("Chronology", "The nursery held a Chinese New Year party and the children made lanterns.", "none"),
    ("Chronology", "HM Customs officers found the cannabis in the car.", "none"),
    ("Family composition", "The couple had a Sikh wedding at the gurdwara in 2018.", "statement"),
    # contact in English, and English the subject
    ("Chronology", "She got a merit in English and was given extra help in English lessons.", "none"),
    ("Chronology", "The poem was written in English class and shared with her teacher.", "none"),
    ("Chronology", "The discharge advice was given in English; no interpreter was offered.", "statement"),
    # coming to this country, and moving within it or coming home
    ("Chronology", "The family came back to England after a week's holiday in Spain.", "none"),
    ("Background", "Dad moved to England from Glasgow for work in 2019.", "none"),
    ("Background", "Mum came to the UK in 2017 to join her husband.", "statement"),
    # where someone grew up, told through a place there
    ("Background", "Mum was born in a hospital near Leeds and grew up on a farm outside Carlisle.", "none"),
    ("Background", "Dad grew up on a farm near Lviv and came here in 2022.", "statement"),
    # heritage as a share, and halves of other things
    ("Background", "Child B ate half a Spanish omelette and went to bed at half past eight.", "none"),
    ("Family composition", "Child B is a quarter Jamaican; his grandfather came from Kingston.", "statement"),
    # census mixed groups, and black and white in other senses
    ("Chronology", "The leaflet was printed in black and white.", "none"),
    # colour of a group, and colours of things
    ("Chronology", "They drove a white family car and lived in a white house with black railings.", "none"),
    ("Analysis", "The village where she was placed was a white village, and no one asked what that was like for her.", "analysis"),
    # faith said of a person by a relative pronoun, and faith places beside someone
    ("Chronology", "The neighbour who lives opposite the mosque called the police.", "none"),
    # adultification and stereotype near misses
    ("Analysis", "Mr K, who is Polish, was described as aggressive by the housing officer, and the visit was ended.", "statement"),
    ("Analysis", "The baby was seen as older than her age by the childminder.", "none"),
    # things left unsaid that are not a person's ethnicity
    ("Analysis", "There was no discussion of the family's housing at the conference.", "none"),
    ("Analysis", "The panel was told that coining the phrase 'disguised compliance' helped no one.", "none"),
    ("Chronology", "Mum paid for the shopping with her Visa card.", "none"),
    ("Analysis", "The police knew where his family came from: the Marsh estate.", "none"),
    # dismissals, and a judging sentence that only looks like one
    ("Analysis", "No part of the plan addressed the family's culture or Mum's first language, Bengali.", "analysis"),
    ("Analysis", "Using Child A's brother for interpreting was not identified as a concern by any agency.", "analysis"),
    ("Findings", "Faith and culture: none.", "none"),
    # a venue named after a faith
    ("Chronology", "The parenting course was held at the Baptist church hall on Thursdays.", "none"),
    ("Analysis", "A culture of deference on the ward, and the unit culture, made challenge hard.", "none"),
    # relatives abroad and at home; going back
    ("Background", "Mum's sister in Manchester looked after the children; her grandparents live in Bolton.", "none"),
    ("Chronology", "The family returned to Leeds after the holiday and the girls went back to school.", "none"),
    ("Background", "Her grandmother in Lagos sends money each month.", "statement"),
    # relaying by a practitioner, and by a child
    ("Chronology", "The nurse relayed the consultant's advice to the GP the same day.", "none"),
    ("Chronology", "Her son, aged nine, relayed the midwife's questions to her.", "statement"),
    # a school subject, and a dog's breed after a possessive
    ("Background", "His best subject is German and he wants to study languages.", "none"),
    ("Chronology", "The family's German shepherd and the neighbour's Alsatian were kennelled.", "none"),
    ("Background", "Her mother said: 'We're from the council estate, we've always been here.'", "none"),
    # contact in English as a medium, said in passing
    ("Chronology", "The social worker wrote to Ms Nowak, in English, to end the plan.", "statement"),
    # faith as a reason, and a child's words at school
    ("Recommendations", "Schools should ask families about absences for reasons of faith before recording them as unauthorised.", "analysis"),
    ("Background", "Child M said boys made monkey noises at him in the changing room.", "statement"),
]

# A second round, written after the rules were read but before these were run: phrasings the
# first round did not try.
SECOND_ROUND = [
    ("Family composition", "Mum is a British citizen of Nigerian descent.", "statement"),
    ("Family composition", "Language: Polish (interpreter required).", "statement"),
    ("Family composition", "The children were born in the UK to Eritrean parents.", "statement"),
    ("Family composition", "Both parents are Deaf and use BSL at home.", "statement"),
    ("Background", "The family speak a dialect of Arabic that the first interpreter struggled with.", "statement"),
    ("Background", "The boys go to the madrassah after school on weekdays.", "statement"),
    ("Family composition", "Child A's father is Jamaican-born and her mother is from Leeds.", "statement"),
    ("Family composition", "Ms X is a Polish-born mother of three.", "statement"),
    ("Family composition", "The family are second-generation Pakistani.", "statement"),
    ("Family composition", "The family belong to the Tamil temple in Eastfield.", "statement"),
    ("Family composition", "Child T's grandmother, who speaks Cantonese, does the school run.", "statement"),
    ("Background", "Mum told the reviewer she had been brought up a Catholic in County Mayo.", "statement"),
    ("Analysis", "Agencies treated the family's refusal of vaccination as stubbornness without exploring their beliefs.", "analysis"),
    ("Analysis", "The assessment was completed without an interpreter, so Mr K's account was filtered through his teenage son.", "analysis"),
    ("Analysis", "The health visitor's assumption that Eastern European parents use physical chastisement went unchallenged.", "analysis"),
    ("Analysis", "Racism experienced by the family on the estate was not recognised as a cause of their isolation.", "analysis"),
    ("Recommendations", "The partnership to commission culturally competent parenting programmes by April.", "analysis"),
    ("Analysis", "No one explored whether Child J's hair and skin care needs were met in placement.", "analysis"),
    ("Analysis", "Mum had been told by her husband that social workers would take the children because she was not British, and no one corrected this.", "analysis"),
    ("Analysis", "Professionals saw the large household as 'how they do things' in the Roma community and did not ask who was caring for the baby.", "analysis"),
    ("Analysis", "The nurse did not check whether Mum could read the leaflet, which was in English.", "analysis"),
    ("Analysis", "The review found no evidence that ethnicity or culture played a part.", "none"),
    ("Analysis", "The panel did not consider culture or religion to be relevant.", "none"),
    ("Findings", "Ethnicity has not been a factor in this case.", "none"),
    ("Background", "She went to an Irish dancing class and worked at the Polish deli on Saturdays.", "none"),
    ("Background", "A Black Lives Matter poster hung in her bedroom next to the White Horse pub calendar.", "none"),
    ("Chronology", "The school held a Black History Month assembly that Child A helped to plan.", "none"),
    ("Background", "Dad, a native of Hull, worked at the docks.", "none"),
    ("Chronology", "The family's Afghan hound and their French bulldog were rehomed.", "none"),
    ("Chronology", "Mr Brown, the head teacher, and Mrs Grey met the family at the Caribbean takeaway.", "none"),
]

# A third round, written before it was run: mixed heritage and origin spelt more ways, and
# analysis in the reviewer's plainest words.
THIRD_ROUND = [
    ("Family composition", "Child A is mixed-heritage; his father's family are from Barbados.", "statement"),
    ("Family composition", "Child B is of mixed ethnic background (White/Asian).", "statement"),
    ("Family composition", "Ethnicity: Mixed – White and Black Caribbean.", "statement"),
    ("Family composition", "Child C is part-Jamaican on her father's side.", "statement"),
    ("Family composition", "The family describe themselves as Anglo-Indian.", "statement"),
    ("Family composition", "Mr D is British-Pakistani and Ms D is white Scottish.", "statement"),
    ("Family composition", "Mum's family originate from Mirpur and settled in Bradford in the 1970s.", "statement"),
    ("Family composition", "Dad has roots in Ghana and still sends money to his brothers there.", "statement"),
    ("Family composition", "Child E has Black British Caribbean and White Irish ancestry.", "statement"),
    ("Family composition", "Ms F is a Roma woman from the Czech Republic.", "statement"),
    ("Family composition", "The family are Sikh; the children keep their hair uncut.", "statement"),
    ("Family composition", "Mother: 31, Turkish Cypriot, speaks Turkish and English.", "statement"),
    ("Analysis", "Staff told the reviewer they did not know how to talk to the family about race.", "analysis"),
    ("Analysis", "The school's response to the racist graffiti about Child G was slow and treated it as vandalism.", "analysis"),
    ("Analysis", "Mum's account of being ignored at the surgery because of her accent was not explored.", "analysis"),
    ("Analysis", "Nobody asked Child H, the only girl in her class who wore a hijab, how she was being treated.", "analysis"),
    ("Learning", "Practitioners should ask every family which language they prefer to use, and never assume.", "analysis"),
    ("Analysis", "The plan relied on Dad passing on the advice to Mum, who does not speak English, and no one checked what she was told.", "analysis"),
    ("Chronology", "Her Indian summer of good behaviour ended in October.", "none"),
    ("Chronology", "Mr Part and Ms Mix attended the meeting at Anglo House.", "none"),
    # near misses beside the third round's families, written after it was run
    ("Background", "The problem has its roots in a row over the garden fence in Leeds.", "none"),
    ("Chronology", "Part Two of the assessment was completed, with a mixed response from the family.", "none"),
    # a practitioner's accent is not the family's ethnicity
    ("Analysis", "The GP's accent was hard for Mum to follow on the crackling line, she said, but she did not ask him to repeat.", "none"),
    ("Analysis", "The complaint originated from a neighbour and the delay originated in the MASH.", "none"),
]

# Phase C: families from the eleventh writer's development reviews the screen got wrong, in
# wording of my own (not copied), written before the rules were changed for them.
S11_FAMILIES = [
    # a migration scheme's or a people's name used as a place's
    ("Household", "Child B's brother has judo at the Windrush Sports Centre on Tuesdays.", "none"),
    ("Background", "The family rent a flat on Windrush Way, above the Ukraine Street bakery.", "none"),
    ("Background", "Grandad came to England on a Windrush-era passport in 1958.", "statement"),
    # a group named by a noun the group list lacked, in a recommendation
    ("Recommendations", "Colleges should audit how their incident logs describe Black students, and report to the board by June.", "analysis"),
    ("Recommendations", "The youth service to check whether Roma teenagers are offered the same mentoring as others.", "analysis"),
    ("Chronology", "Two Black pupils saw the fight and gave statements to the police.", "statement"),
    # the reviewer's own judgement, with a statement, under a narrative heading
    ("Growing up in Harbeck", "The reviewer believes that no one at the youth club ever asked Dami what it was like being the only Nigerian boy in his year.", "analysis"),
    ("Growing up in Harbeck", "The reviewer met Dami, who is Nigerian, at his college in June and he chose to talk in the library.", "statement"),
    ("Ella's story", "The panel was struck that nobody asked Ella, a Traveller girl, why she had stopped going to school.", "analysis"),
    # the other s11 families (paragraph labels the screen missed where the status was right),
    # with near misses
    ("What we will do", "2. The housing service to book an interpreter for every tenancy visit where a tenant's first language is not English.", "analysis"),
    ("What we will do", "3. The council to repaint the play area by May.", "none"),
    ("Timeline", "3/3/25 — clinic — weight taken, uncle translating for father.", "statement"),
    ("Timeline", "3/3/25 — clinic — the registrar translating the jargon for the father.", "none"),
    ("Background", "She feared social workers because in Eritrea, where she grew up, children were taken by the state.", "statement"),
    ("Background", "She moved back in with her mother in Leeds, where she grew up.", "none"),
    ("Recommendations", "The trust to produce its safe sleep leaflet in Somali and English by March.", "analysis"),
    ("Chronology", "The family were given a leaflet printed in Somali and English.", "statement"),
    ("Chronology", "His white friends were not stopped by the police that night.", "statement"),
    ("Chronology", "He stopped going to Polish school on Saturdays when his father left.", "statement"),
    ("Chronology", "He went on the English school trip to the coast in June.", "none"),
    ("Recommendations", "Nurseries to record concerns whatever they assume about the family's background.", "analysis"),
]

# Near misses beside the second round's families.
NEAR_MISSES_2 = [
    ("Analysis", "The review found that practitioners did not consider the impact of the family's culture on how they sought help.", "analysis"),
    ("Chronology", "Mum works at the BSL-friendly cafe as a cook.", "none"),
    ("Chronology", "The leaflet, which was in large print, was given to Dad.", "none"),
    ("Analysis", "The temple car park was where the exchange took place.", "none"),
    ("Analysis", "The panel did not consider the threshold for an LCSPR to be met.", "none"),
]

PARAGRAPHS = STATEMENTS + ANALYSES + DISMISSALS + TRAPS + NEAR_MISSES + SECOND_ROUND + NEAR_MISSES_2 + THIRD_ROUND + S11_FAMILIES

# Mini-reviews: (name, [(section, text)], expected status)
REVIEWS = [
    (
        "absent: traps and a bare dismissal",
        [
            ("Family composition", "Child A (4) lives with his mother, Ms Black, and her partner, Mr English."),
            ("Chronology", "02.02.24 Child A seen at nursery with a black eye; the nursery wrote it on the whiteboard in the office."),
            ("Analysis", "There was a culture of optimism in the nursery, and too much faith in Mum's account."),
            ("Analysis", "Ethnicity, culture and faith were not relevant to this case."),
            ("Recommendations", "1. The nursery to review its bruising protocol by June."),
        ],
        "absent",
    ),
    (
        "stated_only: composition, statement in analysis not weighed",
        [
            ("Family composition", "Child B (9 months) lives with her parents, who are Polish nationals; Mum speaks some English."),
            ("Chronology", "10.01.24 The health visitor completed the new birth visit; the baby was feeding well."),
            ("Analysis", "The health visitor did not ask who else lived in the house, and the father's new partner was never assessed."),
            ("Analysis", "Mum, who is Polish, told the GP she was exhausted; the GP should have shared this with the health visitor."),
            ("Learning", "Fathers and male carers must be part of every assessment."),
        ],
        "stated_only",
    ),
    (
        "stated_and_analysed: interpreting failure judged",
        [
            ("The child and family", "Child C (6) lives with her mother, who came from Afghanistan in 2021 and speaks Dari."),
            ("Chronology", "03.05.24 Strategy discussion; Mum spoken to by phone through Child C's uncle."),
            ("Analysis", "Relying on the uncle to interpret meant Mum could never say what was happening at home; a professional interpreter should have been booked."),
            ("Recommendations", "The partnership to audit interpreter use in strategy discussions by December."),
        ],
        "stated_and_analysed",
    ),
    (
        "stated_only: a chronology interpreter line and a bare dismissal",
        [
            ("Family composition", "Child D (13) lives with his father and two brothers."),
            ("Chronology", "21.06.24 School meeting held with a Romanian interpreter."),
            ("Analysis", "The school did not escalate Child D's missed days despite four warnings."),
            ("Analysis", "No issues relating to the family's culture were identified."),
        ],
        "stated_only",
    ),
    (
        "stated_and_analysed: identity in a recommendation only",
        [
            ("Background", "Child E (11) is of mixed Black Caribbean and White Irish heritage and has been in foster care since she was eight."),
            ("Chronology", "Her placement moved twice in 2023, both times at short notice."),
            ("Analysis", "The moves were driven by a shortage of carers and were not planned with Child E."),
            ("Recommendations", "Care plans must say how each child's identity and heritage will be supported in placement, and the IRO service should report on this twice a year."),
        ],
        "stated_and_analysed",
    ),
    (
        "absent: nothing said, traps only",
        [
            ("Family composition", "Child F (15) lives with her grandmother on Jamaica Road."),
            ("Chronology", "Her English teacher raised concerns about her weight in March; she wore a Celtic top to PE."),
            ("Analysis", "The identity of the older man who collected her from school was not checked, and practitioners had faith that the grandmother would protect her."),
            ("Recommendations", "Schools to record who collects children in Year 10 and above."),
        ],
        "absent",
    ),
    (
        "stated_and_analysed: faith weighed and found to have no bearing, with reasons",
        [
            ("Family composition", "Child G (2) lives with his parents, who are Pentecostal Christians and attend the Living Word church."),
            ("Analysis", "The reviewer asked the parents whether their beliefs had any bearing on how they disciplined Child G or sought medical help. They described taking him to the GP promptly each time, which the records confirm, so the panel finds their faith played no part."),
            ("Learning", "Practitioners should always ask about discipline at home."),
        ],
        "stated_and_analysed",
    ),
]


def _passages(items: list[tuple[str, str]]) -> list[Passage]:
    """Body paragraphs from (section, text) pairs, each under its own heading."""
    return [
        Passage(f"p:{i}", "p", i, "paragraph", text, 0, len(text), 1, 1, section, section)
        for i, (section, text) in enumerate(items)
    ]


def _label(section: str, text: str) -> str:
    """The paragraph label the rules give a paragraph: analysis over statement over none."""
    (passage,) = _passages([(section, text)])
    if weighs_ethnicity(passage):
        return "analysis"
    if states_ethnicity(text):
        return "statement"
    return "none"


@pytest.mark.parametrize(("section", "text", "expected"), PARAGRAPHS, ids=[p[1][:50] for p in PARAGRAPHS])
def test_probe_paragraph(section: str, text: str, expected: str) -> None:
    assert _label(section, text) == expected


@pytest.mark.parametrize(("name", "paragraphs", "expected"), REVIEWS, ids=[r[0] for r in REVIEWS])
def test_probe_review(name: str, paragraphs: list[tuple[str, str]], expected: str) -> None:
    assert ethnicity_status(_passages(paragraphs)).status == expected
