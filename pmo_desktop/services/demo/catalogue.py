"""What the demo portfolio contains: the small catalogue as written, the large one generated."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from pmo_desktop.services.demo import texts, vocabulary
from pmo_desktop.services.demo.texts import Lang, ProgrammeSpec, ProjectSpec, tr

LARGE_PROJECTS = 200
LARGE_TASKS = 50_000
LARGE_PERSONS = 480
LARGE_POOLS = 19
LARGE_PROGRAMMES = 20
LARGE_STANDALONE = 40
MIN_TASKS, MAX_TASKS = 100, 420
PROFILES = ("stable", "stable", "amber", "deteriorating", "recovering", "slipping", "stable")


@dataclass(frozen=True)
class ResourceSpec:
    """A resource to create: person, role pool or material."""

    code: str
    name: str
    kind: str
    role: str
    department: str
    email: str
    max_units: float
    rate: int
    lang: Lang


def email_of(name: str, lang: Lang) -> str:
    """``first.last@domain`` without accents, spaces or apostrophes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    local = ".".join(part for part in plain.lower().replace("'", "").split())
    return f"{local}@{texts.EMAIL_DOMAIN[lang]}"


def small_resources() -> list[ResourceSpec]:
    """The 40 resources of Groupe Helios: named people, role pools and one material."""
    resources = [
        ResourceSpec(
            f"R{n:03d}",
            p.name,
            "person",
            p.role,
            p.department,
            email_of(p.name, p.lang),
            p.max_units,
            p.rate,
            p.lang,
        )
        for n, p in enumerate(texts.PEOPLE, start=1)
    ]
    for n, (name, role, department, units, rate) in enumerate(texts.ROLE_POOLS, start=1):
        resources.append(
            ResourceSpec(f"POOL-{n:02d}", name, "role", role, department, "", units, rate, "fr")
        )
    name, role, department, rate = texts.MATERIAL
    resources.append(
        ResourceSpec("MAT-01", name, "material", role, department, "", 1.0, rate, "fr")
    )
    return resources


def large_resources(rng: random.Random) -> list[ResourceSpec]:
    """500 resources: 480 people with roles in fixed shares, 19 role pools, one material."""
    weights = [share for _, share in vocabulary.LARGE_ROLE_SHARES]
    exact = [LARGE_PERSONS * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: LARGE_PERSONS - sum(counts)]:
        counts[i] += 1
    roles = [
        role
        for (role, _), count in zip(vocabulary.LARGE_ROLE_SHARES, counts, strict=True)
        for _ in range(count)
    ]
    combos = rng.sample(
        range(len(vocabulary.FIRST_NAMES) * len(vocabulary.LAST_NAMES)), LARGE_PERSONS
    )
    resources = []
    for n, (combo, role) in enumerate(zip(combos, roles, strict=True), start=1):
        first, last = divmod(combo, len(vocabulary.LAST_NAMES))
        name = f"{vocabulary.FIRST_NAMES[first]} {vocabulary.LAST_NAMES[last]}"
        lang: Lang = "en" if first >= 20 else "fr"
        units = rng.choices((1.0, 0.8, 0.5), weights=(85, 10, 5))[0]
        resources.append(
            ResourceSpec(
                f"R{n:03d}",
                name,
                "person",
                role,
                vocabulary.LARGE_DEPARTMENTS[role],
                email_of(name, lang),
                units,
                rng.randint(45, 150),
                lang,
            )
        )
    pool_roles = [role for role, _ in vocabulary.LARGE_ROLE_SHARES]
    for n in range(1, LARGE_POOLS + 1):
        role = pool_roles[(n - 1) % len(pool_roles)]
        resources.append(
            ResourceSpec(
                f"POOL-{n:02d}",
                f"{role} pool {n}",
                "role",
                role,
                "Prestataires",
                "",
                float(rng.choice((2, 3, 4, 5))),
                rng.randint(45, 120),
                "fr",
            )
        )
    name, role, department, rate = texts.MATERIAL
    resources.append(
        ResourceSpec("MAT-01", name, "material", role, department, "", 1.0, rate, "fr")
    )
    return resources


def large_programmes() -> list[ProgrammeSpec]:
    """Twenty programmes: each theme once in French and once in English."""
    programmes = []
    for n in range(LARGE_PROGRAMMES):
        theme = vocabulary.LARGE_PROGRAMMES[n % len(vocabulary.LARGE_PROGRAMMES)]
        lang: Lang = "fr" if n < len(vocabulary.LARGE_PROGRAMMES) else "en"
        programmes.append(
            ProgrammeSpec(
                f"PRG-{n + 1:02d}",
                tr(theme, lang),
                "",
                texts.EXECUTIVES[n % 7],
                texts.PEOPLE[n % 6].name,
            )
        )
    return programmes


def _task_counts(rng: random.Random) -> list[int]:
    """Task counts of the 200 projects: varied, within bounds, summing to exactly 50,000."""
    counts = [LARGE_TASKS // LARGE_PROJECTS] * LARGE_PROJECTS
    for _ in range(4000):
        giver, taker = rng.randrange(LARGE_PROJECTS), rng.randrange(LARGE_PROJECTS)
        amount = rng.randint(1, 40)
        if counts[giver] - amount >= MIN_TASKS and counts[taker] + amount <= MAX_TASKS:
            counts[giver] -= amount
            counts[taker] += amount
    return counts


def _project_names(rng: random.Random, lang: Lang, count: int) -> list[str]:
    """Distinct generated project names in one language."""
    areas, objects, actions = (
        vocabulary.LARGE_AREAS,
        vocabulary.LARGE_OBJECTS,
        vocabulary.LARGE_ACTIONS,
    )
    total = len(areas) * len(objects) * len(actions)
    names = []
    for combo in rng.sample(range(total), count):
        area, rest = divmod(combo, len(objects) * len(actions))
        obj, action = divmod(rest, len(actions))
        if lang == "en":
            names.append(f"{areas[area][0]} {objects[obj][0]} {actions[action][0]}")
        else:
            names.append(f"{actions[action][1]} {objects[obj][1]} {areas[area][1]}")
    return names


def large_projects(rng: random.Random, managers: list[str]) -> list[ProjectSpec]:
    """The 200 projects of the reference portfolio, all running for two years or more."""
    counts = _task_counts(rng)
    langs: list[Lang] = ["fr" if rng.random() < 0.6 else "en" for _ in range(LARGE_PROJECTS)]
    names = {lang: _project_names(rng, lang, langs.count(lang)) for lang in ("en", "fr")}
    used = {"en": 0, "fr": 0}
    projects = []
    for n in range(LARGE_PROJECTS):
        lang = langs[n]
        name = names[lang][used[lang]]
        used[lang] += 1
        in_programme = n < LARGE_PROJECTS - LARGE_STANDALONE
        programme = f"PRG-{n % LARGE_PROGRAMMES + 1:02d}" if in_programme else None
        months_ago = rng.uniform(25.5, 30)
        method = rng.choices(("waterfall", "agile", "hybrid"), weights=(45, 25, 30))[0]
        items = [tr(item, lang) for item in rng.sample(vocabulary.GENERIC_ITEMS, 12)]
        projects.append(
            ProjectSpec(
                code=f"P{n + 1:03d}",
                name=name,
                lang=lang,
                programme=programme,
                method=method,
                status="on_hold" if rng.random() < 0.06 else "active",
                start_months_ago=months_ago,
                span_months=months_ago + rng.uniform(3, 14),
                budget_k=rng.randint(20, 500) * 10,
                capex_ratio=round(rng.uniform(0.1, 0.4), 2),
                profile=rng.choice(PROFILES),
                slip=round(rng.uniform(1.0, 1.3), 2),
                overrun=round(rng.uniform(0.95, 1.2), 2),
                baseline=rng.random() < 0.9,
                replan=rng.random() < 0.05,
                overdue=False,
                tasks=counts[n],
                sponsor=rng.choice(texts.EXECUTIVES),
                manager=rng.choice(managers),
                priority=rng.randint(1, 10) * 100 - rng.choice((0, 50)),
                scores=tuple(rng.randint(0, 5) for _ in range(5)),  # type: ignore[arg-type]
                description="",
                items=tuple(items),
            )
        )
    return projects
