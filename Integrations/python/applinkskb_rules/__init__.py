"""AppLinksKB's rule set (`Site/rules.json`) applied in Python, standard library only.

The reference consumer of the contract between engines: it loads a rule set and refuses it as
`lookup --rules` does (with lookup's messages), and explains log text as `lookup` does, line by
line and entry by entry. Every case of `Site/rules-tests.json` passes through it in
`make consumer-tests`.

    import applinkskb_rules
    rule_set = applinkskb_rules.load_rules("Site/rules.json")
    for finding in applinkskb_rules.explain_text(rule_set, "oauth_problem=nonce_used\\n"):
        print(finding["line"], finding["problem"], finding["fields"])

`consumer` holds the matching (`RuleSet`, `classify`, `explain_text`, `explain_bytes`,
`link_origin_of`, `normalise`), `check` the loader and its refusals (`check`, `load`,
`load_subset`, `non_portable`). `python3 -m applinkskb_rules RULES.json [FILE ...]` prints
JSON Lines.
"""

from . import check, consumer
from .consumer import (
    RuleSet,
    RuleSetError,
    classify,
    compile_rules,
    explain_bytes,
    explain_text,
    link_origin_of,
    load_rules,
    load_subset,
    main,
    non_portable_construct,
    normalise,
    percent_decode,
)

__all__ = [
    "RuleSet",
    "RuleSetError",
    "check",
    "classify",
    "compile_rules",
    "consumer",
    "explain_bytes",
    "explain_text",
    "link_origin_of",
    "load_rules",
    "load_subset",
    "main",
    "non_portable_construct",
    "normalise",
    "percent_decode",
]
