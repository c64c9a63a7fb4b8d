"""Continent of each country (UN M49 regions, ISO 3166 alpha-3), to tell extra-continental
migrants (seed 002) from regional ones. Pure Python."""

from __future__ import annotations

_AMERICAS = """ABW AIA ARG ATG BES BHS BLM BLZ BMU BOL BRA BRB CAN CHL COL CRI CUB CUW CYM DMA DOM ECU FLK GLP
GRD GRL GTM GUF GUY HND HTI JAM KNA LCA MAF MEX MSR MTQ NIC PAN PER PRI PRY SGS SLV SPM SUR SXM TCA TTO URY USA
VCT VEN VGB VIR"""
_AFRICA = """AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI DZA EGY ERI ESH ETH GAB GHA GIN GMB GNB GNQ KEN
LBR LBY LSO MAR MDG MLI MOZ MRT MUS MWI MYT NAM NER NGA REU RWA SDN SEN SHN SLE SOM SSD STP SWZ SYC TCD TGO TUN
TZA UGA ZAF ZMB ZWE IOT ATF"""
_EUROPE = """ALA ALB AND AUT BEL BGR BIH BLR CHE CZE DEU DNK ESP EST FIN FRA FRO GBR GGY GIB GRC HRV HUN IMN IRL
ISL ITA JEY LIE LTU LUX LVA MCO MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SJM SMR SRB SVK SVN SWE UKR VAT"""
_ASIA = """AFG ARE ARM AZE BGD BHR BRN BTN CHN CYP GEO HKG IDN IND IRN IRQ ISR JOR JPN KAZ KGZ KHM KOR KWT LAO LBN
LKA MAC MDV MMR MNG MYS NPL OMN PAK PHL PRK PSE QAT SAU SGP SYR THA TJK TKM TLS TUR TWN UZB VNM YEM"""
_OCEANIA = """ASM AUS COK FJI FSM GUM KIR MHL MNP NCL NFK NIU NRU NZL PCN PLW PNG PYF SLB TKL TON TUV UMI VUT WLF
WSM CXR CCK HMD BVT ATA"""

CONTINENTS: dict[str, str] = {
    code: continent
    for continent, codes in (("americas", _AMERICAS), ("africa", _AFRICA), ("europe", _EUROPE), ("asia", _ASIA),
                             ("oceania", _OCEANIA))
    for code in codes.split()
}


def continent_of(code: str) -> str:
    return CONTINENTS.get((code or "").upper(), "")


def is_extra_continental(nationality: str, country_of_registration: str) -> bool:
    """True when both are known and lie on different continents (Yemen and Somalia: yes — the
    Gulf of Aden route crosses continents; Honduras and Mexico: no)."""
    origin, host = continent_of(nationality), continent_of(country_of_registration)
    return bool(origin and host and origin != host)
