"""ISO 3166 countries with the names news writing actually uses.

pycountry gives the ISO names ("Russian Federation", "Korea, Republic of"); readers
and the text of articles say "Russia", "South Korea", "Turkey", "Russian". The
display names, extra names and demonyms below are what later matching relies on.
"""

import pycountry

DISPLAY_NAMES = {
    "RU": "Russia",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Vatican City",
}

EXTRA_NAMES = {
    "TR": ["Turkey", "Turkiye", "Republic of Turkey"],
    "RU": ["Russian Federation"],
    "US": ["USA", "U.S.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "Emirates"],
    "CZ": ["Czech Republic"],
    "KR": ["Republic of Korea", "ROK"],
    "KP": ["DPRK"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "NL": ["Holland", "the Netherlands"],
    "CN": ["PRC", "People's Republic of China"],
    "TW": ["Republic of China"],
}

DEMONYMS = {
    "AF": ["Afghan"], "AL": ["Albanian"], "DZ": ["Algerian"], "AO": ["Angolan"],
    "AR": ["Argentine", "Argentinian"], "AM": ["Armenian"], "AU": ["Australian"],
    "AT": ["Austrian"], "AZ": ["Azerbaijani", "Azeri"], "BH": ["Bahraini"],
    "BD": ["Bangladeshi"], "BY": ["Belarusian"], "BE": ["Belgian"], "BA": ["Bosnian"],
    "BR": ["Brazilian"], "BG": ["Bulgarian"], "KH": ["Cambodian"], "CA": ["Canadian"],
    "CL": ["Chilean"], "CN": ["Chinese"], "CO": ["Colombian"], "HR": ["Croatian"],
    "CU": ["Cuban"], "CY": ["Cypriot"], "CZ": ["Czech"], "DK": ["Danish"],
    "EG": ["Egyptian"], "EE": ["Estonian"], "ET": ["Ethiopian"], "FI": ["Finnish"],
    "FR": ["French"], "GE": ["Georgian"], "DE": ["German"], "GR": ["Greek"],
    "HU": ["Hungarian"], "IN": ["Indian"], "ID": ["Indonesian"], "IR": ["Iranian"],
    "IQ": ["Iraqi"], "IE": ["Irish"], "IL": ["Israeli"], "IT": ["Italian"],
    "JP": ["Japanese"], "JO": ["Jordanian"], "KZ": ["Kazakh", "Kazakhstani"],
    "KE": ["Kenyan"], "KW": ["Kuwaiti"], "KG": ["Kyrgyz"], "LV": ["Latvian"],
    "LB": ["Lebanese"], "LY": ["Libyan"], "LT": ["Lithuanian"], "MY": ["Malaysian"],
    "MX": ["Mexican"], "MD": ["Moldovan"], "MN": ["Mongolian"], "MA": ["Moroccan"],
    "NL": ["Dutch"], "NZ": ["New Zealander"], "NG": ["Nigerian"], "KP": ["North Korean"],
    "NO": ["Norwegian"], "OM": ["Omani"], "PK": ["Pakistani"], "PE": ["Peruvian"],
    "PH": ["Philippine", "Filipino"], "PL": ["Polish"], "PT": ["Portuguese"],
    "QA": ["Qatari"], "RO": ["Romanian"], "RU": ["Russian"], "SA": ["Saudi"],
    "RS": ["Serbian"], "SG": ["Singaporean"], "SK": ["Slovak"], "SI": ["Slovenian"],
    "ZA": ["South African"], "KR": ["South Korean"], "ES": ["Spanish"],
    "LK": ["Sri Lankan"], "SD": ["Sudanese"], "SE": ["Swedish"], "CH": ["Swiss"],
    "SY": ["Syrian"], "TW": ["Taiwanese"], "TJ": ["Tajik"], "TH": ["Thai"],
    "TN": ["Tunisian"], "TR": ["Turkish"], "TM": ["Turkmen"], "UA": ["Ukrainian"],
    "AE": ["Emirati"], "GB": ["British"], "US": ["American"], "UZ": ["Uzbek"],
    "VE": ["Venezuelan"], "VN": ["Vietnamese"], "YE": ["Yemeni"],
}


def country_records():
    """Yield one dict per ISO 3166 country, ready to be saved as a Country."""
    for entry in pycountry.countries:
        code = entry.alpha_2
        iso_name = entry.name
        common = getattr(entry, "common_name", None)
        official = getattr(entry, "official_name", None)
        name = DISPLAY_NAMES.get(code) or common or iso_name
        other_names = [iso_name, common, official, *EXTRA_NAMES.get(code, [])]
        aliases = []
        for other in other_names:
            if other and other != name and other not in aliases:
                aliases.append(other)
        yield {
            "code": code,
            "name": name,
            "official_name": official or iso_name,
            "aliases": aliases,
            "demonyms": DEMONYMS.get(code, []),
        }
