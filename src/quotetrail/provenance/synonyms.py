"""Data, not code: the synonym table the benchmark's rewrites draw from (``transforms``).

Common words of US political news (verbs of saying, campaign and government nouns, frequent
adjectives and adverbs), chosen from PolNeAR's most frequent words so that a heavy rewrite
touches about one word in seven, as a content farm's "spinner" does. The detector never reads
this table: it must find rewrites without knowing which words were swapped.
"""

from __future__ import annotations

# One entry a line, "word: synonym | synonym"; a swap keeps the word's capitalisation.
_SYNONYM_TABLE = """
said: stated | noted | remarked
says: states | notes
told: informed | explained to
asked: questioned | queried
added: continued | went on to say
wrote: posted | stated in writing
called: described | labeled
announced: declared | revealed
campaign: bid | run
candidate: contender | hopeful
candidates: contenders | hopefuls
president: leader | head of state
people: individuals | folks
voters: electors | the electorate
support: backing | endorsement
supporters: backers | fans
country: nation | land
nation: country | land
election: vote | race
race: contest | battle
win: capture | take
won: captured | took
big: large | major
large: big | sizable
new: fresh | latest
recent: latest | current
former: ex | past
first: initial | opening
last: final | previous
major: key | main
important: significant | crucial
many: numerous | several
several: a number of | multiple
also: additionally | as well
however: nevertheless | still
because: since | as
while: whereas | although
although: though | even though
after: following | once
before: prior to | ahead of
during: throughout | amid
about: regarding | concerning
including: such as | among them
among: amid | between
against: versus | opposing
think: believe | feel
believe: think | feel
want: wish | desire
wants: wishes | desires
need: require | must have
help: assist | aid
make: create | produce
made: created | produced
get: obtain | receive
got: obtained | received
take: seize | grab
took: seized | grabbed
show: demonstrate | reveal
shows: demonstrates | reveals
showed: demonstrated | revealed
use: employ | utilize
used: employed | utilized
start: begin | launch
started: began | launched
begin: start | commence
end: finish | close
ended: finished | concluded
try: attempt | seek
trying: attempting | seeking
tried: attempted | sought
plan: proposal | scheme
plans: proposals | schemes
issue: matter | topic
issues: matters | topics
problem: difficulty | trouble
problems: difficulties | troubles
attack: assault | strike
attacks: assaults | strikes
attacked: assailed | criticized
criticized: slammed | faulted
strong: powerful | robust
weak: feeble | frail
high: elevated | lofty
low: reduced | small
good: fine | positive
bad: poor | negative
best: finest | top
better: superior | improved
clear: obvious | plain
likely: probable | expected
early: initial | premature
later: afterwards | subsequently
often: frequently | regularly
never: not once | at no time
now: currently | at present
again: once more | anew
soon: shortly | before long
fight: battle | struggle
leader: chief | head
leaders: chiefs | heads
officials: authorities | representatives
group: organization | body
groups: organizations | bodies
money: funds | cash
job: position | post
jobs: positions | work
week: seven days | weekly period
month: four weeks | monthly period
year: twelve months | annual period
statement: release | announcement
speech: address | remarks
interview: conversation | sit-down
meeting: gathering | session
decision: choice | ruling
policy: approach | line
policies: approaches | positions
government: administration | state
law: legislation | statute
bill: measure | legislation
vote: ballot | poll
votes: ballots | polls
poll: survey | opinion poll
polls: surveys | opinion polls
lead: edge | advantage
point: moment | stage
points: marks | stages
part: portion | share
number: figure | count
question: query | matter
questions: queries | matters
way: manner | method
ways: manners | methods
change: shift | alteration
changes: shifts | alterations
little: small | slight
small: little | minor
long: lengthy | extended
whole: entire | complete
entire: whole | complete
real: genuine | actual
true: accurate | correct
wrong: mistaken | incorrect
hard: difficult | tough
easy: simple | effortless
fast: quick | rapid
quickly: rapidly | swiftly
recently: lately | of late
currently: presently | now
especially: particularly | notably
really: truly | genuinely
probably: likely | presumably
already: previously | by now
almost: nearly | practically
nearly: almost | close to
around: about | roughly
enough: sufficient | adequate
received: got | obtained
reported: stated | disclosed
report: account | study
reports: accounts | studies
claimed: asserted | alleged
claims: assertions | allegations
argued: contended | maintained
warned: cautioned | alerted
noted: observed | pointed out
explained: clarified | described
suggested: proposed | hinted
insisted: maintained | asserted
agreed: concurred | consented
refused: declined | rejected
denied: rejected | disputed
accused: charged | blamed
expected: anticipated | projected
continue: carry on | keep going
continued: carried on | kept going
remain: stay | persist
remains: stays | persists
become: turn into | grow into
became: turned into | grew into
seems: appears | looks
appeared: seemed | looked
looking: seeking | aiming
going: heading | set
known: recognized | familiar
public: open | general
political: partisan | civic
national: nationwide | federal
economic: financial | fiscal
foreign: overseas | international
state: province | region
states: regions | provinces
party: faction | camp
time: period | moment
times: occasions | instances
years: decades | seasons
percent: per cent | percentage points
debate: forum | face-off
primary: nominating contest | primary vote
security: safety | protection
world: globe | planet
day: date | day's events
night: evening | nighttime
women: females | ladies
men: males | gentlemen
general: overall | broad
conservative: right-leaning | traditionalist
liberal: left-leaning | progressive
committee: panel | board
business: commerce | industry
past: previous | earlier
city: town | municipality
members: participants | affiliates
case: matter | instance
things: matters | items
home: residence | house
deal: agreement | pact
months: weeks | seasons
information: data | details
care: attention | concern
private: personal | confidential
days: dates | periods
look: glance | view
something: anything | some thing
administration: government | leadership
system: structure | framework
health: wellness | well-being
place: location | spot
run: bid | campaign
call: appeal | request
military: armed forces | army
trade: commerce | exchange
war: conflict | combat
politics: public affairs | government
office: post | bureau
director: head | manager
economy: markets | financial system
running: campaigning | competing
family: relatives | household
rights: liberties | entitlements
social: societal | communal
nominee: pick | standard-bearer
nomination: selection | candidacy
delegates: representatives | envoys
tax: levy | duty
taxes: levies | duties
court: tribunal | bench
department: agency | ministry
media: press | news outlets
email: e-mail | message
emails: e-mails | messages
news: reports | coverage
americans: u.s. citizens | the american people
work: labor | effort
working: laboring | toiling
lot: great deal | large amount
friends: allies | pals
children: kids | youngsters
families: households | kin
making: creating | producing
come: arrive | appear
came: arrived | appeared
go: head | proceed
see: view | witness
saw: witnessed | observed
know: realize | understand
knew: realized | understood
put: placed | set
left: departed | exited
keep: retain | maintain
find: discover | locate
found: discovered | located
give: provide | offer
gave: provided | offered
hold: keep | maintain
held: kept | maintained
move: step | action
building: structure | edifice
community: neighborhood | populace
local: regional | community
key: central | crucial
top: leading | senior
chief: head | principal
senior: high-ranking | top
"""
SYNONYMS: dict[str, tuple[str, ...]] = {
    word.strip(): tuple(s.strip() for s in alts.split("|"))
    for word, _, alts in (line.partition(":") for line in _SYNONYM_TABLE.strip().splitlines())
}
