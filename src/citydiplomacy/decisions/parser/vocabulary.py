"""Fixed words of Ahjo decision documents in Finnish and Swedish.

Every part of a decision starts with a heading from a small closed vocabulary
(``Päätös``, ``Esittelijä``, ``Beslut``, ``Föredragande`` ...). The parser finds the
parts by matching whole lines against these tables, so a word inside a sentence never
starts a new part.
"""

import re

# Roles of the parts of a decision document.
DECISION = "decision"
PROCESSING = "processing"
PROPOSAL = "proposal"
SUMMARY = "summary"
JUSTIFICATION = "justification"
PRESENTER = "presenter"
CONTACTS = "contacts"
ATTACHMENTS = "attachments"
APPEAL = "appeal"
EXTRACTS = "extracts"
FOR_INFORMATION = "for_information"
SUPPLEMENTARY = "supplementary"
SIGNATURE = "signature"
HISTORY = "history"

# Parts whose lines are running text (joined into paragraphs when a PDF wrapped them).
PROSE_ROLES = frozenset({DECISION, PROCESSING, PROPOSAL, SUMMARY, JUSTIFICATION, APPEAL})

_FINNISH_HEADINGS = {
    "Päätös": DECISION,
    "Lausunto": DECISION,
    "Esitys": DECISION,
    "Käsittely": PROCESSING,
    "Päätösehdotus": PROPOSAL,
    "Esitysehdotus": PROPOSAL,
    "Lausuntoehdotus": PROPOSAL,
    "Tiivistelmä": SUMMARY,
    "Esittelijän perustelut": JUSTIFICATION,
    "Päätöksen perustelut": JUSTIFICATION,
    "Esittelijä": PRESENTER,
    "Esittelijätiedot": PRESENTER,
    "Lisätiedot": CONTACTS,
    "Liitteet": ATTACHMENTS,
    "Muutoksenhaku": APPEAL,
    "MUUTOKSENHAKUOHJEET": APPEAL,
    "Otteet": EXTRACTS,
    "Tiedoksi": FOR_INFORMATION,
    "Toimeksi- ja tiedoksiannot:": FOR_INFORMATION,
    "Oheismateriaali": SUPPLEMENTARY,
    "Päätös on sähköisesti allekirjoitettu.": SIGNATURE,
    "Päätöshistoria": HISTORY,
}

_SWEDISH_HEADINGS = {
    "Beslut": DECISION,
    "Utlåtande": DECISION,
    "Framställning": DECISION,
    "Behandling": PROCESSING,
    "Beslutsförslag": PROPOSAL,
    "Förslag till framställning": PROPOSAL,
    "Förslag till utlåtande": PROPOSAL,
    "Framställningsförslag": PROPOSAL,
    "Utlåtandeförslag": PROPOSAL,
    "Sammandrag": SUMMARY,
    "Föredragandens motiveringar": JUSTIFICATION,
    "Motivering till beslutet": JUSTIFICATION,
    "Beslutsmotivering": JUSTIFICATION,
    "Föredragande": PRESENTER,
    "Föredragandens uppgifter": PRESENTER,
    "Upplysningar": CONTACTS,
    "Ytterligare upplysningar": CONTACTS,
    "Mer information fås av": CONTACTS,
    "Tilläggsuppgifter": CONTACTS,
    "Bilagor": ATTACHMENTS,
    "Sökande av ändring": APPEAL,
    "Anvisningar för sökande av ändring": APPEAL,
    "Utdrag": EXTRACTS,
    "För kännedom": FOR_INFORMATION,
    "Bakgrundsmaterial": SUPPLEMENTARY,
    "Beslutet har undertecknats elektroniskt.": SIGNATURE,
    "Besluthistoria": HISTORY,
    "Beslutshistoria": HISTORY,
}

HEADING_ROLES = {**_FINNISH_HEADINGS, **_SWEDISH_HEADINGS}
HEADING_LANGUAGE = {
    **dict.fromkeys(_FINNISH_HEADINGS, "fi"),
    **dict.fromkeys(_SWEDISH_HEADINGS, "sv"),
}

# Header cells of the extracts table ("Ote | Otteen liitteet").
EXTRACT_TABLE_HEADERS = frozenset({"Ote", "Otteen liitteet", "Utdrag", "Bilagor till utdrag"})

# What is sent with an extract: the text itself, numbered attachments, appeal templates.
EXTRACT_ENCLOSURE = re.compile(
    r"^(?:Esitysteksti|Päätösteksti|Förslagstext|Beslutstext|Liite \d+|Bilaga \d+"
    r"|Muutoksenhakukielto\b|Oikaisuvaatimusohje\b|Kunnallisvalitus\b|Hallintovalitus\b"
    r"|Muutoksenhaku hankintapäätökseen\b|Hankintaoikaisu\b|Valitusosoitus\b"
    r"|Förbud mot sökande av ändring\b|Omprövning\b|Förvaltningsbesvär\b|Kommunalbesvär\b"
    r"|Besvärsanvisning\b|Ändringssökande\b|Upphandlingsrättelse\b)",
    re.IGNORECASE,
)

# Appeal instructions: full-text heading (API HTML) or short template name (PDF, agenda).
# Procurement comes first because its instructions also contain "VALITUSOSOITUS".
APPEAL_PATTERNS = (
    (
        "market_court_appeal",
        re.compile(
            r"hankintapäätökseen|hankintaoikaisu|markkinaoikeu|upphandlingsbeslut"
            r"|upphandlingsrättelse|marknadsdomstol",
            re.IGNORECASE,
        ),
    ),
    (
        "no_appeal",
        re.compile(r"muutoksenhakukielto|förbud mot sökande av ändring", re.IGNORECASE),
    ),
    (
        "rectification_request",
        re.compile(r"oikaisuvaatimu|omprövning|begära omprövning", re.IGNORECASE),
    ),
    (
        "administrative_court_appeal",
        re.compile(
            r"valitusosoitus|kunnallisvalitus|hallintovalitus|besvärsanvisning"
            r"|kommunalbesvär|förvaltningsbesvär",
            re.IGNORECASE,
        ),
    ),
)

# Decision types: the first matching pattern wins, so specific outcomes come before the
# generic "decided"/"approved" verbs that almost every decision sentence contains.
DECISION_TYPE_PATTERNS = (
    ("tabled", r"pöydälle|bordl[äa]gg|bordlade"),
    ("returned", r"palaut(?:taa|ti|etaan|tiin)\b|återremitt"),
    ("rejected", r"\bhyl(?:käsi|ätä|kää|ätään|ättiin|jäsi)\b|förkasta|\bavslog|\bavslå"),
    ("proposal", r"\besitt(?:i|ää)\b|\bföreslog\b|\bföreslår\b|\bframställ"),
    ("statement", r"lausun(?:non|nan|to|toa)\b|utlåtande"),
    (
        "procurement",
        r"\bhankki(?:a|i)\b|\bhankitaan\b|toimittaj(?:aksi|iksi)\b|puitesopimu|\btarjoukse(?:n|t)\b"
        r"|\bupphandl|\banbud(?:et)?\b",
    ),
    ("grant", r"\bmyön(?:tää|si|netään|tämään|nettiin)\b|\bbevilja"),
    (
        "election",
        r"\bvalit(?:si|tiin|a|see|aan)\b|\bnime(?:si|ää|tä|ttiin)\b|\bvaldes\b|\bvalde\b"
        r"|\butsåg\b|\butser\b|\basett(?:aa|i)\b.*\btyöryhmän",
    ),
    ("noted", r"merki(?:tä|tsi|tsee|tään|ttiin) tiedoksi|\bantecknade\b|\bantecknar\b"),
    (
        "approved",
        r"hyväks(?:yi|yä|yy|ytään|yttiin)|\bgodk[äa]n|\bpäätt(?:i|ää)\b|\bbeslut(?:ade|ar)\b"
        r"|\bkatsoi\b|\bbetraktade\b|\boikeutti\b|\btotesi\b",
    ),
)
DECISION_TYPES = (
    "approved",
    "noted",
    "tabled",
    "returned",
    "rejected",
    "proposal",
    "statement",
    "election",
    "grant",
    "procurement",
    "other",
)

# Verbs that follow the decision maker in the first sentence of a decision.
DECISION_VERBS = re.compile(
    r"\s(?:päätti|päättää|hyväksyi|hyväksyy|esitti|esittää|antoi|antaa|merkitsi|valitsi"
    r"|katsoi|myöntää|myönsi|hylkäsi|hylkää|oikeutti|nimesi|asetti|totesi|palautti"
    r"|beslutade|beslutar|godkände|godkänner|gav|ger|föreslog|föreslår|antecknade|valde"
    r"|betraktade|beviljade|beviljar|förkastade|återremitterade)\b"
)

CONFIDENTIAL_TITLE = re.compile(r"^(?:Salassa pidettävä|Sekretessbelagd)\b")

# Swedish and Finnish words that are frequent and do not occur in the other language.
SWEDISH_WORDS = frozenset({"och", "att", "för", "som", "med", "av", "till", "det", "är", "om"})
FINNISH_WORDS = frozenset({"ja", "on", "että", "tai", "sekä", "kanssa", "mukaan", "ei", "ovat"})
