"""Naming patterns, languages and scripts of the origins on the routes of the seeds.

`pattern` says how a name is built: patronymic (given + father + grandfather, no family name:
Somali, Ethiopian, Eritrean), arabic (given + father + family, often with al-), iberian (given +
two family names), single (given + one family name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    country: str
    pattern: str
    languages: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...] = ()
    # Transliteration variants clerks produce for the same name (Maxamed / Mohamed).
    variants: tuple[tuple[str, str], ...] = ()
    script: dict[str, str] | None = None  # Latin → original script, where known


SOMALI_M = ("Maxamed", "Cabdi", "Axmed", "Cali", "Xasan", "Cumar", "Yuusuf", "Ismaaciil", "Abdirahman", "Faarax",
            "Jaamac", "Warsame", "Nuur", "Aadan", "Ibraahim", "Mahad", "Guuleed", "Shire")
SOMALI_F = ("Faadumo", "Xaliimo", "Hodan", "Sahra", "Ayaan", "Khadra", "Ifrah", "Nimco", "Hibo", "Canab", "Ubah",
            "Maryan", "Deeqa", "Idil")
ETHIOPIAN_M = ("Tesfaye", "Dawit", "Abebe", "Getachew", "Mulugeta", "Solomon", "Yonas", "Bereket", "Tadesse",
               "Girma", "Haile", "Kebede", "Alemu", "Abdi", "Lemma", "Tekle")
ETHIOPIAN_F = ("Tigist", "Meseret", "Almaz", "Hiwot", "Selam", "Mekdes", "Bethlehem", "Eyerusalem", "Aster",
               "Genet", "Birtukan", "Tsehay")
ERITREAN_M = ("Yonas", "Mehari", "Tesfalem", "Habtom", "Kidane", "Filmon", "Amanuel", "Samuel", "Berhane",
              "Goitom", "Tekle", "Merhawi", "Ghebremedhin")
ERITREAN_F = ("Saba", "Helen", "Senait", "Luwam", "Yordanos", "Rahel", "Winta", "Ruta", "Feven", "Mebrat")
ARABIC_M = ("Mohammed", "Ahmed", "Ali", "Omar", "Khaled", "Youssef", "Hassan", "Abdullah", "Ibrahim", "Mahmoud",
            "Mustafa", "Saleh", "Nasser", "Tariq", "Hamza")
ARABIC_F = ("Fatima", "Aisha", "Maryam", "Zainab", "Amina", "Huda", "Noor", "Salma", "Rania", "Layla", "Asma")
ARABIC_FAMILY = ("al-Hashimi", "al-Amri", "Saleh", "al-Houthi", "Ba Abbad", "al-Zubaidi", "Haddad", "Othman",
                 "al-Sayed", "Abdelrahman", "Idris", "Osman")

GEEZ = {"Tesfaye": "ተስፋዬ", "Dawit": "ዳዊት", "Abebe": "አበበ", "Getachew": "ጌታቸው", "Solomon": "ሰሎሞን", "Yonas": "ዮናስ",
        "Haile": "ኃይሌ", "Kebede": "ከበደ", "Tigist": "ትዕግስት", "Almaz": "አልማዝ", "Hiwot": "ሕይወት", "Selam": "ሰላም",
        "Mehari": "መሓሪ", "Habtom": "ሃብቶም", "Kidane": "ኪዳነ", "Amanuel": "ኣማኑኤል", "Saba": "ሳባ", "Senait": "ሰናይት",
        "Tekle": "ተክለ", "Girma": "ግርማ", "Alemu": "ዓለሙ", "Lemma": "ለማ", "Mulugeta": "ሙሉጌታ", "Meseret": "መሰረት"}
ARABIC_SCRIPT = {"Mohammed": "محمد", "Ahmed": "أحمد", "Ali": "علي", "Omar": "عمر", "Khaled": "خالد",
                 "Youssef": "يوسف", "Hassan": "حسن", "Abdullah": "عبد الله", "Ibrahim": "إبراهيم", "Mahmoud": "محمود",
                 "Fatima": "فاطمة", "Aisha": "عائشة", "Maryam": "مريم", "Zainab": "زينب", "Amina": "أمينة",
                 "Huda": "هدى", "Noor": "نور", "Salma": "سلمى", "Saleh": "صالح", "Osman": "عثمان", "Idris": "إدريس",
                 "Mustafa": "مصطفى", "Hamza": "حمزة", "Tariq": "طارق", "Nasser": "ناصر", "Layla": "ليلى"}

ORIGINS: tuple[Origin, ...] = (
    Origin("SOM", "patronymic", ("som",), SOMALI_M, SOMALI_F,
           variants=(("Maxamed", "Mohamed"), ("Cabdi", "Abdi"), ("Axmed", "Ahmed"), ("Cali", "Ali"),
                     ("Xasan", "Hassan"), ("Cumar", "Omar"), ("Faadumo", "Fatuma"), ("Xaliimo", "Halima"))),
    Origin("ETH", "patronymic", ("amh", "orm"), ETHIOPIAN_M, ETHIOPIAN_F, script=GEEZ,
           variants=(("Tesfaye", "Tesfay"), ("Getachew", "Getachaw"), ("Haile", "Hayle"))),
    Origin("ERI", "patronymic", ("tir",), ERITREAN_M, ERITREAN_F, script=GEEZ,
           variants=(("Ghebremedhin", "Gebremedhin"), ("Mehari", "Mehary"))),
    Origin("YEM", "arabic", ("ara",), ARABIC_M, ARABIC_F, ARABIC_FAMILY, script=ARABIC_SCRIPT,
           variants=(("Mohammed", "Muhammad"), ("Youssef", "Yusuf"), ("Hassan", "Hasan"))),
    Origin("SDN", "arabic", ("ara",), ARABIC_M, ARABIC_F, ("Osman", "Idris", "Abdelrahman", "Adam", "Musa", "Ishag"),
           script=ARABIC_SCRIPT, variants=(("Mohammed", "Mohamed"), ("Ibrahim", "Ebrahim"))),
    Origin("HTI", "single", ("hat", "fra"),
           ("Jean", "Jean-Baptiste", "Wilner", "Frantz", "Ricardo", "Jean-Robert", "Pierre", "Evens", "Widlin", "Dieuseul"),
           ("Marie", "Guerline", "Nadège", "Roseline", "Fabiola", "Mirlande", "Sandra", "Wideline", "Ketly"),
           ("Joseph", "Pierre", "Louis", "Jean-Louis", "Charles", "Saint-Fleur", "Desrosiers", "Augustin", "Étienne", "Baptiste"),
           variants=(("Jean-Baptiste", "Jean Baptiste"), ("Étienne", "Etienne"))),
    Origin("HND", "iberian", ("spa",),
           ("José", "Juan", "Carlos", "Luis", "Kevin", "Brayan", "Jorge", "Marvin", "Wilmer", "Óscar", "Josué"),
           ("María", "Ana", "Karla", "Dania", "Yesenia", "Sofía", "Gabriela", "Dayana", "Lesly"),
           ("López", "Hernández", "Martínez", "García", "Rodríguez", "Mejía", "Reyes", "Flores", "Cruz", "Zelaya", "Banegas"),
           variants=(("José", "Jose"), ("María", "Maria"), ("Hernández", "Hernandez"), ("López", "Lopez"))),
    Origin("SLV", "iberian", ("spa",), ("José", "Carlos", "Mario", "René", "Edwin", "Óscar", "Nelson"),
           ("Ana", "Rosa", "Marta", "Xiomara", "Carmen", "Glenda"),
           ("Hernández", "Martínez", "López", "Flores", "Ramírez", "Rivera", "Portillo", "Alvarenga"),
           variants=(("Ramírez", "Ramirez"), ("Martínez", "Martinez"))),
    Origin("GTM", "iberian", ("spa",), ("Juan", "Pedro", "Byron", "Cristian", "Edgar", "Marvin", "Elmer"),
           ("María", "Juana", "Olga", "Brenda", "Heidy", "Lucía"),
           ("López", "Pérez", "García", "Xol", "Tzul", "Ajcalón", "Morales", "Chávez", "Cuc"),
           variants=(("Pérez", "Perez"), ("Chávez", "Chavez"))),
    Origin("VEN", "iberian", ("spa",), ("José", "Luis", "Jesús", "Daniel", "Jhonny", "Yorman", "Alejandro", "Yeferson"),
           ("María", "Yusmary", "Génesis", "Andreína", "Daniela", "Yuleisy", "Mariangel"),
           ("González", "Rodríguez", "Pérez", "Hernández", "García", "Rojas", "Contreras", "Colmenares"),
           variants=(("Jhonny", "Johnny"), ("González", "Gonzalez"))),
    Origin("CUB", "iberian", ("spa",), ("Yoandri", "Alexei", "Yunior", "Reinier", "Osmany", "Leandro"),
           ("Yanelis", "Dayami", "Yuliet", "Lisandra", "Yoania"),
           ("Rodríguez", "Pérez", "González", "Fernández", "Díaz", "Castillo", "Leyva"),
           variants=(("Yoandri", "Yoandry"), ("Díaz", "Diaz"))),
    Origin("AFG", "single", ("prs", "pus"), ("Ahmad", "Mohammad", "Abdul", "Rahim", "Hamid", "Naweed", "Farid", "Sayed"),
           ("Fatima", "Zahra", "Mariam", "Parwana", "Shabnam", "Nargis"),
           ("Ahmadi", "Hakimi", "Rahimi", "Mohammadi", "Karimi", "Sultani", "Noori"),
           variants=(("Mohammad", "Mohammed"), ("Ahmadi", "Ahmady"))),
    Origin("BGD", "single", ("ben",), ("Mohammad", "Abdul", "Rafiq", "Shahin", "Jahid", "Sumon", "Arif"),
           ("Nasrin", "Shirin", "Rokeya", "Taslima", "Fahima"),
           ("Hossain", "Rahman", "Islam", "Uddin", "Akter", "Miah", "Chowdhury"),
           variants=(("Hossain", "Hussain"), ("Chowdhury", "Choudhury"))),
    Origin("COD", "single", ("lin", "fra", "swh"), ("Jean-Pierre", "Patrick", "Christian", "Dieudonné", "Héritier", "Glody"),
           ("Grâce", "Esther", "Rachel", "Chantal", "Neema", "Furaha"),
           ("Mukendi", "Kabila", "Ilunga", "Tshimanga", "Mbuyi", "Kasongo", "Lukusa"),
           variants=(("Dieudonné", "Dieudonne"), ("Tshimanga", "Chimanga"))),
    Origin("CMR", "single", ("fra", "eng"), ("Paul", "Emmanuel", "Boris", "Junior", "Hervé", "Franck"),
           ("Brigitte", "Carine", "Mireille", "Laure", "Estelle"),
           ("Nkoulou", "Mbarga", "Tchoupo", "Fotso", "Ngono", "Essomba", "Kamga"),
           variants=(("Hervé", "Herve"),)),
    Origin("GIN", "single", ("fra", "ful"), ("Mamadou", "Ibrahima", "Alpha", "Ousmane", "Sékou", "Thierno"),
           ("Mariama", "Fatoumata", "Aïssatou", "Kadiatou", "Hawa"),
           ("Diallo", "Barry", "Bah", "Sow", "Camara", "Condé", "Keïta"),
           variants=(("Keïta", "Keita"), ("Condé", "Conde"), ("Aïssatou", "Aissatou"))),
)

# How often each origin arrives on each route (relative weights).
ROUTES: dict[str, dict[str, float]] = {
    # Darién / Panama → Costa Rica land border (seed 002's extra-regional migrants among them).
    "darien": {"VEN": 30, "HTI": 18, "CUB": 8, "COD": 5, "CMR": 5, "GIN": 3, "AFG": 4, "BGD": 3,
               "SOM": 2, "ERI": 2, "HND": 8, "SLV": 4, "GTM": 4},
    # Central America northbound, Peñas Blancas.
    "north": {"HND": 35, "SLV": 20, "GTM": 20, "VEN": 10, "HTI": 8, "CUB": 7},
    # Gulf of Aden: boats from Bosaso and Obock to the Yemen coast (seed 004, Sana'a).
    "gulf_of_aden": {"ETH": 70, "SOM": 28, "ERI": 2},
    # Flights into Juan Santamaría.
    "air": {"CUB": 25, "VEN": 25, "HTI": 10, "AFG": 10, "CMR": 10, "COD": 10, "SDN": 10},
    # Inland apprehensions in Yemen.
    "yemen_inland": {"ETH": 60, "SOM": 30, "SDN": 5, "YEM": 5},
}
