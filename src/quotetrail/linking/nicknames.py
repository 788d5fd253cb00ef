"""Data, not code: English given names and their common short forms.

"Chuck Grassley" and "Charles Grassley", "Dick Durbin" and "Richard J. Durbin" are one person
named two ways; a misspelling measure cannot see that "Dick" is "Richard". Each line is a
formal name and its short forms; a short form may belong to several formal names ("Ted").
"""

from __future__ import annotations

_TABLE = """
alexander: alex | sandy
andrew: andy | drew
anthony: tony
benjamin: ben
charles: chuck | charlie
christopher: chris
daniel: dan | danny
david: dave
deborah: debbie | deb
donald: don
douglas: doug
edward: ed | ted | eddie | ned
elizabeth: liz | beth | betsy | betty
frederick: fred | freddy
gerald: jerry
geoffrey: geoff | jeff
jeffrey: jeff
gregory: greg
james: jim | jimmy | jamie
jennifer: jen | jenny
john: jack | johnny
jonathan: jon
joseph: joe | joey
katherine: kate | kathy | katie
kenneth: ken
lawrence: larry
margaret: maggie | peggy | meg
matthew: matt
michael: mike | mick
nancy: nan
nicholas: nick
patricia: pat | patty | trish
patrick: pat
peter: pete
philip: phil
raul: raul
richard: rick | dick | rich | richie
robert: bob | rob | bobby | bert
ronald: ron
rudolph: rudy
samuel: sam
sandra: sandy
stephen: steve
steven: steve
susan: sue | susie
theodore: ted | teddy
thomas: tom | tommy
timothy: tim
william: bill | will | billy | willie
"""

#: Each formal name and short form to the formal names it can stand for.
FORMS: dict[str, frozenset[str]] = {}
for _line in _TABLE.strip().splitlines():
    _formal, _, _shorts = _line.partition(":")
    _formal = _formal.strip()
    for _name in [_formal, *(s.strip() for s in _shorts.split("|"))]:
        FORMS[_name] = FORMS.get(_name, frozenset()) | {_formal}


def same_given_name(a: str, b: str) -> bool:
    """True when two folded given names can be one name ("chuck"/"charles")."""
    return bool(FORMS.get(a, frozenset({a})) & FORMS.get(b, frozenset({b})))
