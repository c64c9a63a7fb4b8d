"""The demo world behind `make demo`: partners, registration points, services and accounts.
Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tenpoint.accounts.models import User
from tenpoint.partners.models import Office, Organisation, RegistrationPoint

DEMO_PASSWORD = "tenpoint-demo-2026"  # noqa: S105 - the published password of the demo accounts


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organisation: str
    office: str
    language: str


ORGANISATIONS = {
    "dgme": ("Dirección General de Migración y Extranjería", "DGME", "government", "CRI"),
    "unhcr": ("UNHCR Costa Rica", "UNHCR", "unhcr", ""),
    "iom": ("IOM Costa Rica", "IOM", "iom", ""),
    "crc": ("Cruz Roja Costarricense", "CRC", "red_cross", "CRI"),
    "yemen": ("Immigration, Passports and Naturalization Authority", "IPNA", "government", "YEM"),
    "rcm": ("RCM Technical Secretariat", "RCM", "regional_body", "CRI"),
}
OFFICES = {
    "paso_canoas": ("dgme", "Paso Canoas", "CRI", "Corredores"),
    "penas_blancas": ("dgme", "Peñas Blancas", "CRI", "La Cruz"),
    "san_jose": ("dgme", "San José headquarters", "CRI", "San José"),
    "unhcr_sj": ("unhcr", "San José", "CRI", "San José"),
    "iom_sj": ("iom", "San José", "CRI", "San José"),
    "crc_golfito": ("crc", "Golfito", "CRI", "Golfito"),
    "aden": ("yemen", "Aden", "YEM", "Aden"),
    "rcm_sj": ("rcm", "Technical Secretariat", "CRI", "San José"),
}
POINTS = {
    "paso_canoas": ("paso_canoas", "Paso Canoas border post", "land_border", "Paso Canoas, Puntarenas", 8.5333, -82.8333),
    "penas_blancas": ("penas_blancas", "Peñas Blancas border post", "land_border", "Peñas Blancas, Guanacaste", 11.2167, -85.6167),
    "catem_sur": ("paso_canoas", "CATEM Sur reception centre", "reception_centre", "Los Planes, Corredores", 8.5500, -82.9333),
    "juan_santamaria": ("san_jose", "Juan Santamaría airport", "airport", "Alajuela", 9.9939, -84.2088),
    "detention_sj": ("san_jose", "Migrant holding centre, Hatillo", "detention_facility", "Hatillo, San José", 9.9167, -84.1000),
    "ras_al_ara": ("aden", "Ras al-Ara landing site", "coast_landing_site", "Ras al-Ara, Lahj", 12.6389, 43.9889),
    "mayfa_hajar": ("aden", "Mayfa'a Hajar reception centre", "reception_centre", "Mayfa'a, Shabwah", 14.0333, 48.5833),
    "aden_mobile": ("aden", "Mobile unit, Lahj road", "mobile_unit", "Lahj governorate", 13.0500, 44.8833),
}
ACCOUNTS = (
    DemoAccount("officer", "registration_officer", "dgme", "paso_canoas", "es"),
    DemoAccount("protection", "protection_officer", "dgme", "san_jose", "en"),
    DemoAccount("child", "child_protection_officer", "dgme", "paso_canoas", "es"),
    DemoAccount("trafficking", "anti_trafficking_officer", "dgme", "san_jose", "es"),
    DemoAccount("caseworker", "case_worker", "crc", "crc_golfito", "es"),
    DemoAccount("supervisor", "supervisor", "dgme", "paso_canoas", "en"),
    DemoAccount("analyst", "statistics_analyst", "rcm", "rcm_sj", "en"),
    DemoAccount("dpo", "data_protection_officer", "dgme", "san_jose", "fr"),
    DemoAccount("focal", "focal_point", "rcm", "rcm_sj", "es"),
    DemoAccount("yemen", "registration_officer", "yemen", "aden", "ar"),
    DemoAccount("admin", "administrator", "dgme", "san_jose", "en"),
)


@transaction.atomic
def ensure_demo_partners() -> dict[str, RegistrationPoint]:
    organisations = {}
    for key, (name, acronym, kind, country) in ORGANISATIONS.items():
        organisations[key], _ = Organisation.objects.get_or_create(
            name=name, defaults={"acronym": acronym, "kind": kind, "country": country})
    offices = {}
    for key, (organisation, name, country, city) in OFFICES.items():
        offices[key], _ = Office.objects.get_or_create(
            organisation=organisations[organisation], name=name, defaults={"country": country, "city": city})
    points = {}
    for key, (office, name, kind, location, latitude, longitude) in POINTS.items():
        points[key], _ = RegistrationPoint.objects.get_or_create(
            office=offices[office], name=name,
            defaults={"kind": kind, "country": offices[office].country, "location": location,
                      "latitude": latitude, "longitude": longitude})
    return points


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    ensure_demo_partners()
    for account in ACCOUNTS:
        office = Office.objects.get(organisation__name=ORGANISATIONS[account.organisation][0],
                                    name=OFFICES[account.office][1])
        user, _ = User.objects.get_or_create(username=account.username)
        user.role, user.organisation, user.office = account.role, office.organisation, office
        user.preferred_language = account.language
        user.is_staff = user.is_superuser = account.role == "administrator"
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
    return list(ACCOUNTS)


def demo_user(organisation_key: str) -> User:
    """The registration officer who 'registers' the demo people of an organisation."""
    username = {"dgme": "officer", "yemen": "yemen"}[organisation_key]
    return User.objects.get(username=username)


# Services of the demo directory (Costa Rica): what a referral or a public page points to.
SERVICES = (
    ("dgme", "Unidad de Refugio (DGME)", "asylum_authority", "San José, La Uruca", "Asylum-seekers", ["spa", "eng"]),
    ("dgme", "Coalición contra el Tráfico Ilícito de Migrantes y la Trata (CONATT) — unidad de atención",
     "anti_trafficking_unit", "San José", "Victims of trafficking and of abuse on the route", ["spa", "eng", "fra"]),
    ("crc", "Albergue Cruz Roja Golfito", "shelter", "Golfito, Puntarenas", "Families and single women",
     ["spa"]),
    ("unhcr", "Asesoría legal gratuita (UNHCR y socios)", "legal_aid", "San José y Paso Canoas",
     "Refugees and asylum-seekers", ["spa", "eng", "fra", "ara"]),
    ("iom", "Retorno voluntario asistido (IOM)", "assisted_voluntary_return", "San José",
     "Migrants who want to go home", ["spa", "eng", "fra", "hat"]),
)


@transaction.atomic
def ensure_demo_services() -> list[Any]:
    from tenpoint.referrals.models import Service

    ensure_demo_partners()
    found = []
    for organisation, name, kind, location, for_whom, languages in SERVICES:
        service, _ = Service.objects.get_or_create(
            organisation=Organisation.objects.get(name=ORGANISATIONS[organisation][0]), name=name,
            defaults={"kind": kind, "country": "CRI", "location": location, "for_whom": for_whom,
                      "languages": languages})
        found.append(service)
    return found
