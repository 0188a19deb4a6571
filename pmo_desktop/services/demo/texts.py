"""Names and vocabulary of the demo: Groupe Helios, its people, projects and WBS wording.

Bilingual texts are ``(english, french)`` pairs; a project written in French uses the
second element everywhere (task names, status commentary, RAID logs). Typographic en
dashes are intended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "fr"]
Bilingual = tuple[str, str]


def tr(text: Bilingual, lang: Lang) -> str:
    """The text in the project's language."""
    return text[0] if lang == "en" else text[1]


COMPANY = "Groupe Helios"
CODE_PREFIX = "HEL"
PORTFOLIO_NAME = "Helios Transformation Portfolio"
PORTFOLIO_DESCRIPTION = (
    "Portefeuille de transformation du Groupe Helios (France et Helios UK): digital, "
    "finance, opérations et cybersécurité. Transformation portfolio of Groupe Helios."
)
CALENDAR_NAME = "Standard (France)"
EMAIL_DOMAIN = {"fr": "groupe-helios.fr", "en": "helios-group.co.uk"}

PM = "Project Manager"
BA = "Business Analyst"
ARCH = "Architect"
DEV = "Developer"
TEST = "Tester"
DATA = "Data Engineer"
CHANGE = "Change Manager"
UX = "UX Designer"
INFRA = "Infrastructure Engineer"
SEC = "Security Specialist"
PO = "Product Owner"

OBJECTIVES: tuple[tuple[str, str, str, float], ...] = (
    ("OBJ-1", "Customer experience", "Raise NPS by 15 points by 2027 (expérience client).", 0.30),
    (
        "OBJ-2",
        "Operational efficiency",
        "Cut cost-to-serve by 8 % (efficacité opérationnelle).",
        0.25,
    ),
    ("OBJ-3", "Regulatory compliance", "Meet NIS2, e-invoicing and CSRD deadlines.", 0.20),
    ("OBJ-4", "Data & digital platforms", "One data platform, cloud-first infrastructure.", 0.15),
    ("OBJ-5", "Sustainability (CSR)", "Reduce scope 1–2 emissions by 30 % (RSE).", 0.10),
)
#: Prioritisation criteria beside the strategy: code, name, description, weight, kind, and
#: whether a higher score is better (risk and cost count against a project).
CRITERIA: tuple[tuple[str, str, str, float, str, bool], ...] = (
    ("VAL", "Business value", "Expected benefits against the business case.", 0.15, "value", True),
    ("RSK", "Delivery risk", "How likely the project is to miss its goals.", 0.10, "risk", False),
    ("CST", "Cost to deliver", "Budget and effort still to spend.", 0.05, "cost", False),
    ("URG", "Urgency", "Regulatory or market deadline pressure.", 0.05, "urgency", True),
)

EXECUTIVES = (
    "Marie-Hélène Roussel",
    "Philippe Garnier",
    "Anne Lefort",
    "David Thornton",
    "Jean-Marc Delorme",
    "Sylvie Morel",
    "Catherine Webb",
)


@dataclass(frozen=True)
class Person:
    """A named resource of the small demo."""

    name: str
    role: str
    department: str
    lang: Lang
    max_units: float
    rate: int


_PEOPLE_DATA = """
Sophie Martin|Project Manager|PMO|fr|1.0|110
Julien Bernard|Project Manager|PMO|fr|1.0|105
Émilie Moreau|Project Manager|PMO|fr|1.0|115
James Whitfield|Project Manager|Helios UK – IT|en|1.0|120
Hannah Lewis|Project Manager|Helios UK – IT|en|1.0|112
Nicolas Petit|Project Manager|DSI – Études et développement|fr|1.0|108
Camille Laurent|Business Analyst|DSI – Études et développement|fr|1.0|85
Thomas Lefebvre|Business Analyst|Direction financière|fr|0.8|90
Priya Shah|Business Analyst|Helios UK – IT|en|1.0|88
Manon Roux|Business Analyst|Marketing & Digital|fr|1.0|80
Antoine Girard|Architect|DSI – Études et développement|fr|1.0|135
Oliver Bennett|Architect|Helios UK – IT|en|1.0|140
Karim Haddad|Architect|DSI – Infrastructure & Cloud|fr|1.0|130
Hugo Fournier|Developer|DSI – Études et développement|fr|1.0|75
Léa Mercier|Developer|DSI – Études et développement|fr|1.0|72
Maxime Blanc|Developer|DSI – Études et développement|fr|1.0|78
Daniel O'Connor|Developer|Helios UK – IT|en|1.0|80
Grace Patel|Developer|Helios UK – IT|en|0.8|76
Lucas Faure|Developer|DSI – Études et développement|fr|1.0|70
Chloé Garnier|Tester|DSI – Études et développement|fr|1.0|60
Samuel Hughes|Tester|Helios UK – IT|en|1.0|62
Pauline Rousseau|Tester|DSI – Études et développement|fr|0.5|58
Romain Lambert|Data Engineer|DSI – Data|fr|1.0|95
Ravi Kumar|Data Engineer|Helios UK – IT|en|1.0|98
Sarah Chevalier|Change Manager|Ressources humaines|fr|0.8|82
Charlotte Evans|Change Manager|Helios UK – IT|en|0.5|85
Mathieu Robin|Infrastructure Engineer|DSI – Infrastructure & Cloud|fr|1.0|88
Laura Mitchell|UX Designer|Marketing & Digital|en|1.0|84
Clément Bonnet|Security Specialist|Sécurité des SI|fr|1.0|125
Aurélie Vincent|Product Owner|Marketing & Digital|fr|1.0|95
Michael Turner|Product Owner|Helios UK – IT|en|0.8|98
Isabelle Fontaine|Project Manager|PMO|fr|0.5|120
"""

PEOPLE: tuple[Person, ...] = tuple(
    Person(name, role, dept, lang, float(units), int(rate))  # type: ignore[arg-type]
    for name, role, dept, lang, units, rate in (
        line.split("|") for line in _PEOPLE_DATA.strip().splitlines()
    )
)

#: Generic role resources: name, role, department, max units (several FTE), €/h.
ROLE_POOLS: tuple[tuple[str, str, str, float, int], ...] = (
    ("Developer pool (Capgemini)", DEV, "Prestataires", 8.0, 68),
    ("Tester pool (offshore)", TEST, "Prestataires", 6.0, 45),
    ("Business analysts (Wavestone)", BA, "Prestataires", 3.0, 95),
    ("SAP consultants (integrator)", ARCH, "Prestataires", 3.0, 150),
    ("Data engineers (contractors)", DATA, "Prestataires", 3.0, 92),
    ("Infrastructure MSP", INFRA, "Prestataires", 3.0, 85),
    ("Change consultants", CHANGE, "Prestataires", 2.0, 90),
)
MATERIAL = ("Cloud test environments", "Compute hours", "DSI – Infrastructure & Cloud", 12)

USERS: tuple[tuple[str, str, str], ...] = (
    ("i.fontaine", "Isabelle Fontaine", "isabelle.fontaine@groupe-helios.fr"),
    ("s.martin", "Sophie Martin", "sophie.martin@groupe-helios.fr"),
    ("j.bernard", "Julien Bernard", "julien.bernard@groupe-helios.fr"),
    ("j.whitfield", "James Whitfield", "james.whitfield@helios-group.co.uk"),
    ("e.moreau", "Émilie Moreau", "emilie.moreau@groupe-helios.fr"),
    ("pmo.viewer", "PMO read-only", "pmo@groupe-helios.fr"),
)


@dataclass(frozen=True)
class ProgrammeSpec:
    """A programme of the small demo."""

    code: str
    name: str
    description: str
    sponsor: str
    manager: str


PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        "PRG-DIG",
        "Expérience client digitale",
        "Refonte des parcours clients web et mobile, socle de données clients.",
        "Anne Lefort",
        "Émilie Moreau",
    ),
    ProgrammeSpec(
        "PRG-FIN",
        "Transformation Finance & ERP",
        "Migration vers SAP S/4HANA, dématérialisation et consolidation groupe.",
        "Marie-Hélène Roussel",
        "Sophie Martin",
    ),
    ProgrammeSpec(
        "PRG-OPS",
        "Operational Excellence",
        "Warehouse automation and predictive maintenance across UK and French sites.",
        "David Thornton",
        "James Whitfield",
    ),
    ProgrammeSpec(
        "PRG-CYB",
        "Cybersécurité et conformité",
        "Mise en conformité NIS2 et modernisation de la gestion des identités.",
        "Philippe Garnier",
        "Nicolas Petit",
    ),
)


@dataclass(frozen=True)
class ProjectSpec:
    """One project of the small demo and the story it tells in the portfolio."""

    code: str
    name: str
    lang: Lang
    programme: str | None
    method: str
    status: str
    start_months_ago: float
    span_months: float
    budget_k: int
    capex_ratio: float
    profile: str
    slip: float
    overrun: float
    baseline: bool
    replan: bool
    overdue: bool
    tasks: int
    sponsor: str
    manager: str
    priority: int
    scores: tuple[int, int, int, int, int]
    description: str
    items: tuple[str, ...]


# fmt: off
PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "DIG-01", "Refonte du portail client", "fr", "PRG-DIG", "agile", "active",
        10, 16, 1450, 0.10, "stable", 1.05, 1.03, True, False, False, 170,
        "Anne Lefort", "Émilie Moreau", 800, (5, 3, 1, 3, 1),
        "Nouveau portail client responsive : espace client, factures, suivi des commandes.",
        ("Espace client", "Authentification SSO", "Suivi des commandes", "Factures en ligne",
         "Moteur de recherche", "Notifications", "Prise de rendez-vous", "Chat conseiller"),
    ),
    ProjectSpec(
        "DIG-02", "Application mobile Helios", "fr", "PRG-DIG", "agile", "active",
        5, 12, 780, 0.05, "stable", 1.0, 1.0, False, False, False, 120,
        "Anne Lefort", "Julien Bernard", 650, (5, 2, 0, 3, 1),
        "Application iOS/Android pour les clients professionnels (commande, suivi, SAV).",
        ("Catalogue", "Panier et commande", "Suivi de livraison", "Notifications push",
         "Mode hors ligne", "Espace SAV"),
    ),
    ProjectSpec(
        "DIG-03", "Customer Data Platform", "en", "PRG-DIG", "hybrid", "active",
        8, 18, 2300, 0.25, "amber", 1.15, 1.08, True, False, False, 130,
        "Anne Lefort", "Hannah Lewis", 720, (4, 2, 2, 5, 1),
        "Single customer view across web, stores and call centre; consent management.",
        ("Identity resolution", "Consent management", "Web events ingestion",
         "CRM connector", "Segmentation", "Marketing activation", "Data quality rules"),
    ),
    ProjectSpec(
        "ERP-01", "Migration ERP SAP S/4HANA", "fr", "PRG-FIN", "waterfall", "active",
        16, 26, 4800, 0.35, "deteriorating", 1.25, 1.18, True, False, False, 96,
        "Marie-Hélène Roussel", "Sophie Martin", 950, (1, 5, 3, 4, 1),
        "Migration brownfield de SAP ECC vers S/4HANA pour les 6 entités françaises.",
        ("Comptabilité générale", "Comptabilité fournisseurs", "Comptabilité clients",
         "Achats", "Ventes et distribution", "Gestion des stocks", "Contrôle de gestion",
         "Immobilisations", "Trésorerie"),
    ),
    ProjectSpec(
        "ERP-02", "Dématérialisation des factures fournisseurs", "fr", "PRG-FIN", "hybrid",
        "closed", 14, 11, 620, 0.15, "stable", 1.05, 0.97, True, False, False, 90,
        "Marie-Hélène Roussel", "Julien Bernard", 600, (1, 4, 5, 2, 3),
        "Réception et traitement automatisé des factures (OCR, workflow, e-invoicing 2026).",
        ("Capture OCR", "Workflow de validation", "Rapprochement commandes",
         "Plateforme de dématérialisation", "Archivage légal"),
    ),
    ProjectSpec(
        "ERP-03", "Group Consolidation Tool", "en", "PRG-FIN", "waterfall", "proposed",
        -2, 10, 950, 0.30, "stable", 1.0, 1.0, False, False, False, 44,
        "Marie-Hélène Roussel", "James Whitfield", 550, (0, 4, 4, 3, 0),
        "Replace spreadsheet-based consolidation with a group consolidation solution.",
        ("Chart of accounts mapping", "Intercompany reconciliation", "Currency translation",
         "Statutory reporting", "Data load from S/4HANA"),
    ),
    ProjectSpec(
        "OPS-01", "Warehouse Management System Rollout", "en", "PRG-OPS", "waterfall",
        "active", 13, 20, 3200, 0.40, "recovering", 1.30, 1.10, True, True, False, 90,
        "David Thornton", "James Whitfield", 880, (3, 5, 1, 3, 3),
        "New WMS for the Lyon, Lille and Daventry distribution centres, with RF scanning.",
        ("Inbound & receiving", "Putaway", "Picking & packing", "Shipping", "Inventory control",
         "Carrier integration", "RF devices", "Labour management"),
    ),
    ProjectSpec(
        "OPS-02", "Maintenance prédictive des sites", "fr", "PRG-OPS", "hybrid", "on_hold",
        14, 20, 1100, 0.30, "hold", 1.10, 1.05, True, False, True, 130,
        "Jean-Marc Delorme", "Nicolas Petit", 420, (1, 4, 1, 4, 4),
        "Capteurs IoT sur les lignes de production et modèles de prédiction des pannes.",
        ("Capteurs IoT", "Plateforme de collecte", "Modèles prédictifs", "Tableaux de bord",
         "Intégration GMAO"),
    ),
    ProjectSpec(
        "CYB-01", "Conformité NIS2", "fr", "PRG-CYB", "waterfall", "active",
        9, 15, 890, 0.20, "slipping", 1.12, 1.04, True, False, True, 64,
        "Philippe Garnier", "Nicolas Petit", 900, (1, 1, 5, 2, 0),
        "Mise en conformité avec la directive NIS2 : gouvernance, gestion des incidents, PCA.",
        ("Cartographie des actifs", "Gestion des incidents", "Plan de continuité",
         "Sécurité des fournisseurs", "Gouvernance et politiques", "Sensibilisation"),
    ),
    ProjectSpec(
        "CYB-02", "Identity & Access Management Upgrade", "en", "PRG-CYB", "waterfall",
        "closed", 15, 12, 540, 0.25, "stable", 1.02, 0.98, True, False, False, 50,
        "Philippe Garnier", "Hannah Lewis", 700, (2, 2, 4, 3, 0),
        "Move to cloud identity with MFA everywhere and automated joiner/mover/leaver.",
        ("Single sign-on", "Multi-factor authentication", "Joiner-mover-leaver",
         "Privileged access", "Access reviews"),
    ),
    ProjectSpec(
        "STD-01", "Data Centre Exit to Cloud", "en", None, "hybrid", "active",
        11, 20, 2700, 0.20, "amber", 1.20, 1.15, False, False, False, 140,
        "Philippe Garnier", "Hannah Lewis", 760, (0, 4, 2, 5, 4),
        "Close the Vénissieux data centre: migrate 240 workloads to Azure landing zones.",
        ("Landing zone", "Network & connectivity", "Wave 1 workloads", "Wave 2 workloads",
         "Wave 3 workloads", "Backup & DR", "Decommissioning"),
    ),
    ProjectSpec(
        "STD-02", "Déménagement du siège de Lyon", "fr", None, "waterfall", "proposed",
        -4, 9, 1300, 0.55, "stable", 1.0, 1.0, False, False, False, 46,
        "Sylvie Morel", "Isabelle Fontaine", 500, (1, 2, 0, 1, 5),
        "Regroupement des équipes lyonnaises dans le nouveau siège de Gerland (HQE).",
        ("Aménagement des espaces", "Réseau et téléphonie", "Salles de réunion",
         "Déménagement physique", "Accompagnement des équipes"),
    ),
)
# fmt: on
