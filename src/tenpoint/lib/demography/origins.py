"""Naming patterns, languages and scripts of the origins on the routes of the seeds.

`pattern` says how a name is built: patronymic (given + father + grandfather, no family name:
Somali, Ethiopian, Eritrean), arabic (given + father + family, often with al-), iberian (given +
two family names), single (given + one family name).

Each pool lists real names of the origin, most common first, in the spelling its clerks write:
the generator draws them with long-tailed (Zipf-like) frequencies by that rank, as real registers
have them (a Maxamed or a José in every boat, and hundreds of rarer names). Drawn uniformly from a
dozen names, 2.3 % of 200,000 people shared their whole name and birth date with a stranger (16 %
name and birth year), and namesakes filled the duplicate review; now 0.13 % (1.1 %).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    country: str
    pattern: str
    languages: tuple[str, ...]
    male: tuple[str, ...]  # most common first: the generator weighs each name by its rank
    female: tuple[str, ...]
    family: tuple[str, ...] = ()
    # Transliteration variants clerks produce for the same name (Maxamed / Mohamed).
    variants: tuple[tuple[str, str], ...] = ()
    script: dict[str, str] | None = None  # Latin → original script, where known

    @functools.cached_property
    def respelling(self) -> dict[str, str]:
        """Each name that has a variant → the variant: looked up for every name drawn."""
        return dict(self.variants)


def _pool(*lists: str) -> tuple[str, ...]:
    """The names of comma-separated lists, in order; a name listed again keeps its first (higher) rank,
    so a country's own most common names can come before a tail shared by its region."""
    names: dict[str, None] = {}
    for text in lists:
        for name in text.split(","):
            if name := " ".join(name.split()):
                names.setdefault(name)
    return tuple(names)


# Somali names in Somali orthography (x for ḥ, c for ʿ, doubled vowels), as Somali clerks and IDs write them.
SOMALI_M = _pool("""
    Maxamed, Cabdi, Axmed, Cali, Xasan, Cumar, Cabdullaahi, Yuusuf, Ibraahim, Xuseen, Cabdiraxmaan, Ismaaciil,
    Aadan, Faarax, Cismaan, Maxamuud, Mustafe, Jaamac, Nuur, Siciid, Cabdulqaadir, Muuse, Ciise, Warsame, Daahir,
    Yaasiin, Saalax, Cabdiqani, Khaliif, Bashiir, Shire, Guuleed, Mahad, Cabdiwali, Cabdirisaaq, Cabdikariim,
    Cabdinaasir, Cabdiraxiim, Cabdisalaan, Cabdifitaax, Cabdicasiis, Cabdishakuur, Xirsi, Samatar, Jibriil, Idiris,
    Abshir, Liibaan, Mukhtaar, Xamse, Cilmi, Ducaale, Cawil, Cuweys, Abuukar, Ayuub, Bilaal, Faysal, Ilyaas, Khadar,
    Khaalid, Mascuud, Najiib, Ridwaan, Saalim, Suleymaan, Yaxye, Sakariye, Subeer, Daa'uud, Mahdi, Mowliid, Sahal,
    Shariif, Xaashi, Xaaji, Barre, Bile, Dirir, Geedi, Hiiraad, Kaahin, Mataan, Mire, Nuux, Qaasim, Rashiid, Salaad,
    Sharmaarke, Siyaad, Diiriye, Carab, Caydaruus, Dayib, Fu'aad, Galaal, Jimcaale, Kulmiye, Madar, Obsiye, Shirwac,
    Sugaal, Tahliil, Ugaas, Xaamud, Muxyadiin, Nuuradiin, Sabriye, Shuceyb, Cabdijabaar, Cabdimaalik, Cabdixakiim,
    Cabdiwahaab
""")
SOMALI_F = _pool("""
    Faadumo, Xaliimo, Caasha, Khadiija, Aamina, Maryan, Hodan, Sahra, Ayaan, Nimco, Hibo, Xaawo, Deeqa, Ifrah,
    Sucaad, Fardowsa, Ruqiya, Khadra, Sacdiya, Shukri, Hamdi, Idil, Canab, Ubax, Saynab, Naciimo, Nasteexo, Ikraan,
    Ilhaan, Sagal, Asli, Ladan, Luul, Muna, Najma, Nuura, Qamar, Raxma, Ramla, Safiya, Samiira, Shamsa, Sabriin,
    Sumaya, Fowsiya, Istar, Jamiila, Kowsar, Leyla, Mulki, Nafiiso, Nasra, Nimo, Rodo, Saado, Samsam, Siraad, Timiro,
    Ugbaad, Warsan, Yasmiin, Amaal, Bilan, Cawo, Cibaado, Dahabo, Deeqo, Filsan, Fartuun, Farxiya, Hani, Hinda, Iman,
    Ismahaan, Kaltuun, Marwo, Nadiifo, Nuurto, Qali, Safiyo, Salma, Zamzam, Barwaaqo, Xafsa, Hodo, Sareedo, Fahma,
    Huda, Intisaar, Basra, Aniisa
""")
# Eastern-route Ethiopians are mostly young Oromo, many of them Muslim: Oromo and Muslim names lead,
# Amhara and Tigrayan names follow.
ETHIOPIAN_M = _pool("""
    Mohammed, Abdi, Ahmed, Kedir, Tesfaye, Jemal, Mulugeta, Getachew, Hussein, Abdella, Dawit, Abebe, Solomon, Girma,
    Tadesse, Alemu, Bekele, Kebede, Ibrahim, Yonas, Gemechu, Chala, Tolosa, Bereket, Haile, Lemma, Tekle, Dereje,
    Fikadu, Tamiru, Tilahun, Mesfin, Ayele, Asefa, Worku, Birhanu, Abera, Desta, Mekonnen, Hailu, Negash, Yohannes,
    Daniel, Samuel, Bayisa, Fayisa, Lemi, Obsa, Guta, Tariku, Dejene, Milkesa, Boru, Tola, Nuru, Awol, Yusuf, Ali,
    Umer, Jibril, Redwan, Mustefa, Siraj, Shemsu, Anwar, Kemal, Seid, Hassen, Abdulkadir, Abdurahman, Mengistu,
    Kassahun, Shiferaw, Yared, Henok, Biniam, Ermias, Eyob, Nahom, Kaleb, Amanuel, Wondimu, Zerihun, Getu, Habtamu,
    Demeke, Endale, Temesgen, Melaku, Tefera, Tsegaye, Yirga, Zewdu, Belay, Sisay, Abiy, Teshome, Wolde, Gudeta,
    Debela, Wakjira, Jiru, Kenenisa, Dabesa, Galana, Tesema, Kumsa, Negasa, Regasa, Firaol, Bikila, Lelisa, Ebisa,
    Abdisa, Takele, Olana, Abdo, Temam, Nesru, Jafer, Asnake, Gashaw, Mamo, Tamrat, Adugna, Tewodros, Fasil
""")
ETHIOPIAN_F = _pool("""
    Fatuma, Tigist, Amina, Meseret, Almaz, Kedija, Hiwot, Chaltu, Zeyneb, Selam, Mekdes, Aster, Genet, Birtukan,
    Tsehay, Lensa, Ayantu, Bontu, Hayat, Semira, Bethlehem, Eyerusalem, Abeba, Meron, Hana, Sara, Marta, Rahel, Helen,
    Tsion, Mulu, Zewditu, Yeshi, Alem, Gete, Workinesh, Etenesh, Tsige, Mahlet, Liya, Kidist, Selamawit, Hirut,
    Emebet, Frehiwot, Tirunesh, Zenebech, Belaynesh, Askale, Lemlem, Azeb, Elsa, Senait, Saba, Ruth, Yordanos, Eden,
    Nardos, Halima, Hawa, Nejat, Rukiya, Zemzem, Mariam, Sumeya, Ikram, Nafisa, Gadise, Hawi, Meti, Soreti, Dinkitu,
    Ebise, Lalise, Beletech, Shitaye, Tadelech, Fantaye, Tsega, Kebebush, Meselech, Ayelech, Amarech, Aberash,
    Asnakech, Fikirte, Meskerem, Tsedey, Haregewoin, Misrak, Sosina, Tsedale, Woinshet, Abebech, Aynalem, Alemitu,
    Nigist, Muna, Rediet, Feven, Genzebe, Yeshiwork, Mestawet, Tiruwork, Bizunesh
""")
# Tigrinya names first; Tigre and Saho Muslims' names after them.
ERITREAN_M = _pool("""
    Yonas, Mehari, Dawit, Yohannes, Daniel, Samuel, Filmon, Amanuel, Habtom, Kidane, Berhane, Goitom, Tekle, Merhawi,
    Ghebremedhin, Tesfalem, Robel, Semere, Mussie, Tesfay, Tesfamariam, Kiflom, Kibrom, Haile, Abraham, Aron, Efrem,
    Mikael, Tewelde, Tekeste, Zerai, Yemane, Yosief, Eyob, Biniam, Nahom, Natnael, Solomon, Henok, Aman, Ermias,
    Mebrahtu, Measho, Asmerom, Araya, Ghirmay, Okbay, Woldu, Ghebrehiwet, Ghebreyesus, Hagos, Berhe, Kahsay, Tsegay,
    Andom, Fitsum, Hailemariam, Kesete, Medhanie, Mesfin, Mulugeta, Negassi, Russom, Simon, Tedros, Teame, Tekie,
    Tesfit, Weldemichael, Yakob, Zekarias, Abel, Awet, Bereket, Elias, Ghebru, Mogos, Mehretab, Mohammed, Idris,
    Osman, Saleh, Ibrahim, Abdu, Omar, Mahmud, Adem, Said, Tesfamichael, Isaak, Sirak, Senay, Tekleab, Teklit,
    Temesghen, Yared, Samson, Eyasu, Habte, Kibreab, Tesfaldet, Hadgu, Mengsteab, Neguse, Sium, Asefaw
""")
ERITREAN_F = _pool("""
    Saba, Helen, Senait, Luwam, Yordanos, Rahel, Winta, Ruta, Feven, Mebrat, Selam, Hiwet, Tsega, Meron, Yohana,
    Elsa, Freweyni, Yodit, Almaz, Aster, Tirhas, Semhar, Ksanet, Selamawit, Sara, Letebrhan, Abrehet, Mihret, Azieb,
    Nebiat, Kidisti, Samrawit, Tsigereda, Eden, Bisrat, Hanna, Milen, Rigbe, Tsehaye, Lemlem, Nigisti, Mahlet, Lidia,
    Delina, Simret, Fiori, Ariam, Haben, Akberet, Zebib, Adiam, Merhawit, Danait, Dehab, Fana, Asmeret, Zewdi,
    Amleset, Tsige, Makda, Amna, Fatna, Zahra, Halima, Khadija, Amina, Hadas, Bethlehem, Weini, Yirgalem, Letensae,
    Abeba, Genet, Natsnet, Saron, Semira, Wegahta, Rahwa, Hermon, Mekdes
""")
# Yemeni names (and the Arabic given names YEM records used before: one shared pool, public as before).
ARABIC_M = _pool("""
    Mohammed, Ahmed, Ali, Abdullah, Abdulrahman, Saleh, Hassan, Omar, Ibrahim, Khaled, Yahya, Abdulaziz, Hussein,
    Abdo, Nasser, Saeed, Youssef, Mahmoud, Fuad, Salem, Mustafa, Abdulkarim, Abdulmalik, Abdulsalam, Abdulwahab, Hamza,
    Abdulqader, Tariq, Faisal, Waleed, Adel, Nabil, Jamal, Fahd, Majed, Bashir, Ammar, Akram, Amin, Ayman, Hamoud,
    Saddam, Hisham, Hani, Jalal, Mansour, Marwan, Mohsen, Mokhtar, Munir, Murad, Nashwan, Osama, Qasim, Radwan,
    Rashid, Sadiq, Salah, Samir, Sultan, Taha, Talal, Tawfiq, Wael, Yasser, Yasin, Zaid, Ziyad, Abdulhakim,
    Abdulghani, Abdulrahim, Abdulbari, Abdulhamid, Abdulraqib, Abdulwali, Abdulnasser, Abdulelah, Anwar, Bilal,
    Fares, Hamid, Kamal, Sami, Sakhr, Shukri, Waddah, Issa, Musa, Ismail, Abbas, Ghaleb, Haitham, Hatem, Jaber,
    Khalil, Maher, Mazen, Mujahid, Naji, Nizar, Qais, Raed, Rami, Sabri, Sharaf, Shawqi, Aref, Ayoub, Basem, Emad,
    Fawaz, Ghazi, Hussam, Jamil, Mutahar, Najib, Shaker, Tahir, Younis, Zakaria, Hizam, Saif, Fadl, Murshed, Thabet,
    Qaid, Awadh
""")
ARABIC_F = _pool("""
    Fatima, Aisha, Maryam, Amina, Khadija, Zainab, Amal, Huda, Asma, Arwa, Sumaya, Hanan, Noor, Salma, Ahlam, Afrah,
    Abeer, Bushra, Eman, Entisar, Rania, Layla, Ameera, Anisa, Dalal, Ghada, Haifa, Hayat, Hind, Ibtisam, Ikram,
    Jamila, Karima, Lamia, Latifa, Lubna, Manal, Marwa, Muna, Nabila, Nada, Najla, Nawal, Nisreen, Rahma, Raja, Rasha,
    Reem, Safa, Sabah, Sahar, Samira, Sana, Shaima, Suad, Tahani, Wafa, Widad, Yasmin, Zahra, Aziza, Fayza, Hafsa,
    Halima, Hana, Khawla, Lina, Maha, Majida, Malak, Nahla, Najat, Nuha, Rawan, Rahaf, Raghad, Ruqaya, Sabreen,
    Safiya, Samah, Shatha, Tasneem, Yusra, Amat al-Rahman, Ghadeer, Hadeel, Kawkab, Sawsan, Wijdan, Bilqis, Nadia,
    Fathiya, Saeeda, Salwa
""")
# Tribal and place names (nisba, al-…), Hadrami Ba- names, and grandfathers' names used as family names.
ARABIC_FAMILY = _pool("""
    al-Hashimi, Saleh, al-Amri, al-Hakimi, al-Maqtari, al-Sharabi, al-Absi, Qaid, al-Ahmar, al-Qadhi, al-Eryani,
    al-Zubairi, al-Aghbari, Haddad, Nasser, al-Shami, al-Hamdani, al-Yafei, al-Awlaki, al-Houthi, al-Zubaidi,
    Ba Abbad, Ba Wazir, al-Kathiri, al-Saqqaf, al-Attas, al-Habshi, al-Junaid, al-Mahdi, al-Wazir, al-Nahdi,
    al-Harthi, al-Murshidi, al-Sabri, al-Shaibani, al-Sanabani, al-Ansi, al-Hubaishi, al-Dhubhani, al-Jabri,
    al-Khawlani, al-Hadrami, al-Himyari, al-Asbahi, al-Mikhlafi, al-Saidi, al-Shamiri, al-Qubati, al-Hammadi,
    al-Selwi, al-Sayed, Othman, Mansour, Ghaleb, Saif, Thabet, Hizam, Murshed, Muqbil, Naji, Abdo, Awadh, Fadl, Qasem,
    Idris, Osman, Abdelrahman, al-Maweri, al-Areqi, al-Shuaibi, al-Haidari, al-Fadhli, al-Ahdal, al-Bukhaiti,
    al-Mansoori, al-Marwani, al-Matari, al-Nasiri, al-Qirbi, al-Sharjabi, al-Subaihi, al-Thawri, al-Wesabi,
    al-Yamani, al-Zindani, Bajammal, al-Dailami, al-Hakami, al-Kibsi, al-Mansour, al-Taizi, al-Udaini, al-Baidani,
    al-Dhalai, al-Maflahi, al-Kuhlani, al-Moayad, al-Waeli, al-Sanaani
""")
# Sudanese spelling (Mohamed, Osman, Abdalla, Yousif, Omer, Ishag; El- for al-); the family name is
# mostly the grandfather's name.
SUDANESE_M = _pool("""
    Mohamed, Ahmed, Osman, Abdalla, Ibrahim, Adam, Musa, Yousif, Omer, Ali, Hassan, Elsadig, Mustafa, Abdelrahman,
    Babiker, Hamid, Khalid, Ishag, Salah, Mahmoud, Haroun, Yagoub, Abakar, Bashir, Elfatih, Elnour, Awad, Hashim,
    Hussein, Siddig, Abdelaziz, Abdelmoneim, Abdelgadir, Abdelrahim, Abdelkarim, Abdelhamid, Elamin, Eltayeb, Elhadi,
    Elfadil, Hamza, Ismail, Suleiman, Saeed, Salih, Fadul, Gamal, Hamdan, Nour, Tarig, Wail, Mujtaba, Muawia,
    Mutasim, Montasir, Mohanad, Marwan, Moez, Obai, Osama, Sami, Sharif, Taha, Yasir, Zakaria, Amir, Ammar, Ayman,
    Badr, Bakri, Dafalla, Eisa, Ezzeldin, Faisal, Haidar, Hatim, Hisham, Idris, Gaafar, Kamal, Khamis, Magdi, Malik,
    Mamoun, Mansour, Mubarak, Nasr, Nasreldin, Rashid, Sabir, Tahir, Tijani, Waleed, Yahia, Zubair, Abbas, Adil,
    Abuobaida, Hafiz, Hussam, Abdelwahab, Abdelmahmoud, Abdelmajid
""")
SUDANESE_F = _pool("""
    Fatima, Amna, Mariam, Zainab, Aisha, Khadija, Hawa, Halima, Sara, Huda, Nafisa, Samia, Salma, Ikhlas, Insaf,
    Intisar, Iman, Ilham, Hiba, Hanan, Ibtisam, Afaf, Awatif, Fathia, Hayat, Howida, Igbal, Limya, Malaz, Manal,
    Mawahib, Mona, Nahid, Najwa, Nawal, Nimat, Rasha, Rawia, Reem, Rugaya, Safa, Sahar, Samira, Sana, Shadia, Suad,
    Tahani, Wafa, Widad, Azza, Alawia, Badria, Bakhita, Batool, Buthaina, Dalia, Ghada, Hadia, Hind, Kaltoum, Khalda,
    Lubna, Maha, Mahasin, Marwa, Mashair, Nada, Nusiba, Raja, Sumaya, Tayseer, Tomader, Wijdan, Yusra, Amal, Arafa,
    Asia, Hafsa, Fadwa, Hajer, Randa, Rehab, Sawsan, Shaza, Zahra, Nuha, Omaima, Rayan, Thuraya
""")
SUDANESE_FAMILY = _pool("""
    Mohamed, Ahmed, Osman, Abdalla, Ibrahim, Adam, Musa, Yousif, Omer, Ali, Hassan, Idris, Abdelrahman, Ishag,
    Babiker, Mustafa, Elamin, Hamid, Suleiman, Elhassan, Abdelgadir, Hussein, Yagoub, Haroun, Abakar, Khamis, Bashir,
    Eltayeb, Elnour, Salih, Saeed, Mahmoud, Elsheikh, Abdelaziz, Abdelkarim, Abdelrahim, Abdelmoneim, Elfadil, Awad,
    Fadul, Hamdan, Nour, Gamar, Eltom, Elbashir, Elmahdi, Mirghani, Elkhalifa, Abdelhamid, Abdelwahab, Abdelmajid,
    Abdelsalam, Elzubair, Hamad, Hamza, Ismail, Jaber, Khalil, Makki, Mansour, Medani, Mubarak, Nasr, Rahma, Sharif,
    Siddig, Taha, Tijani, Yahia, Zakaria, Abbas, Bakheit, Bilal, Dafalla, Dawood, Eisa, Elfaki, Elhadi, Elobeid,
    Fadlalla, Gasim, Hashim, Jumaa, Karrar, Khalifa, Malik, Nimir, Sabir, Tahir, Yassin, Zein, Elsadig, Abdelbagi,
    Elawad, Elimam, Gibril
""")
HAITIAN_M = _pool("""
    Jean, Jean-Baptiste, Wilner, Frantz, Ricardo, Jean-Robert, Pierre, Evens, Widlin, Dieuseul, Jean-Claude,
    Jean-Pierre, Joseph, Jean-Marc, Jean-Louis, Jean-Rony, Louis, Marc, Michel, Paul, Jacques, Emmanuel, Daniel,
    Samuel, Wilson, Peterson, Stevenson, Woodley, Wisly, Fritz, Frantzy, Jonas, Junior, Kervens, Kenson, Mackenson,
    Ricot, Roodly, Roosevelt, Schneider, Wesley, Widner, Wilfrid, Anderson, Carl-Henry, Clifford, Ernst, Ésaïe,
    Fabrice, Gérald, Gérard, Guy, Herby, Jeff, Jimmy, Johnny, Jude, Kesner, Lesly, Luckner, Makenson, Marckenson,
    Max, Nixon, Patrick, Réginald, Rémy, Richard, Robenson, Rodrigue, Ronald, Rony, Sadrack, Sony, Stanley, Steeve,
    Thony, Vladimir, Webert, Wilbert, Wildy, Wilkens, Williams, Wisner, Yvens, Yves, Yvon, Jean-Philippe,
    Jean-Marie, Jean-Michel, Jean-Eddy, Dukens, Edner, Guerby, Jerry, Lovensky, Mackendy, Ralph, Reynold, Rolland,
    Sergo, Stéphane, Claude, Franck, Gary
""")
HAITIAN_F = _pool("""
    Marie, Guerline, Nadège, Roseline, Fabiola, Mirlande, Sandra, Wideline, Ketly, Marie-Claude, Marie-Ange,
    Marie-Carmelle, Marie-Michelle, Marie-Lourdes, Marie-Flore, Rose-Marie, Mireille, Nathalie, Natacha, Nancy,
    Jessica, Judith, Esther, Sabine, Lourdes, Marjorie, Nadia, Nerline, Sherline, Stéphanie, Vanessa, Wislande,
    Youdeline, Béthanie, Claudette, Darline, Dieula, Edeline, Erline, Évelyne, Farah, Gina, Guerda, Islande, Jeanne,
    Jesula, Jocelyne, Josette, Julie, Kettia, Kerline, Lovely, Lucienne, Magalie, Marie-Rose, Marlène, Martine,
    Mélissa, Micheline, Nadine, Phara, Régine, Rose, Sherly, Tamara, Tatiana, Wilna, Yolande, Yvrose, Anne-Marie,
    Bernadette, Carline, Claudine, Daphnée, Élise, Fabienne, Ghislaine, Jacqueline, Linda, Lucie, Manouchka,
    Michaëlle, Pascale, Rachel, Sandy, Sophonie, Chantal, Christelle, Medgine
""")
HAITIAN_FAMILY = _pool("""
    Joseph, Pierre, Jean-Baptiste, Jean, Louis, Charles, François, Paul, Michel, Jean-Louis, Étienne, Augustin,
    Baptiste, Alexis, Georges, Jacques, Desrosiers, Saint-Fleur, Noël, Simon, Toussaint, Célestin, Désir, Cadet,
    Estimé, Exantus, Fleurant, Lafleur, Laguerre, Lamour, Louissaint, Petit-Frère, Saintil, Thermidor, Vilsaint,
    Volcy, Mathurin, Philippe, Antoine, Julien, Jeune, Delva, Dorvil, Dumas, Élie, Félix, Fils-Aimé, Florestal,
    Guillaume, Hyppolite, Jean-Charles, Jean-Gilles, Jean-Philippe, Jean-Pierre, Jeudy, Joachim, Jules, Lamarre,
    Laurent, Léger, Lubin, Lucien, Marcelin, Métellus, Moïse, Nicolas, Pierre-Louis, Raymond, Régis, René, Richard,
    Saint-Louis, Saint-Jean, Sainvil, Similien, Thélusma, Théodore, Valcourt, Vincent, Altidor, Benjamin, Bien-Aimé,
    Blanc, Bruno, Calixte, Casimir, Chéry, Clermont, Compère, Dieujuste, Destin, Dorsainvil, Eugène, Fortuné,
    Germain, Gustave, Innocent, Jacob, Jean-Noël, Jérôme, Lamothe, Lindor, Mésidor, Milfort, Myrtil, Norélus, Obas,
    Prophète, Romain, Sanon, Séide, Sénat, Telfort, Thomas, Victor, Ulysse, Zamor
""")

# Spanish names common all over Central America and the Caribbean, most common first: each country's
# pool puts its own most common names before them (José and Santos in Honduras, José Gregorio and
# Yorman in Venezuela, Yoandri and Lázaro in Cuba, Maya given and family names in Guatemala).
_SPANISH_M = """
    José, Juan, Luis, Carlos, Jorge, Miguel, Pedro, Jesús, Francisco, Antonio, Manuel, David, Daniel, Mario, Óscar,
    Víctor, Rafael, Ángel, Alejandro, Fernando, Ricardo, Roberto, Eduardo, Javier, Julio, Raúl, Sergio, Héctor,
    Andrés, Diego, Pablo, Ramón, Alberto, Enrique, Rubén, Hugo, Arturo, Gustavo, Martín, Nelson, Orlando, Rigoberto,
    Santiago, Sebastián, Gabriel, Cristian, Edwin, Edgar, Henry, Kevin, Jonathan, Jairo, Wilson, Fredy, Franklin,
    Gerardo, Gilberto, Guillermo, Ignacio, Israel, Jaime, Joel, Josué, Leonardo, Lorenzo, Marcos, Mauricio, Moisés,
    Omar, Osvaldo, René, Reinaldo, Rolando, Samuel, Saúl, Tomás, Ulises, Vicente, Walter, Wilmer, Álvaro, Armando,
    Benjamín, Camilo, César, Domingo, Efraín, Elías, Emilio, Ernesto, Esteban, Félix, Felipe, Gonzalo, Isaac, Iván,
    Joaquín, Julián, Nicolás, Noé, Abel, Adrián, Agustín, Alexander, Alfredo, Darwin, Erick, Fabián, Hernán,
    Humberto, Marlon, Milton, Ronald, Santos, Teodoro, Wilfredo
"""
_SPANISH_F = """
    María, Ana, Rosa, Carmen, Laura, Sandra, Patricia, Gabriela, Daniela, Andrea, Carolina, Claudia, Mónica, Sofía,
    Valeria, Paola, Diana, Adriana, Alejandra, Ángela, Elena, Isabel, Lucía, Marta, Silvia, Teresa, Verónica, Natalia,
    Paula, Camila, Karla, Jessica, Leticia, Lorena, Miriam, Norma, Olga, Yolanda, Beatriz, Gloria, Irma, Julia,
    Juana, Liliana, Margarita, Mercedes, Noemí, Raquel, Rocío, Susana, Alicia, Blanca, Cristina, Dolores, Esperanza,
    Fernanda, Guadalupe, Josefina, Luz, Marisol, Nancy, Reina, Sara, Victoria, Vanessa, Wendy, Yesenia, Ana María,
    María José, María Fernanda, Rosa María, María Elena, Esther, Estela, Fátima, Flor, Inés, Lidia, Marina, Milagros,
    Pamela, Ruth, Tania, Elizabeth, Jennifer, Kimberly, Katherine, Evelyn, Nicole, Ingrid, Jacqueline, Judith,
    Karina, Mayra, Melissa, Rebeca, Rosario, Sonia
"""
_SPANISH_FAMILY = """
    García, Hernández, López, Martínez, Rodríguez, González, Pérez, Sánchez, Ramírez, Cruz, Flores, Gómez, Díaz,
    Reyes, Morales, Torres, Rivera, Castillo, Ramos, Ortiz, Vásquez, Romero, Gutiérrez, Mendoza, Álvarez, Ruiz,
    Chávez, Jiménez, Moreno, Fernández, Herrera, Medina, Aguilar, Castro, Vargas, Rojas, Guzmán, Muñoz, Suárez,
    Salazar, Méndez, Contreras, Soto, Domínguez, Silva, Núñez, Espinoza, Guerrero, Molina, Ortega, Delgado, Cabrera,
    Campos, Vega, Figueroa, Fuentes, Carrillo, León, Navarro, Cortés, Acosta, Sandoval, Rosales, Lara, Valdez,
    Orellana, Velásquez, Pineda, Ayala, Estrada, Solís, Zúniga, Arias, Padilla, Miranda, Rivas, Cárdenas, Ríos,
    Mejía, Calderón, Benítez, Maldonado, Cano, Peña, Marín, Córdova, Montes, Paredes, Villalobos, Barrios, Escobar,
    Ponce, Quintero, Santos, Alvarado, Bonilla, Cordero, Duarte, Fonseca, Hidalgo, Lozano, Luna, Mora, Olivares,
    Osorio, Pacheco, Palacios, Quiroz, Rangel, Robles, Rubio, Salinas, Serrano, Sosa, Tapia, Toledo, Trejo,
    Valencia, Vera, Villanueva, Zamora, Ávila, Bermúdez, Durán, Galindo, Guevara, Lemus, Montoya, Ochoa, Paz, Sierra
"""
HONDURAN_M = _pool("""
    José, Juan, Carlos, Luis, José Luis, Jorge, Kevin, Marvin, Óscar, Wilmer, Josué, Brayan, Juan Carlos, Francisco,
    Mario, Santos, Miguel, Edwin, Nelson, Elvin, Wilson, Denis, Darwin, Selvin, Olvin, Mauricio, Fredy, Dany, Héctor,
    Edgardo, Allan, Osman, Lester, Nery, Melvin, Walter, Cristian, Jonathan, Franklin, Orlin, Wilfredo, Rony,
    Henry, Eduardo, Víctor, José Ángel, José Antonio, Juan José, Ángel, Reynaldo, Jairo, Elmer, Anderson, Yoni
""", _SPANISH_M)
HONDURAN_F = _pool("""
    María, Ana, Rosa, Karla, Dania, Yesenia, Sofía, Gabriela, Dayana, Lesly, Sandra, Carmen, Suyapa, María José,
    Reina, Wendy, Nancy, Glenda, Iris, Kenia, Lourdes, Marlen, Daysi, Yolanda, Jessica, Ingrid, Alejandra, Cindy,
    Heidy, Jennifer, Kimberly, Dilcia, Lilian, Brenda, Evelyn, Ana Julia, Nohemy, Keila, Vilma, Digna, Sulma
""", _SPANISH_F)
HONDURAN_FAMILY = _pool("""
    Hernández, López, Martínez, Rodríguez, García, Mejía, Flores, Reyes, Cruz, Zelaya, Sánchez, Gómez, Pérez,
    Ramírez, Castro, Aguilar, Rivera, Banegas, Maradiaga, Murillo, Ordóñez, Lagos, Mendoza, Vásquez, Bonilla, Molina,
    Paz, Sosa, Pineda, Amador, Osorto, Matute, Cálix, Fúnez, Lanza, Alvarado, Euceda, Valladares, Rosales, Andino,
    Argueta, Espinal, Velásquez, Barahona, Discua, Padilla, Ponce, Sierra, Varela
""", _SPANISH_FAMILY)
SALVADORAN_M = _pool("""
    José, Juan, Carlos, Luis, Mario, Óscar, René, Edwin, Nelson, José Antonio, Juan Carlos, Francisco, Jorge,
    Miguel Ángel, Manuel, Roberto, Salvador, Rafael, Wilfredo, Douglas, Walter, Ever, Kevin, Josué, Jonathan, Erick,
    Rigoberto, Julio César, Marvin, Fredy, Santos, William, Edgar, Elmer, Giovanni, Milton, Ronald, Rolando,
    Mauricio, Dagoberto, Ismael, Herbert, Wilber, Franklin, Moisés, Nelson Antonio, José Roberto
""", _SPANISH_M)
SALVADORAN_F = _pool("""
    María, Ana, Rosa, Marta, Xiomara, Carmen, Glenda, Ana María, María Elena, Reina, Sandra, Sonia, Blanca, Roxana,
    Jessica, Karla, Katherine, Yesenia, Wendy, Alejandra, Claudia, Lorena, Evelyn, Gabriela, Cecilia, Patricia,
    Silvia, Delmy, Yanira, Jaqueline, Marisol, Iris, Esmeralda, Fátima, Kenia, Beatriz, Elsy, Dinora, Guadalupe,
    Morena, Rosa Elena, Ana Gladys
""", _SPANISH_F)
SALVADORAN_FAMILY = _pool("""
    Hernández, Martínez, López, García, Rodríguez, Flores, Ramírez, Rivera, Pérez, González, Portillo, Alvarenga,
    Mejía, Cruz, Sánchez, Romero, Reyes, Guardado, Orellana, Menjívar, Quintanilla, Argueta, Escobar, Ayala,
    Henríquez, Aguilar, Chávez, Vásquez, Guevara, Lemus, Molina, Marroquín, Rosales, Serrano, Ventura, Alfaro,
    Amaya, Bonilla, Campos, Cornejo, Escalante, Fuentes, Galdámez, Linares, Melgar, Miranda, Mendoza, Palacios,
    Recinos, Renderos, Solórzano, Villalta, Zelaya
""", _SPANISH_FAMILY)
GUATEMALAN_M = _pool("""
    Juan, José, Pedro, Luis, Carlos, Francisco, Miguel, Manuel, Diego, Byron, Cristian, Edgar, Marvin, Elmer,
    Domingo, Sebastián, Tomás, Mateo, Gaspar, Baltazar, Lorenzo, Andrés, Marcos, Nicolás, Santiago, Cristóbal,
    Esteban, Felipe, Pascual, Jacinto, Juan Carlos, Erick, Wilson, Óscar, Otto, Mynor, Selvin, Hugo, Rolando, Fredy,
    Walter, Edwin, Kevin, Brandon, Henry, Rony, Estuardo, Julio, Sergio, Mario, Rigoberto, Santos, Alberto
""", _SPANISH_M)
GUATEMALAN_F = _pool("""
    María, Juana, Ana, Rosa, Catarina, Magdalena, Petrona, Francisca, Manuela, Micaela, Olga, Brenda, Heidy, Lucía,
    Sandra, Gladys, Ingrid, Karla, Mayra, Marta, Elvira, Sonia, Vilma, Aura, Dora, Floridalma, Gabriela, Jennifer,
    Kimberly, Wendy, Silvia, Lesbia, Mirna, Telma, Candelaria, Tomasa, Sebastiana, Dominga, Cristina, Isabel,
    Andrea, Paola, Rosa María, Ana Lucía
""", _SPANISH_F)
GUATEMALAN_FAMILY = _pool("""
    López, García, Pérez, Hernández, González, Rodríguez, Morales, Martínez, Ramírez, Méndez, Gómez, Juárez,
    Castillo, Chávez, Ramos, Cruz, Xol, Caal, Choc, Coc, Pop, Tzul, Cuc, Ajcalón, Tiul, Bol, Chub, Tun, Chen, Ixcoy,
    Cux, Quiej, Sic, Yat, Tzoc, Batz, Cojtí, Ajanel, Ixcot, Tum, Chiquín, Maquín, Cac, Ical, Velásquez, Orozco,
    Barrios, Estrada, Monzón, Recinos, Cifuentes, Ordóñez, Mazariegos, De León, Vásquez
""", _SPANISH_FAMILY)
VENEZUELAN_M = _pool("""
    José, Luis, Carlos, Jesús, José Luis, Juan, José Gregorio, Daniel, Alejandro, Miguel, Ángel, Pedro, Jhonny,
    Yorman, Yeferson, Jorge, Rafael, Juan Carlos, Carlos Eduardo, Luis Miguel, José Antonio, Víctor, Ricardo,
    Eduardo, Anderson, Jonathan, Kelvin, Leonardo, Gabriel, Andrés, Manuel, Oswaldo, Freddy, Franklin, Richard,
    Johan, Wilmer, Deivis, Eliécer, Darwin, Jhon, Yoel, Ender, Yeison, Jhoan, Keiber, Luis Alberto, Jesús Alberto,
    Argenis, Wilfredo, Yonathan, Albert, Alexis, Douglas
""", _SPANISH_M)
VENEZUELAN_F = _pool("""
    María, Carmen, Ana, María Alejandra, María Gabriela, Génesis, Andreína, Daniela, Yusmary, Yuleisy, Mariangel,
    Luisa, Yelitza, Yenny, Yolimar, Marisela, Rosa, Gabriela, Alejandra, Carolina, Milagros, Dayana, Oriana,
    Valentina, Isabel, Josefina, Zuleima, Yasmín, Mariela, Lisbeth, Roxana, Nathaly, Yoselin, Johana, Erika,
    María José, María Fernanda, Yaritza, Yajaira, Yurimar, Maryori, Neida, Elizabeth, Anabel
""", _SPANISH_F)
VENEZUELAN_FAMILY = _pool("""
    González, Rodríguez, Pérez, Hernández, García, Martínez, López, Sánchez, Ramírez, Rojas, Díaz, Torres, Gómez,
    Contreras, Suárez, Mendoza, Rivas, Colmenares, Briceño, Chacón, Zambrano, Guerrero, Marcano, Bello, Carrasquel,
    Medina, Silva, Moreno, Ramos, Morales, Gil, Flores, Castillo, Blanco, Acosta, Álvarez, Romero, Sosa, Salazar,
    Herrera, Vargas, Parra, Mora, Quintero, Pacheco, Urdaneta, Montilla, Linares, Betancourt, Graterol, Escalona,
    Arteaga, Camacho, Lugo, Márquez, Ochoa, Perdomo, Piña, Rondón, Toro, Uzcátegui, Villegas, Yépez, Albarrán,
    Durán, Figueroa, Guzmán, Fernández, Rincón, Aponte
""", _SPANISH_FAMILY)
CUBAN_M = _pool("""
    José, Juan, Carlos, Luis, Jorge, Yoandri, Alexei, Yunior, Reinier, Osmany, Leandro, Yoel, Yosvany, Yasmany,
    Yordanis, Yusniel, Dairon, Yoelvis, Alain, Adrián, Alejandro, Ernesto, Raúl, Reynaldo, Pedro, Roberto, Eduardo,
    Frank, Maikel, Michel, Yordan, Yasiel, Yadier, Yoan, Yulieski, Alexis, Orlando, Ariel, Lázaro, Rolando, Yaniel,
    Javier, Rafael, Luis Alberto, Juan Carlos, Ángel, Manuel, Ramón, Héctor, Leonel, Yuri, Vladimir, Iván, Boris,
    Yandy, Yunieski, Eliecer, Duniesky, Yoenis, Roilán
""", _SPANISH_M)
CUBAN_F = _pool("""
    María, Yanelis, Dayami, Yuliet, Lisandra, Yoania, Yamilé, Yudit, Yaquelín, Yanet, Yaima, Yamila, Yusleidy,
    Yaneisy, Yarisley, Yailín, Dayana, Dianelys, Lianet, Lisbet, Mayelín, Odalys, Yaritza, Yenisey, Yunaisy,
    Anisley, Ana, Carmen, Marta, Rosa, Teresa, Mercedes, Isabel, Elena, Leticia, Niurka, Mayra, Magalys, Marlene,
    Gisela, Idania, Ileana, Maritza, Mirta, Tania, Yolanda, Zoila, Arelys, Yurisleidy, Daimí, Yordanka
""", _SPANISH_F)
CUBAN_FAMILY = _pool("""
    Rodríguez, González, Pérez, Hernández, García, Fernández, López, Díaz, Martínez, Sánchez, Álvarez, Ramírez,
    Gómez, Castillo, Torres, Cruz, Reyes, Ramos, Leyva, Batista, Cabrera, Rivero, Suárez, Peña, Vázquez, Morales,
    Delgado, Fonseca, Ortiz, Guerra, Milián, Almeida, Herrera, Acosta, Rojas, Hidalgo, Castro, Medina, Noa, Ávila,
    Valdés, Quintana, Pupo, Zayas, Betancourt, Mesa, Marrero, Lorenzo, Benítez, Hechavarría, Labrada, Moya, Pedroso,
    Rosabal, Tamayo, Velázquez, Aguilera, Alonso, Arias, Despaigne, Góngora, Infante, Laffita, Maceo, Ochoa,
    Palacio, Sarmiento, Tejeda, Viera, Vega, Zamora, Machado, Mora, Molina, Naranjo, Pino
""", _SPANISH_FAMILY)
# Afghans: compound given names (Abdul …, … -ullah) and family names from tribes, places and fathers.
AFGHAN_M = _pool("""
    Mohammad, Ahmad, Abdul, Ali, Sayed, Abdullah, Hamid, Rahim, Farid, Naweed, Mahmood, Hussain, Hassan, Mustafa,
    Jawad, Karim, Rahmatullah, Hamidullah, Najibullah, Habibullah, Ahmad Shah, Gul Ahmad, Abdul Rahman, Abdul Wahid,
    Abdul Qadir, Abdul Ghafar, Abdul Basir, Abdul Hadi, Abdul Malik, Abdul Samad, Abdul Hakim, Zabihullah,
    Samiullah, Ihsanullah, Asadullah, Ezatullah, Hayatullah, Khalilullah, Obaidullah, Rohullah, Safiullah,
    Shafiullah, Wahidullah, Nasir, Bashir, Jamil, Jamshid, Javid, Khalid, Mansoor, Masoud, Mujtaba, Murtaza, Nabi,
    Omid, Qasim, Rashid, Sharif, Shafiq, Sohrab, Sultan, Tariq, Waheed, Wali, Yasin, Yousuf, Zaher, Zia, Aziz,
    Baryalai, Daud, Fahim, Faisal, Fawad, Ghulam, Haroon, Hekmat, Idrees, Jalil, Kabir, Latif, Mirwais, Naqibullah,
    Noorullah, Rafi, Rasool, Reza, Sadiq, Saleem, Shakib, Shoaib, Sulaiman, Toryalai, Wasim, Yama, Zalmai, Zubair,
    Ajmal, Asif, Bilal, Hamza, Hedayat, Imran, Iqbal, Kamran, Mahdi, Najib
""")
AFGHAN_F = _pool("""
    Fatima, Zahra, Mariam, Masooma, Sakina, Zainab, Gulalai, Freshta, Parwana, Shabnam, Nargis, Marzia, Malalai,
    Nilofar, Farzana, Halima, Khadija, Laila, Mahbooba, Maliha, Marwa, Mina, Mursal, Muzhgan, Nadia, Nasima, Nazifa,
    Nooria, Palwasha, Rahima, Rabia, Roya, Sahar, Saima, Salma, Samira, Shakila, Shazia, Sharifa, Shukria, Sima,
    Soraya, Tahmina, Wahida, Yalda, Zarghona, Zarmina, Zohra, Zuhal, Arzo, Aziza, Basira, Benafsha, Farida, Fariba,
    Fawzia, Gulnaz, Homa, Hosai, Kubra, Latifa, Lida, Mahnaz, Manizha, Marjan, Masuda, Nafisa, Najiba, Nasrin, Nazia,
    Parisa, Qudsia, Rahila, Razia, Robina, Rukhsar, Sadaf, Sabira, Shirin, Simin, Sodaba, Tamana, Wazhma, Zakia,
    Zarifa, Frozan, Hila, Husna, Mahtab, Mehria
""")
AFGHAN_FAMILY = _pool("""
    Ahmadi, Mohammadi, Rahimi, Hussaini, Karimi, Hakimi, Amiri, Sultani, Noori, Haidari, Rezaie, Hashimi, Sadat,
    Azizi, Habibi, Jafari, Akbari, Rahmani, Hamidi, Sharifi, Nazari, Qaderi, Safi, Stanekzai, Ahmadzai, Popalzai,
    Wardak, Niazi, Mangal, Zadran, Jalali, Hotak, Durrani, Barakzai, Alizai, Yousufzai, Kakar, Achakzai, Samadi,
    Rasuli, Naseri, Faizi, Ghafoori, Mohseni, Yaqubi, Sarwari, Nabizada, Hassanzada, Ahmadzada, Mirzaei, Sediqi,
    Mosawi, Hosseini, Alokozai, Amin, Azimi, Bahrami, Danish, Ebrahimi, Ghani, Hamdard, Kabiri, Khan, Khalili,
    Mojadidi, Nawabi, Omari, Osmani, Qureshi, Rahmati, Rashidi, Saberi, Sahak, Salehi, Shinwari, Taheri, Wahidi,
    Wali, Waziri, Zahiri, Zaki, Zazai, Logari, Kohistani, Panjshiri, Herawi, Kabuli, Balkhi, Badakhshi, Ghaznawi,
    Mohmand, Shirzad, Frotan, Amini, Jawadi, Nasiri, Samim, Zamani, Qarizada, Haqjo, Sadiqi, Yusufi
""")
# Bangladeshi men's names as the passport writes them (Mohammad, not the abbreviation Md.); Akter,
# Begum and Khatun are women's second names, not family names a child takes, so not in the family pool.
BANGLADESHI_M = _pool("""
    Mohammad, Abdul, Rafiqul, Aminul, Shahidul, Saiful, Mizanur, Habibur, Anisur, Mahbubur, Mostafizur, Kamrul,
    Monirul, Shafiqul, Nazrul, Jahangir, Alamgir, Kamal, Jamal, Rahim, Karim, Hasan, Hossain, Shakil, Sohel, Rubel,
    Faruk, Rashed, Masud, Mamun, Sajib, Rasel, Rakib, Rana, Sumon, Imran, Mostafa, Ripon, Liton, Babul, Jewel,
    Shamim, Tanvir, Arif, Alam, Rafiq, Shahin, Jahid, Abul, Motaleb, Abdullah, Abu Bakar, Ashraful, Atiqur, Azizul,
    Delwar, Emon, Enamul, Fazlul, Golam, Harun, Helal, Humayun, Iqbal, Ismail, Jahirul, Jashim, Kabir, Khalil,
    Lutfor, Mahmud, Mizan, Moniruzzaman, Mosharraf, Nurul, Obaidul, Raju, Ruhul, Sabbir, Sadek, Saidul, Selim,
    Shahjahan, Shariful, Shohag, Sujon, Tarek, Yusuf, Zahid, Zakir, Ziaur, Akash, Anwar, Aslam, Biplob, Dulal,
    Faisal, Habib, Hanif, Hridoy, Jalal, Kawsar, Mahfuz, Milon, Monir, Nayon, Palash, Rony, Sagor, Shanto, Shuvo,
    Ujjal, Apu, Tapan, Sujit
""")
BANGLADESHI_F = _pool("""
    Nasrin, Shirin, Rokeya, Taslima, Fahima, Fatema, Rehana, Shahnaz, Nasima, Salma, Rina, Shilpi, Ruma, Popy, Sathi,
    Mitu, Jesmin, Rozina, Sharmin, Hasina, Khadiza, Ayesha, Sultana, Parvin, Rahima, Rashida, Shahida, Hamida,
    Jahanara, Laila, Lipi, Moushumi, Nazma, Nupur, Papia, Rabeya, Rumana, Sabina, Shapla, Shamima, Sheuli, Sumaiya,
    Tania, Tahmina, Yasmin, Afroza, Akhi, Amena, Anjuman, Asma, Beauty, Bilkis, Dilruba, Farzana, Ferdousi, Halima,
    Ismat, Jannatul, Jharna, Josna, Kohinoor, Lucky, Mahmuda, Maksuda, Marium, Monowara, Mukta, Munni, Nadia,
    Naznin, Nilufa, Nusrat, Parul, Sadia, Sahana, Selina, Shefali, Shikha, Sonia, Sumi, Suraiya, Tanjila, Tasnim,
    Urmi, Mim, Riya, Purnima, Anjali
""")
BANGLADESHI_FAMILY = _pool("""
    Islam, Hossain, Rahman, Ahmed, Uddin, Ali, Miah, Khan, Alam, Haque, Sarker, Sheikh, Molla, Mondal, Talukder,
    Bhuiyan, Howlader, Sikder, Mridha, Biswas, Chowdhury, Kabir, Karim, Hasan, Mahmud, Akand, Ansari, Bepari, Dewan,
    Fakir, Gazi, Jamadar, Kazi, Khandaker, Majumder, Matubbar, Munshi, Patwary, Pramanik, Rana, Sardar, Siddique,
    Sobhan, Mostafa, Kamal, Zaman, Bari, Aziz, Babu, Sarkar, Hoque,
    Hussain, Rashid, Sultan, Imam, Jahan, Latif, Mannan, Noor, Quader, Razzak, Salam,
    Shah, Siddiqui, Wadud, Habib, Hakim, Helal, Kibria, Mahbub, Mamun, Nabi, Rabbani, Sattar, Tarafder, Das,
    Roy, Paul, Saha, Ghosh, Dey, Sen, Barua, Nath, Mazumder, Bhowmik, Sil, Shil
""")
# Congolese: French and biblical given names, Lingala and Swahili ones (Neema, Furaha), and family
# names of the Kasai, Katanga, Kongo and Kivu peoples.
CONGOLESE_M = _pool("""
    Jean-Pierre, Patrick, Christian, Dieudonné, Héritier, Glody, Jonathan, Joël, Trésor, Blaise, Fiston, Junior,
    Papy, Serge, Didier, Jean-Claude, Jean-Paul, Jean-Marie, Pascal, Olivier, Guy, Gloire, Bienvenu, Espoir, Exaucé,
    Prince, Christophe, Emmanuel, Joseph, Daniel, David, Moïse, Josué, Samuel, Élie, Gédéon, Israël, Jacques,
    Jérémie, Benjamin, Éric, Alain, Albert, Arsène, Cédric, Chadrack, Fabrice, Franck, Freddy, Gaston, Innocent,
    Jérôme, Kevin, Landry, Laurent, Marcel, Nathan, Nicolas, Richard, Roger, Rodrigue, Thierry, Baraka, Amani,
    Kambale, Kasereka, Paluku, Muhindo, Mumbere, Kakule, Katembo, Justin, Deo, Pierre, Paul, Jean, Augustin,
    Bertrand, Célestin, Clément, Dany, Faustin, Félix, Georges, Hubert, Isaac, Jules, Léon, Lucien, Mathieu,
    Michel, Noël, Placide, Sylvain, Victor, Yannick, Zacharie, Jean-Baptiste, Bahati
""")
CONGOLESE_F = _pool("""
    Grâce, Esther, Rachel, Chantal, Neema, Furaha, Merveille, Gloria, Bénédicte, Divine, Sarah, Ruth, Déborah,
    Anuarite, Mamie, Nathalie, Francine, Jeanne, Marie, Béatrice, Christelle, Germaine, Joséphine, Julienne, Aimée,
    Angélique, Annie, Arlette, Chancelle, Dorcas, Élodie, Espérance, Fanny, Gisèle, Huguette, Irène, Joëlle, Jolie,
    Léonie, Lydia, Madeleine, Naomie, Patience, Prisca, Rebecca, Rose, Sandrine, Solange, Vanessa, Victorine,
    Yvette, Zawadi, Imani, Riziki, Upendo, Sifa, Tumaini, Kavira, Masika, Kahindo, Mapendo, Faida, Nsimire,
    Bahati, Consolata, Elisabeth, Fifi, Gracia, Hélène, Josiane, Louise, Marthe, Monique, Mireille, Odette,
    Pauline, Sylvie, Thérèse, Véronique, Clarisse, Dorothée, Jeannette, Nadine, Priscille, Ornella, Exaucée,
    Miriam, Nelly, Rosine, Tabitha
""")
CONGOLESE_FAMILY = _pool("""
    Mukendi, Ilunga, Kabongo, Tshimanga, Mbuyi, Kasongo, Kalala, Mulumba, Ngoy, Tshibangu, Mutombo, Kabeya,
    Lukusa, Kalonji, Kazadi, Kanku, Mpoyi, Ntumba, Banza, Mwamba, Kayembe, Kitenge, Mbombo, Mukuna, Nkulu, Numbi,
    Tshilumba, Tshiamala, Mbala, Nzuzi, Lumbala, Mbayo, Lubamba, Kabila, Tshisekedi, Makiese, Nsimba, Mavinga,
    Matondo, Lusamba, Masamba, Mbemba, Nlandu, Luzolo, Makengo, Bokungu, Bosenge, Bolamba, Mokonzi, Likunde, Lokwa,
    Bahati, Amisi, Bisimwa, Bashige, Cirhuza, Mushagalusa, Bahizire, Birindwa, Mugisho, Murhula, Balagizi,
    Kambale, Kasereka, Paluku, Muhindo, Mumbere, Kakule, Katembo, Mbusa, Kahindo, Kavira, Masika, Nsenga, Kalombo,
    Kapinga, Kasanda, Kashala, Katanga, Kibambe, Lunda, Mbiya, Mpiana, Mujinga, Musau, Mutamba, Mwanza, Ngalula,
    Nkongolo, Ntambwe, Nyembo, Tambwe, Tshiala, Umba, Bakajika, Bukasa, Kalambay, Kanyinda, Lokangu, Makuta,
    Mayamba, Mbaya, Ngandu, Nkashama
""")
# Cameroonians: French given names in the south, Fulbe and Muslim names in the north, English names
# in the north-west and south-west; Beti, Bamileke, Duala, northern and anglophone family names.
CAMEROONIAN_M = _pool("""
    Paul, Emmanuel, Jean, Joseph, Boris, Junior, Hervé, Franck, Pierre, Martin, André, Éric, Patrick, Christian,
    Serge, Alain, Yannick, Rodrigue, Landry, Arnaud, Cédric, Thierry, Olivier, Stéphane, Ibrahim, Aboubakar, Moussa,
    Hamadou, Oumarou, Abdoulaye, Issa, Samuel, Daniel, Joël, Brice, Guy, Fabrice, Valentin, Blaise, Ferdinand,
    Roger, Rostand, Steve, Franklin, Bertrand, Christophe, Didier, Francis, Georges, Gilbert, Jacques, Jules,
    Kevin, Marcel, Maurice, Michel, Parfait, Raoul, Simon, Sylvain, Vincent, Wilfried, William, Achille, Aimé,
    Armel, Aurélien, Bienvenu, Cyrille, Dieudonné, Fidèle, Divine, Clinton, Collins, Derick, Elvis, Prince, Nelson,
    Godlove, Ebenezer, Jean-Marie, Jean-Pierre, Jean-Claude, Hamidou, Alim, Bouba, Adamou, Alioum, Mohamadou,
    Hayatou, Bello, Salomon, Théodore, Vivien, Gaël, Ulrich, Loïc, Brandon, Ghislain
""")
CAMEROONIAN_F = _pool("""
    Marie, Brigitte, Carine, Mireille, Laure, Estelle, Christelle, Sandrine, Nadège, Francine, Odile, Pauline,
    Véronique, Yvonne, Gisèle, Josiane, Rosine, Clarisse, Patricia, Linda, Vanessa, Stéphanie, Aïcha, Hadiza,
    Fadimatou, Aminatou, Ramatou, Hawaou, Mariam, Béatrice, Cécile, Chantal, Danielle, Flore, Hortense,
    Jacqueline, Jeanne, Joséphine, Judith, Larissa, Lydie, Madeleine, Marthe, Murielle, Nathalie, Nicole, Prisca,
    Raïssa, Rachel, Rose, Solange, Sylvie, Thérèse, Viviane, Grace, Blessing, Gladys, Mercy, Comfort, Precious,
    Brenda, Marie-Claire, Marie-Thérèse, Anne, Armelle, Aurélie, Berthe, Carole, Doris, Édith, Élise, Fabiola,
    Ginette, Hélène, Irène, Joëlle, Ketsia, Léontine, Lucienne, Martine, Micheline, Nadine, Olive, Pélagie,
    Régine, Sabine, Tatiana, Yolande, Zénabou, Adama, Maïmouna, Oumou, Dorothy, Juliet, Mabel, Glory
""")
CAMEROONIAN_FAMILY = _pool("""
    Nkoulou, Mbarga, Atangana, Onana, Fotso, Ngono, Essomba, Kamga, Tchoupo, Mbida, Ndongo, Owona, Abena, Ateba,
    Eyenga, Manga, Mvondo, Ngah, Nkodo, Noah, Ondoa, Tsala, Zambo, Fouda, Mballa, Messi, Ndzana, Nguema, Kamdem,
    Tchoua, Tagne, Nana, Djoumessi, Kengne, Kuate, Talla, Tchinda, Wamba, Fokou, Feudjio, Nguemo, Tchakounte, Simo,
    Tchamba, Kenfack, Tsague, Yemeli, Tientcheu, Ngoumou, Abdoulaye, Bouba, Hamadou, Oumarou, Moussa, Adamou,
    Aboubakar, Alioum, Mohamadou, Hayatou, Issa, Bello, Tabi, Ayuk, Enow, Tanyi, Ndip, Agbor, Besong, Eyong, Fru,
    Ngwa, Che, Nfor, Ngu, Tanko, Nji, Neba, Tambe, Tabe, Ashu, Njoya, Mfopit, Mouliom, Pefoura, Ekwalla, Din,
    Epee, Kotto, Doumbe, Ebongue, Ekambi, Moukoko, Ngando, Essola, Etoundi, Mebenga, Bilong, Ayissi, Bella, Edzoa,
    Ekani, Enama, Meka, Ndjana, Oyono, Amougou, Biloa
""")
GUINEAN_M = _pool("""
    Mamadou, Ibrahima, Alpha, Ousmane, Sékou, Thierno, Abdoulaye, Amadou, Boubacar, Mohamed, Alseny, Aboubacar,
    Lansana, Mamady, Souleymane, Oumar, Saïdou, Ismaël, Moussa, Fodé, Mory, Sory, Karamoko, Kabinet,
    Mohamed Lamine, Lamine, Aliou, Elhadj, Amadou Oury, Mamadou Saliou, Mamadou Diouldé, Mamadou Aliou,
    Mamadou Bailo, Mamadou Lamarana, Mamadou Alpha, Alhassane, Ibrahima Sory, Abdourahmane, Abdoul, Bakary,
    Ansoumane, Sidiki, Yaya, Facinet, Naby, Morlaye, Kerfalla, Sékouba, Seydouba, Daouda, Issiaga, Issa, Youssouf,
    Hassane, Mamadou Billo, Mamadou Cellou, Mamadou Dian, Mamadou Yaya, Thierno Amadou, Thierno Souleymane,
    Tidiane, Cellou, Djibril, Fodé Moussa, Habib, Idrissa, Kalil, Kandé, Laye, Lounceny, Mamadouba, Mohamed Saliou,
    Moctar, Mouctar, Oury, Saliou, Sayon, Siaka, Tafsir, Younoussa, Abou, Aly, Bangaly, Dian,
    Famoro, Fassou, Koly, Moriba, Pépé, Sâa, Faya, Tamba, Fallou
""")
GUINEAN_F = _pool("""
    Mariama, Fatoumata, Aïssatou, Kadiatou, Hawa, Mariam, Aminata, Oumou, Hadja, Fanta, Djénabou, Ramatoulaye,
    Adama, Aïcha, Binta, Dalanda, Djariou, Hadiatou, Kadidiatou, Mabinty, Makalé, Mamaissata, Nènè, Oumou Kalsoum,
    Saran, Sira, Safiatou, Tenin, Fatoumata Binta, Mariama Ciré, Fatoumata Diaraye, Assiatou, Halimatou, Kankou,
    Mahawa, Nanfadima, Salématou, Sayon, M'Mah, Massiré, Djeneba, Bountouraby, Fatoumata Bintou, Mariama Dalanda,
    Néné Aïssata, Hadja Mariama, Aissata, Bintou, Diaraye, Djiba, Habibatou, Hassanatou,
    Korka, Lamarana, Madeleine, Mamadama, Maïmouna, Mariatou, Minata, Nabintou, Ramata, Rouguiatou, Saïdatou,
    Fatou, Tiguidanké, Yarie, Zainab, Aminatou, Diénabou, Fatimatou, Hadjiratou, Kadidia,
    Oumou Hawa, Sadio, Finda, Marie, Sia, Yvonne, Kumba, Mariama Djouldé, Hadja Fatoumata, Néné Oumou,
    Salimatou
""")
GUINEAN_FAMILY = _pool("""
    Diallo, Barry, Bah, Sow, Camara, Condé, Keïta, Touré, Sylla, Soumah, Kouyaté, Cissé, Kaba, Traoré, Baldé,
    Sidibé, Doumbouya, Kourouma, Bangoura, Fofana, Konaté, Koné, Kanté, Diakité, Sangaré, Souaré, Dramé, Chérif,
    Haïdara, Tounkara, Kamano, Loua, Haba, Guilavogui, Koïvogui, Béavogui, Onivogui, Lamah, Zogbélémou, Millimono,
    Tolno, Kolié, Mara, Magassouba, Savané, Dioubaté, Diabaté, Samoura, Doumbia, Fadiga, Conté, Yansané, Soumaré,
    Kalissa, Sakho, Thiam, Sall, Dia, Ly, Tall, Kane, Ba, Wann, Diawara, Diané, Berété, Oularé, Bamba,
    Daffé, Dabo, Goumou, Kaké, Kébé, Komara, Kpoghomou, Mansaré, Nabé, Sacko, Sandouno, Soumaoro, Sovogui, Sy,
    Tinguiano, Yombouno, Zoumanigui
""")

# Ge'ez script (Amharic spelling for Ethiopian names, Tigrinya for Eritrean ones). A name without an
# entry is simply not written in script: the generator then gives no name_in_original_script.
GEEZ = {
    # Ethiopian men
    "Tesfaye": "ተስፋዬ", "Dawit": "ዳዊት", "Abebe": "አበበ", "Getachew": "ጌታቸው", "Solomon": "ሰሎሞን", "Yonas": "ዮናስ",
    "Haile": "ኃይሌ", "Kebede": "ከበደ", "Girma": "ግርማ", "Alemu": "ዓለሙ", "Lemma": "ለማ", "Mulugeta": "ሙሉጌታ",
    "Tekle": "ተክለ", "Mohammed": "መሐመድ", "Abdi": "አብዲ", "Ahmed": "አህመድ", "Kedir": "ከድር", "Jemal": "ጀማል",
    "Hussein": "ሁሴን", "Abdella": "አብደላ", "Bekele": "በቀለ", "Tadesse": "ታደሰ", "Ibrahim": "ኢብራሂም",
    "Gemechu": "ገመቹ", "Chala": "ጫላ", "Tolosa": "ቶሎሳ", "Bereket": "በረከት", "Dereje": "ደረጀ", "Fikadu": "ፍቃዱ",
    "Tamiru": "ታምሩ", "Tilahun": "ጥላሁን", "Mesfin": "መስፍን", "Ayele": "አየለ", "Asefa": "አሰፋ", "Worku": "ወርቁ",
    "Birhanu": "ብርሃኑ", "Abera": "አበራ", "Desta": "ደስታ", "Mekonnen": "መኮንን", "Hailu": "ኃይሉ", "Negash": "ነጋሽ",
    "Yohannes": "ዮሐንስ", "Daniel": "ዳንኤል", "Samuel": "ሳሙኤል", "Bayisa": "ባይሳ", "Fayisa": "ፋይሳ", "Lemi": "ለሚ",
    "Obsa": "ኦብሳ", "Guta": "ጉታ", "Tariku": "ታሪኩ", "Dejene": "ደጀኔ", "Boru": "ቦሩ", "Tola": "ቶላ", "Nuru": "ኑሩ",
    "Awol": "አወል", "Yusuf": "ዩሱፍ", "Ali": "አሊ", "Umer": "ዑመር", "Jibril": "ጅብሪል", "Redwan": "ረድዋን",
    "Mustefa": "ሙስጠፋ", "Siraj": "ሲራጅ", "Kemal": "ከማል", "Hassen": "ሀሰን", "Mengistu": "መንግሥቱ",
    "Kassahun": "ካሣሁን", "Shiferaw": "ሽፈራው", "Yared": "ያሬድ", "Henok": "ሄኖክ", "Biniam": "ቢንያም",
    "Ermias": "ኤርሚያስ", "Eyob": "ኢዮብ", "Nahom": "ናሆም", "Kaleb": "ካሌብ", "Wondimu": "ወንድሙ", "Zerihun": "ዘሪሁን",
    "Getu": "ጌቱ", "Habtamu": "ሀብታሙ", "Demeke": "ደመቀ", "Endale": "እንዳለ", "Temesgen": "ተመስገን", "Melaku": "መላኩ",
    "Tefera": "ተፈራ", "Tsegaye": "ፀጋዬ", "Yirga": "ይርጋ", "Zewdu": "ዘውዱ", "Belay": "በላይ", "Sisay": "ሲሳይ",
    "Abiy": "አብይ", "Teshome": "ተሾመ", "Wolde": "ወልዴ", "Kenenisa": "ቀነኒሳ", "Gudeta": "ጉደታ", "Debela": "ደበላ",
    "Tesema": "ተሰማ", "Kumsa": "ኩምሳ", "Bikila": "ቢቂላ", "Takele": "ታከለ", "Tewodros": "ቴዎድሮስ", "Fasil": "ፋሲል",
    "Shemsu": "ሸምሱ", "Anwar": "አንዋር", "Temam": "ተማም", "Asnake": "አስናቀ", "Gashaw": "ጋሻው", "Mamo": "ማሞ",
    "Tamrat": "ታምራት", "Adugna": "አዱኛ",
    # Ethiopian women
    "Tigist": "ትዕግስት", "Almaz": "አልማዝ", "Hiwot": "ሕይወት", "Selam": "ሰላም", "Meseret": "መሰረት",
    "Fatuma": "ፋጡማ", "Amina": "አሚና", "Kedija": "ከድጃ", "Chaltu": "ጫልቱ", "Zeyneb": "ዘይነብ", "Mekdes": "መቅደስ",
    "Aster": "አስቴር", "Genet": "ገነት", "Birtukan": "ብርቱካን", "Tsehay": "ፀሐይ", "Lensa": "ለንሳ", "Ayantu": "አያንቱ",
    "Bontu": "ቦንቱ", "Hayat": "ሀያት", "Semira": "ሰሚራ", "Bethlehem": "ቤተልሔም", "Eyerusalem": "ኢየሩሳሌም",
    "Abeba": "አበባ", "Meron": "ሜሮን", "Hana": "ሐና", "Sara": "ሳራ", "Marta": "ማርታ", "Rahel": "ራሔል",
    "Helen": "ሄለን", "Tsion": "ጽዮን", "Mulu": "ሙሉ", "Zewditu": "ዘውዲቱ", "Yeshi": "የሺ", "Alem": "ዓለም",
    "Gete": "ጌጤ", "Workinesh": "ወርቅነሽ", "Tsige": "ጽጌ", "Mahlet": "ማህሌት", "Liya": "ሊያ", "Kidist": "ቅድስት",
    "Selamawit": "ሰላማዊት", "Hirut": "ሂሩት", "Emebet": "እመቤት", "Frehiwot": "ፍሬሕይወት", "Tirunesh": "ጥሩነሽ",
    "Zenebech": "ዘነበች", "Askale": "አስካለ", "Lemlem": "ለምለም", "Azeb": "አዜብ", "Elsa": "ኤልሳ", "Ruth": "ሩት",
    "Yordanos": "ዮርዳኖስ", "Eden": "ኤደን", "Nardos": "ናርዶስ", "Halima": "ሀሊማ", "Hawa": "ሀዋ",
    "Meskerem": "መስከረም", "Fikirte": "ፍቅርተ", "Aberash": "አበራሽ", "Tsega": "ጸጋ", "Nigist": "ንግሥት",
    "Feven": "ፌቨን", "Mariam": "ማርያም", "Abebech": "አበበች", "Meselech": "መሰለች", "Ayelech": "አየለች",
    "Amarech": "አማረች", "Tadelech": "ታደለች", "Shitaye": "ሽታዬ", "Beletech": "በለጠች", "Misrak": "ምሥራቅ",
    "Rediet": "ረድኤት", "Sosina": "ሶሲና", "Tsedale": "ፀዳለ", "Haregewoin": "ሐረገወይን", "Alemitu": "ዓለሚቱ",
    "Aynalem": "ዓይናለም", "Muna": "ሙና", "Nejat": "ነጃት", "Rukiya": "ሩቂያ", "Zemzem": "ዘምዘም", "Sumeya": "ሱመያ",
    "Ikram": "ኢክራም", "Nafisa": "ነፊሳ",
    # Eritrean men
    "Mehari": "መሓሪ", "Habtom": "ሃብቶም", "Kidane": "ኪዳነ", "Amanuel": "ኣማኑኤል", "Filmon": "ፊልሞን",
    "Berhane": "ብርሃነ", "Goitom": "ጎይቶም", "Merhawi": "መርሃዊ", "Ghebremedhin": "ገብረመድህን", "Tesfalem": "ተስፋኣለም",
    "Robel": "ሮቤል", "Semere": "ሰመረ", "Mussie": "ሙሴ", "Tesfay": "ተስፋይ", "Tesfamariam": "ተስፋማርያም",
    "Kiflom": "ክፍሎም", "Kibrom": "ክብሮም", "Abraham": "ኣብርሃም", "Aron": "ኣሮን", "Efrem": "ኤፍሬም",
    "Mikael": "ሚካኤል", "Tewelde": "ተወልደ", "Tekeste": "ተኸስተ", "Zerai": "ዘርኣይ", "Yemane": "የማነ",
    "Yosief": "ዮሴፍ", "Natnael": "ናትናኤል", "Aman": "ኣማን", "Mebrahtu": "መብራህቱ", "Measho": "መኣሾ",
    "Asmerom": "ኣስመሮም", "Araya": "ኣርኣያ", "Ghirmay": "ግርማይ", "Okbay": "ዑቕባይ", "Woldu": "ወልዱ",
    "Ghebrehiwet": "ገብረሂወት", "Ghebreyesus": "ገብረየሱስ", "Hagos": "ሓጎስ", "Berhe": "በርሀ", "Kahsay": "ካሕሳይ",
    "Tsegay": "ጸጋይ", "Andom": "ኣንዶም", "Fitsum": "ፍጹም", "Hailemariam": "ሃይለማርያም", "Kesete": "ከሰተ",
    "Medhanie": "መድሃኔ", "Negassi": "ነጋሲ", "Russom": "ሩሶም", "Simon": "ስምኦን", "Tedros": "ቴድሮስ",
    "Teame": "ተኣመ", "Tekie": "ተኪኤ", "Tesfit": "ተስፊት", "Weldemichael": "ወልደሚካኤል", "Yakob": "ያዕቆብ",
    "Zekarias": "ዘካርያስ", "Abel": "ኣቤል", "Awet": "ኣወት", "Elias": "ኤልያስ", "Ghebru": "ገብሩ", "Mogos": "ሞጎስ",
    "Mehretab": "ምሕረትኣብ", "Idris": "እድሪስ", "Osman": "ዑስማን", "Saleh": "ሳልሕ", "Omar": "ዑመር",
    "Mahmud": "መሕሙድ", "Adem": "ኣደም", "Abdu": "ዓብዱ", "Tesfamichael": "ተስፋሚካኤል", "Isaak": "ይስሓቅ",
    "Sirak": "ሲራክ", "Senay": "ሰናይ", "Tekleab": "ተኽለኣብ", "Teklit": "ተኽሊት", "Temesghen": "ተመስገን",
    "Samson": "ሳምሶን", "Eyasu": "ኢያሱ", "Habte": "ሃብተ", "Kibreab": "ክብረኣብ", "Tesfaldet": "ተስፋልደት",
    "Hadgu": "ሓድጉ", "Mengsteab": "መንግስተኣብ", "Neguse": "ንጉሰ", "Sium": "ስዩም", "Asefaw": "ኣሰፋው",
    # Eritrean women
    "Saba": "ሳባ", "Senait": "ሰናይት", "Luwam": "ሉዋም", "Winta": "ዊንታ", "Ruta": "ሩታ", "Mebrat": "መብራት",
    "Hiwet": "ሕይወት", "Yohana": "ዮሃና", "Freweyni": "ፍረወይኒ", "Yodit": "ዮዲት", "Tirhas": "ትርሓስ",
    "Semhar": "ሰምሃር", "Ksanet": "ቅሳነት", "Letebrhan": "ለተብርሃን", "Abrehet": "ኣብረኸት", "Mihret": "ምሕረት",
    "Azieb": "ኣዚብ", "Nebiat": "ነብያት", "Kidisti": "ቅድስቲ", "Samrawit": "ሳምራዊት", "Tsigereda": "ጽገረዳ",
    "Bisrat": "ብስራት", "Hanna": "ሓና", "Milen": "ሚለን", "Rigbe": "ርግበ", "Tsehaye": "ጸሃየ", "Nigisti": "ንግስቲ",
    "Lidia": "ሊድያ", "Delina": "ደሊና", "Simret": "ስምረት", "Fiori": "ፊዮሪ", "Ariam": "ኣርያም", "Haben": "ሃበን",
    "Akberet": "ኣኽበረት", "Zebib": "ዘቢብ", "Adiam": "ኣድያም", "Merhawit": "መርሃዊት", "Danait": "ዳናይት",
    "Dehab": "ደሃብ", "Fana": "ፋና", "Asmeret": "ኣስመረት", "Zewdi": "ዘውዲ", "Amleset": "ኣምለሰት", "Makda": "ማክዳ",
    "Amna": "ኣምና", "Fatna": "ፋጥና", "Zahra": "ዛህራ", "Khadija": "ኸዲጃ", "Weini": "ወይኒ", "Yirgalem": "ይርጋለም",
    "Natsnet": "ናጽነት", "Saron": "ሳሮን", "Wegahta": "ወጋሕታ", "Letensae": "ለተንሳኤ", "Hadas": "ሓዳስ",
    "Rahwa": "ራሕዋ", "Hermon": "ሄርሞን",
}
ARABIC_SCRIPT = {
    # Yemeni men (and the spellings clerks vary them to)
    "Mohammed": "محمد", "Ahmed": "أحمد", "Ali": "علي", "Omar": "عمر", "Khaled": "خالد", "Youssef": "يوسف",
    "Hassan": "حسن", "Abdullah": "عبد الله", "Ibrahim": "إبراهيم", "Mahmoud": "محمود", "Mustafa": "مصطفى",
    "Hamza": "حمزة", "Tariq": "طارق", "Nasser": "ناصر", "Saleh": "صالح", "Abdulrahman": "عبد الرحمن",
    "Yahya": "يحيى", "Abdulaziz": "عبد العزيز", "Hussein": "حسين", "Abdo": "عبده", "Saeed": "سعيد", "Fuad": "فؤاد",
    "Salem": "سالم", "Abdulkarim": "عبد الكريم", "Abdulmalik": "عبد الملك", "Abdulsalam": "عبد السلام",
    "Abdulwahab": "عبد الوهاب", "Abdulqader": "عبد القادر", "Faisal": "فيصل", "Waleed": "وليد", "Adel": "عادل",
    "Nabil": "نبيل", "Jamal": "جمال", "Fahd": "فهد", "Majed": "ماجد", "Bashir": "بشير", "Ammar": "عمار",
    "Akram": "أكرم", "Amin": "أمين", "Ayman": "أيمن", "Hamoud": "حمود", "Saddam": "صدام", "Hisham": "هشام",
    "Hani": "هاني", "Jalal": "جلال", "Mansour": "منصور", "Marwan": "مروان", "Mohsen": "محسن", "Mokhtar": "مختار",
    "Munir": "منير", "Murad": "مراد", "Nashwan": "نشوان", "Osama": "أسامة", "Qasim": "قاسم", "Radwan": "رضوان",
    "Rashid": "راشد", "Sadiq": "صادق", "Salah": "صلاح", "Samir": "سمير", "Sultan": "سلطان", "Taha": "طه",
    "Talal": "طلال", "Tawfiq": "توفيق", "Wael": "وائل", "Yasser": "ياسر", "Yasin": "ياسين", "Zaid": "زيد",
    "Ziyad": "زياد", "Abdulhakim": "عبد الحكيم", "Abdulghani": "عبد الغني", "Abdulrahim": "عبد الرحيم",
    "Abdulbari": "عبد الباري", "Abdulhamid": "عبد الحميد", "Abdulraqib": "عبد الرقيب", "Abdulwali": "عبد الولي",
    "Abdulnasser": "عبد الناصر", "Abdulelah": "عبد الإله", "Anwar": "أنور", "Bilal": "بلال", "Fares": "فارس",
    "Hamid": "حامد", "Kamal": "كمال", "Sami": "سامي", "Sakhr": "صخر", "Shukri": "شكري", "Waddah": "وضاح",
    "Issa": "عيسى", "Musa": "موسى", "Ismail": "إسماعيل", "Abbas": "عباس", "Ghaleb": "غالب", "Haitham": "هيثم",
    "Hatem": "حاتم", "Jaber": "جابر", "Khalil": "خليل", "Maher": "ماهر", "Mazen": "مازن", "Mujahid": "مجاهد",
    "Naji": "ناجي", "Nizar": "نزار", "Qais": "قيس", "Raed": "رائد", "Rami": "رامي", "Sabri": "صبري",
    "Sharaf": "شرف", "Shawqi": "شوقي", "Aref": "عارف", "Ayoub": "أيوب", "Basem": "باسم", "Emad": "عماد",
    "Fawaz": "فواز", "Ghazi": "غازي", "Hussam": "حسام", "Jamil": "جميل", "Mutahar": "مطهر", "Najib": "نجيب",
    "Shaker": "شاكر", "Tahir": "طاهر", "Younis": "يونس", "Zakaria": "زكريا", "Hizam": "حزام", "Saif": "سيف",
    "Fadl": "فضل", "Murshed": "مرشد", "Thabet": "ثابت", "Qaid": "قائد", "Awadh": "عوض", "Muhammad": "محمد",
    "Yusuf": "يوسف", "Hasan": "حسن",
    # Yemeni women
    "Fatima": "فاطمة", "Aisha": "عائشة", "Maryam": "مريم", "Zainab": "زينب", "Amina": "أمينة", "Huda": "هدى",
    "Noor": "نور", "Salma": "سلمى", "Layla": "ليلى", "Khadija": "خديجة", "Amal": "أمل", "Asma": "أسماء",
    "Arwa": "أروى", "Sumaya": "سمية", "Hanan": "حنان", "Ahlam": "أحلام", "Afrah": "أفراح", "Abeer": "عبير",
    "Bushra": "بشرى", "Eman": "إيمان", "Entisar": "انتصار", "Rania": "رانيا", "Ameera": "أميرة", "Anisa": "أنيسة",
    "Dalal": "دلال", "Ghada": "غادة", "Haifa": "هيفاء", "Hayat": "حياة", "Hind": "هند", "Ibtisam": "ابتسام",
    "Ikram": "إكرام", "Jamila": "جميلة", "Karima": "كريمة", "Lamia": "لمياء", "Latifa": "لطيفة", "Lubna": "لبنى",
    "Manal": "منال", "Marwa": "مروة", "Muna": "منى", "Nabila": "نبيلة", "Nada": "ندى", "Najla": "نجلاء",
    "Nawal": "نوال", "Nisreen": "نسرين", "Rahma": "رحمة", "Raja": "رجاء", "Rasha": "رشا", "Reem": "ريم",
    "Safa": "صفاء", "Sabah": "صباح", "Sahar": "سحر", "Samira": "سميرة", "Sana": "سناء", "Shaima": "شيماء",
    "Suad": "سعاد", "Tahani": "تهاني", "Wafa": "وفاء", "Widad": "وداد", "Yasmin": "ياسمين", "Zahra": "زهرة",
    "Aziza": "عزيزة", "Fayza": "فايزة", "Hafsa": "حفصة", "Halima": "حليمة", "Hana": "هناء", "Khawla": "خولة",
    "Lina": "لينا", "Maha": "مها", "Majida": "ماجدة", "Malak": "ملاك", "Nahla": "نهلة", "Najat": "نجاة",
    "Nuha": "نهى", "Rawan": "روان", "Rahaf": "رهف", "Raghad": "رغد", "Ruqaya": "رقية", "Sabreen": "صابرين",
    "Safiya": "صفية", "Samah": "سماح", "Shatha": "شذى", "Tasneem": "تسنيم", "Yusra": "يسرى",
    "Amat al-Rahman": "أمة الرحمن", "Ghadeer": "غدير", "Hadeel": "هديل", "Kawkab": "كوكب", "Sawsan": "سوسن",
    "Wijdan": "وجدان", "Bilqis": "بلقيس", "Nadia": "نادية", "Fathiya": "فتحية", "Saeeda": "سعيدة", "Salwa": "سلوى",
    # Yemeni family names
    "al-Hashimi": "الهاشمي", "al-Amri": "العمري", "al-Hakimi": "الحكيمي", "al-Maqtari": "المقطري",
    "al-Sharabi": "الشرعبي", "al-Absi": "العبسي", "al-Ahmar": "الأحمر", "al-Qadhi": "القاضي",
    "al-Eryani": "الإرياني", "al-Zubairi": "الزبيري", "al-Aghbari": "الأغبري", "Haddad": "حداد",
    "al-Shami": "الشامي", "al-Hamdani": "الهمداني", "al-Yafei": "اليافعي", "al-Awlaki": "العولقي",
    "al-Houthi": "الحوثي", "al-Zubaidi": "الزبيدي", "Ba Abbad": "باعباد", "Ba Wazir": "باوزير",
    "al-Kathiri": "الكثيري", "al-Saqqaf": "السقاف", "al-Attas": "العطاس", "al-Habshi": "الحبشي",
    "al-Junaid": "الجنيد", "al-Mahdi": "المهدي", "al-Wazir": "الوزير", "al-Nahdi": "النهدي", "al-Harthi": "الحارثي",
    "al-Murshidi": "المرشدي", "al-Sabri": "الصبري", "al-Shaibani": "الشيباني", "al-Sanabani": "السنباني",
    "al-Ansi": "العنسي", "al-Hubaishi": "الحبيشي", "al-Dhubhani": "الذبحاني", "al-Jabri": "الجابري",
    "al-Khawlani": "الخولاني", "al-Hadrami": "الحضرمي", "al-Himyari": "الحميري", "al-Asbahi": "الأصبحي",
    "al-Mikhlafi": "المخلافي", "al-Saidi": "السعيدي", "al-Shamiri": "الشميري", "al-Qubati": "القباطي",
    "al-Hammadi": "الحمادي", "al-Selwi": "الصلوي", "al-Sayed": "السيد", "Othman": "عثمان", "Muqbil": "مقبل",
    "Qasem": "قاسم", "Idris": "إدريس", "Osman": "عثمان", "Abdelrahman": "عبد الرحمن", "al-Maweri": "الماوري",
    "al-Areqi": "العريقي", "al-Shuaibi": "الشعيبي", "al-Haidari": "الحيدري", "al-Fadhli": "الفضلي",
    "al-Ahdal": "الأهدل", "al-Bukhaiti": "البخيتي", "al-Mansoori": "المنصوري", "al-Marwani": "المرواني",
    "al-Matari": "المطري", "al-Nasiri": "الناصري", "al-Qirbi": "القربي", "al-Sharjabi": "الشرجبي",
    "al-Subaihi": "الصبيحي", "al-Thawri": "الثوري", "al-Wesabi": "الوصابي", "al-Yamani": "اليماني",
    "al-Zindani": "الزنداني", "Bajammal": "باجمال", "al-Dailami": "الديلمي", "al-Hakami": "الحكمي",
    "al-Kibsi": "الكبسي", "al-Mansour": "المنصور", "al-Taizi": "التعزي", "al-Udaini": "العديني",
    "al-Baidani": "البيضاني", "al-Dhalai": "الضالعي", "al-Maflahi": "المفلحي", "al-Kuhlani": "الكحلاني",
    "al-Moayad": "المؤيد", "al-Waeli": "الوائلي", "al-Sanaani": "الصنعاني",
    # Sudanese men and family names (in Sudanese spelling; names spelled as in Yemen are above)
    "Mohamed": "محمد", "Abdalla": "عبد الله", "Adam": "آدم", "Yousif": "يوسف", "Omer": "عمر", "Elsadig": "الصادق",
    "Babiker": "بابكر", "Khalid": "خالد", "Ishag": "إسحاق", "Haroun": "هارون", "Yagoub": "يعقوب", "Abakar": "أبكر",
    "Elfatih": "الفاتح", "Elnour": "النور", "Awad": "عوض", "Hashim": "هاشم", "Siddig": "صديق",
    "Abdelaziz": "عبد العزيز", "Abdelmoneim": "عبد المنعم", "Abdelgadir": "عبد القادر", "Abdelrahim": "عبد الرحيم",
    "Abdelkarim": "عبد الكريم", "Abdelhamid": "عبد الحميد", "Elamin": "الأمين", "Eltayeb": "الطيب",
    "Elhadi": "الهادي", "Elfadil": "الفاضل", "Suleiman": "سليمان", "Salih": "صالح", "Fadul": "فضل",
    "Gamal": "جمال", "Hamdan": "حمدان", "Nour": "نور", "Tarig": "طارق", "Wail": "وائل", "Mujtaba": "مجتبى",
    "Muawia": "معاوية", "Mutasim": "معتصم", "Montasir": "منتصر", "Mohanad": "مهند", "Moez": "معز", "Obai": "أبي",
    "Sharif": "شريف", "Yasir": "ياسر", "Amir": "أمير", "Badr": "بدر", "Bakri": "بكري", "Dafalla": "دفع الله",
    "Eisa": "عيسى", "Ezzeldin": "عز الدين", "Haidar": "حيدر", "Hatim": "حاتم", "Gaafar": "جعفر", "Khamis": "خميس",
    "Magdi": "مجدي", "Malik": "مالك", "Mamoun": "مأمون", "Mubarak": "مبارك", "Nasr": "نصر",
    "Nasreldin": "نصر الدين", "Sabir": "صابر", "Tijani": "التجاني", "Yahia": "يحيى", "Zubair": "زبير",
    "Adil": "عادل", "Abuobaida": "أبو عبيدة", "Hafiz": "حافظ", "Abdelwahab": "عبد الوهاب",
    "Abdelmahmoud": "عبد المحمود", "Abdelmajid": "عبد المجيد", "Elhassan": "الحسن", "Elsheikh": "الشيخ",
    "Gamar": "قمر", "Eltom": "التوم", "Elbashir": "البشير", "Elmahdi": "المهدي", "Mirghani": "الميرغني",
    "Elkhalifa": "الخليفة", "Abdelsalam": "عبد السلام", "Elzubair": "الزبير", "Hamad": "حمد", "Makki": "مكي",
    "Medani": "مدني", "Bakheit": "بخيت", "Dawood": "داود", "Elfaki": "الفكي", "Elobeid": "العبيد",
    "Fadlalla": "فضل الله", "Gasim": "قاسم", "Jumaa": "جمعة", "Karrar": "كرار", "Khalifa": "خليفة", "Nimir": "نمر",
    "Yassin": "ياسين", "Zein": "زين", "Abdelbagi": "عبد الباقي", "Elawad": "العوض", "Elimam": "الإمام",
    "Gibril": "جبريل", "Ebrahim": "إبراهيم", "Yousef": "يوسف", "Abdallah": "عبد الله",
    # Sudanese women
    "Amna": "آمنة", "Mariam": "مريم", "Hawa": "حواء", "Sara": "سارة", "Nafisa": "نفيسة", "Samia": "سامية",
    "Ikhlas": "إخلاص", "Insaf": "إنصاف", "Intisar": "انتصار", "Iman": "إيمان", "Ilham": "إلهام", "Hiba": "هبة",
    "Afaf": "عفاف", "Awatif": "عواطف", "Fathia": "فتحية", "Howida": "هويدا", "Igbal": "إقبال", "Limya": "لمياء",
    "Malaz": "ملاذ", "Mawahib": "مواهب", "Mona": "منى", "Nahid": "ناهد", "Najwa": "نجوى", "Nimat": "نعمات",
    "Rawia": "راوية", "Rugaya": "رقية", "Shadia": "شادية", "Azza": "عزة", "Alawia": "علوية", "Badria": "بدرية",
    "Bakhita": "بخيتة", "Batool": "بتول", "Buthaina": "بثينة", "Dalia": "داليا", "Hadia": "هادية",
    "Kaltoum": "كلثوم", "Khalda": "خالدة", "Mahasin": "محاسن", "Mashair": "مشاعر", "Nusiba": "نسيبة",
    "Tayseer": "تيسير", "Tomader": "تماضر", "Arafa": "عرفة", "Asia": "آسيا", "Fadwa": "فدوى", "Hajer": "هاجر",
    "Randa": "رندا", "Rehab": "رحاب", "Shaza": "شذى", "Omaima": "أميمة", "Rayan": "ريان", "Thuraya": "ثريا",
}

ORIGINS: tuple[Origin, ...] = (
    Origin("SOM", "patronymic", ("som",), SOMALI_M, SOMALI_F,
           variants=(("Maxamed", "Mohamed"), ("Cabdi", "Abdi"), ("Axmed", "Ahmed"), ("Cali", "Ali"),
                     ("Xasan", "Hassan"), ("Cumar", "Omar"), ("Faadumo", "Fatuma"), ("Xaliimo", "Halima"),
                     ("Cabdullaahi", "Abdullahi"), ("Yuusuf", "Yusuf"), ("Ibraahim", "Ibrahim"), ("Xuseen", "Hussein"),
                     ("Cabdiraxmaan", "Abdirahman"), ("Ismaaciil", "Ismail"), ("Cismaan", "Osman"),
                     ("Maxamuud", "Mohamud"), ("Muuse", "Musa"), ("Khadiija", "Khadija"), ("Caasha", "Asha"),
                     ("Ubax", "Ubah"))),
    Origin("ETH", "patronymic", ("amh", "orm"), ETHIOPIAN_M, ETHIOPIAN_F, script=GEEZ,
           variants=(("Tesfaye", "Tesfay"), ("Getachew", "Getachaw"), ("Haile", "Hayle"), ("Mohammed", "Mohamed"),
                     ("Kedir", "Kadir"), ("Hussein", "Husen"), ("Jemal", "Jamal"), ("Mustefa", "Mustafa"),
                     ("Yohannes", "Yohanes"), ("Kedija", "Kadija"), ("Fatuma", "Fatima"))),
    Origin("ERI", "patronymic", ("tir",), ERITREAN_M, ERITREAN_F, script=GEEZ,
           variants=(("Ghebremedhin", "Gebremedhin"), ("Mehari", "Mehary"), ("Ghirmay", "Girmay"),
                     ("Yohannes", "Yohanes"), ("Tsegay", "Tsegai"), ("Tesfay", "Tesfai"), ("Yosief", "Yosef"),
                     ("Mussie", "Musie"), ("Luwam", "Luam"))),
    Origin("YEM", "arabic", ("ara",), ARABIC_M, ARABIC_F, ARABIC_FAMILY, script=ARABIC_SCRIPT,
           variants=(("Mohammed", "Muhammad"), ("Youssef", "Yusuf"), ("Hassan", "Hasan"), ("Abdullah", "Abdallah"),
                     ("Hussein", "Husain"))),
    Origin("SDN", "arabic", ("ara",), SUDANESE_M, SUDANESE_F, SUDANESE_FAMILY, script=ARABIC_SCRIPT,
           variants=(("Mohamed", "Mohammed"), ("Ibrahim", "Ebrahim"), ("Yousif", "Yousef"), ("Omer", "Omar"),
                     ("Abdalla", "Abdallah"))),
    Origin("HTI", "single", ("hat", "fra"), HAITIAN_M, HAITIAN_F, HAITIAN_FAMILY,
           variants=(("Jean-Baptiste", "Jean Baptiste"), ("Étienne", "Etienne"), ("Jean-Pierre", "Jean Pierre"),
                     ("Ésaïe", "Esaie"), ("Nadège", "Nadege"), ("François", "Francois"), ("Noël", "Noel"))),
    Origin("HND", "iberian", ("spa",), HONDURAN_M, HONDURAN_F, HONDURAN_FAMILY,
           variants=(("José", "Jose"), ("María", "Maria"), ("Hernández", "Hernandez"), ("López", "Lopez"),
                     ("José Luis", "Jose Luis"), ("Óscar", "Oscar"), ("Josué", "Josue"), ("Brayan", "Bryan"),
                     ("Martínez", "Martinez"), ("Rodríguez", "Rodriguez"), ("Mejía", "Mejia"))),
    Origin("SLV", "iberian", ("spa",), SALVADORAN_M, SALVADORAN_F, SALVADORAN_FAMILY,
           variants=(("Ramírez", "Ramirez"), ("Martínez", "Martinez"), ("José", "Jose"), ("María", "Maria"),
                     ("Hernández", "Hernandez"), ("Menjívar", "Menjivar"), ("René", "Rene"))),
    Origin("GTM", "iberian", ("spa",), GUATEMALAN_M, GUATEMALAN_F, GUATEMALAN_FAMILY,
           variants=(("Pérez", "Perez"), ("Chávez", "Chavez"), ("José", "Jose"), ("María", "Maria"), ("López", "Lopez"),
                     ("Ajcalón", "Ajcalon"), ("Cojtí", "Cojti"))),
    Origin("VEN", "iberian", ("spa",), VENEZUELAN_M, VENEZUELAN_F, VENEZUELAN_FAMILY,
           variants=(("Jhonny", "Johnny"), ("González", "Gonzalez"), ("Yeferson", "Jeferson"), ("José", "Jose"),
                     ("Jesús", "Jesus"), ("Rodríguez", "Rodriguez"), ("Pérez", "Perez"), ("Andreína", "Andreina"),
                     ("Génesis", "Genesis"))),
    Origin("CUB", "iberian", ("spa",), CUBAN_M, CUBAN_F, CUBAN_FAMILY,
           variants=(("Yoandri", "Yoandry"), ("Díaz", "Diaz"), ("Yosvany", "Yosvani"), ("Yasmany", "Yasmani"),
                     ("Osmany", "Osmani"), ("Lázaro", "Lazaro"), ("Rodríguez", "Rodriguez"), ("González", "Gonzalez"),
                     ("Fernández", "Fernandez"))),
    Origin("AFG", "single", ("prs", "pus"), AFGHAN_M, AFGHAN_F, AFGHAN_FAMILY,
           variants=(("Mohammad", "Mohammed"), ("Ahmadi", "Ahmady"), ("Naweed", "Nawid"), ("Mahmood", "Mahmud"))),
    Origin("BGD", "single", ("ben",), BANGLADESHI_M, BANGLADESHI_F, BANGLADESHI_FAMILY,
           variants=(("Hossain", "Hussain"), ("Chowdhury", "Choudhury"), ("Mohammad", "Mohammed"),
                     ("Fatema", "Fatima"), ("Rafiqul", "Rafikul"))),
    Origin("COD", "single", ("lin", "fra", "swh"), CONGOLESE_M, CONGOLESE_F, CONGOLESE_FAMILY,
           variants=(("Dieudonné", "Dieudonne"), ("Tshimanga", "Chimanga"), ("Héritier", "Heritier"),
                     ("Trésor", "Tresor"), ("Grâce", "Grace"), ("Exaucé", "Exauce"))),
    Origin("CMR", "single", ("fra", "eng"), CAMEROONIAN_M, CAMEROONIAN_F, CAMEROONIAN_FAMILY,
           variants=(("Hervé", "Herve"), ("Éric", "Eric"), ("Stéphane", "Stephane"), ("Aïcha", "Aicha"))),
    Origin("GIN", "single", ("fra", "ful"), GUINEAN_M, GUINEAN_F, GUINEAN_FAMILY,
           variants=(("Keïta", "Keita"), ("Condé", "Conde"), ("Aïssatou", "Aissatou"), ("Sékou", "Sekou"),
                     ("Saïdou", "Saidou"), ("Mohamed", "Mohammed"), ("Ismaël", "Ismael"))),
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
