"""Invented news articles in other languages (issue 19), as a reader copies them off a page:
menus, prompts and related links around the article, in the article's own language.

None is a real article: names of people are real, events and words are made up. Each
fixture states what a reader would read off it, so tests of any stage can use the same
pages: `title`, `date`, `topics` (primary topic ids) and `furniture` (lines that are not
article text) are tested in tests/test_languages_r3.py, and so are `actors` (the people of
taxonomy/actors.yml the article names, by their canonical English names) and `quotes`
((words quoted, canonical speaker)).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageFixture:
    language: str  # ISO 639-1
    name: str  # file name
    text: str  # the copied page
    title: str
    date: str  # ISO date
    date_source: str
    topics: tuple[str, ...]  # primary topic ids
    furniture: tuple[str, ...]  # lines that must not reach the body
    actors: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()
    search_word: str = ""  # a word of the article a reader searches for


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


RU = LanguageFixture(
    language="ru",
    name="ru_shoigu_pentagon.txt",
    text=_page(
        "Главная", "Новости", "Политика", "Армия", "Экономика",
        "Шойгу заявил о готовности к диалогу с Пентагоном",
        "МОСКВА, 16 февраля. /ТАСС/. Министр обороны России Сергей Шойгу заявил в четверг, что Москва "
        "готова восстановить диалог с Пентагоном и возобновить военные контакты, прерванные в 2014 году.",
        "«Сотрудничество возможно, но разговаривать с Россией с позиции силы бесполезно», — сказал Шойгу "
        "на совещании в министерстве обороны.",
        "Читайте также: Лавров и Тиллерсон обсудили телефонный звонок",
        "По словам министра, переговоры военных ведомств двух стран могли бы начаться уже весной, если "
        "американская сторона сделает первый шаг.",
        "Подписывайтесь на наш канал в Telegram",
        "Ранее глава Пентагона Джеймс Мэттис заявил, что Вашингтон будет вести диалог с Москвой только "
        "с позиции силы.",
    ),
    title="Шойгу заявил о готовности к диалогу с Пентагоном",
    date="2017-02-16",
    date_source="dateline + weekday",
    topics=("dialogue",),
    furniture=("Читайте также: Лавров и Тиллерсон обсудили телефонный звонок", "Подписывайтесь на наш канал в Telegram"),
    actors=("Sergei Shoigu", "Jim Mattis"),
    quotes=(("Сотрудничество возможно, но разговаривать с Россией с позиции силы бесполезно", "Sergei Shoigu"),),
    search_word="Шойгу",
)

UK = LanguageFixture(
    language="uk",
    name="uk_crimea_sanctions.txt",
    text=_page(
        "Новини", "Політика", "Економіка", "Світ",
        "Посли ЄС продовжили санкції через анексію Криму",
        "Київ, 16 лютого (Укрінформ) – Посли країн Європейського Союзу у четвер погодили продовження санкцій, "
        "запроваджених через незаконну анексію Криму Росією у 2014 році.",
        "Читайте також: Окупанти знову затримали кримських татар",
        "За словами дипломатів, обмеження щодо інвестицій у Крим і Севастополь діятимуть ще щонайменше рік.",
        "Підписуйтесь на наші сторінки у соцмережах",
        "Міністр закордонних справ України Павло Клімкін заявив, що Київ не визнає окупацію півострова "
        "і вимагатиме повернення Криму на всіх міжнародних майданчиках.",
    ),
    title="Посли ЄС продовжили санкції через анексію Криму",
    date="2017-02-16",
    date_source="dateline + weekday",
    topics=("crimea",),
    furniture=("Читайте також: Окупанти знову затримали кримських татар", "Підписуйтесь на наші сторінки у соцмережах"),
)

DE = LanguageFixture(
    language="de",
    name="de_nato_ausgaben.txt",
    text=_page(
        "Startseite", "Politik", "Wirtschaft", "Sport",
        "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
        "Mattis fordert von Berlin höhere Verteidigungsausgaben",
        "16. Februar 2017, 12:04 Uhr",
        "Brüssel (dpa) - US-Verteidigungsminister James Mattis hat die Nato-Verbündeten am Donnerstag "
        "aufgefordert, ihre Verteidigungsausgaben deutlich zu erhöhen.",
        "Bis Ende des Jahres sollten alle Mitglieder einen Plan vorlegen, wie sie das Ziel von zwei Prozent "
        "des BIP erreichen wollen, sagte Mattis beim Treffen der Verteidigungsminister in Brüssel.",
        "Lesen Sie auch: Was die Bundeswehr wirklich braucht",
        "Deutschland gibt derzeit rund 1,2 Prozent seines Bruttoinlandsprodukts für die Bundeswehr aus; der "
        "Verteidigungshaushalt soll in diesem Jahr auf 37 Milliarden Euro steigen.",
        "Newsletter abonnieren",
        "Bundesverteidigungsministerin Ursula von der Leyen sagte, die „Lastenteilung“ im Bündnis sei "
        "auch im deutschen Interesse.",
    ),
    title="Mattis fordert von Berlin höhere Verteidigungsausgaben",
    date="2017-02-16",
    date_source="date line",
    topics=("nato-spending",),
    furniture=("Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
               "Lesen Sie auch: Was die Bundeswehr wirklich braucht", "Newsletter abonnieren"),
    actors=("Jim Mattis",),
)

FR = LanguageFixture(
    language="fr",
    name="fr_dialogue_otan.txt",
    text=_page(
        "Accueil", "International", "Politique", "Économie",
        "L'Otan et la Russie relancent le dialogue militaire",
        "GENÈVE, 16 févr. (AFP) - Le secrétaire général de l'Otan, Jens Stoltenberg, a déclaré jeudi que "
        "l'Alliance était prête à reprendre le dialogue avec la Russie au sein du Conseil Otan-Russie.",
        "« Le dialogue n'est pas un signe de faiblesse », a dit M. Stoltenberg lors d'une conférence de presse "
        "à Genève, après une rencontre avec les ministres de la Défense.",
        "Lire aussi : Ce que l'on sait du sommet de Varsovie",
        "Les pourparlers, suspendus depuis 2014, pourraient reprendre au printemps, selon des diplomates, qui "
        "évoquent une rencontre des chefs d'état-major à Bakou.",
        "Inscrivez-vous à notre newsletter",
        "Moscou n'a pas encore répondu à cette offre de dialogue, mais le porte-parole du Kremlin a salué "
        "un « signal positif » venu de Bruxelles.",
    ),
    title="L'Otan et la Russie relancent le dialogue militaire",
    date="2017-02-16",
    date_source="dateline + weekday",
    topics=("dialogue",),
    furniture=("Lire aussi : Ce que l'on sait du sommet de Varsovie", "Inscrivez-vous à notre newsletter"),
    actors=("Jens Stoltenberg",),
    quotes=(("Le dialogue n'est pas un signe de faiblesse", "Jens Stoltenberg"),),
)

PL = LanguageFixture(
    language="pl",
    name="pl_szojgu_wydatki.txt",
    text=_page(
        "Strona główna", "Kraj", "Świat", "Biznes",
        "Polska wyda na obronność 2 proc. PKB. Szojgu: to prowokacja",
        "Warszawa, 16 lutego 2017 (PAP) - Minister obrony narodowej Antoni Macierewicz zapowiedział w czwartek, "
        "że wydatki na obronność wzrosną w tym roku do dwóch procent PKB, zgodnie z zobowiązaniami wobec NATO.",
        "Czytaj też: Amerykańscy żołnierze już w Żaganiu",
        "Sojusznicy oczekują, że Polska utrzyma ten poziom wydatków, a budżet MON na 2017 rok przewiduje "
        "37 mld zł na modernizację armii.",
        "Udostępnij",
        "Rosyjski minister obrony Siergiej Szojgu oświadczył, że zwiększanie wydatków wojskowych przez "
        "państwa NATO przy granicy Rosji jest prowokacją.",
    ),
    title="Polska wyda na obronność 2 proc. PKB. Szojgu: to prowokacja",
    date="2017-02-16",
    date_source="dateline",
    topics=("nato-spending",),
    furniture=("Czytaj też: Amerykańscy żołnierze już w Żaganiu", "Udostępnij"),
    actors=("Sergei Shoigu",),
    search_word="Szojgu",
)

ES = LanguageFixture(
    language="es",
    name="es_crimea_sanciones.txt",
    text=_page(
        "Portada", "Internacional", "Economía", "Deportes",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
        "Estados Unidos no levantará las sanciones hasta que Rusia devuelva Crimea",
        "Madrid, 16 feb. (EFE).- El secretario de Estado de EE.UU., Rex Tillerson, afirmó el jueves que las sanciones impuestas por la anexión de Crimea "
        "seguirán vigentes mientras Moscú no devuelva la península a Ucrania.",
        "Lea también: Kiev denuncia nuevas maniobras rusas en Crimea",
        "Según la Casa Blanca, la ocupación de Crimea y la presencia de la Flota del Mar Negro en Sebastopol "
        "siguen siendo un obstáculo para mejorar las relaciones.",
        "Compartir en Facebook",
        "El Kremlin respondió que la cuestión de Crimea está cerrada desde el referéndum de 2014.",
    ),
    title="Estados Unidos no levantará las sanciones hasta que Rusia devuelva Crimea",
    date="2017-02-16",
    date_source="dateline + weekday",
    topics=("crimea",),
    furniture=("Lea también: Kiev denuncia nuevas maniobras rusas en Crimea", "Compartir en Facebook"),
    actors=("Rex Tillerson",),
)

IT = LanguageFixture(
    language="it",
    name="it_colloqui_mosca.txt",
    text=_page(
        "Home", "Politica", "Esteri", "Economia",
        "Gentiloni a Mosca: serve un dialogo con la Russia",
        "Mosca, 16 feb. (askanews) - Il presidente del Consiglio Paolo Gentiloni ha detto giovedì che l'Europa "
        "ha bisogno di un dialogo franco con la Russia, nonostante le sanzioni in vigore dal 2014.",
        "Leggi anche: Sanzioni, l'Italia chiede una revisione",
        "I colloqui con il presidente Vladimir Putin al Cremlino sono durati oltre due ore e hanno toccato la "
        "cooperazione economica e la crisi in Ucraina.",
        "Iscriviti alla newsletter",
        "Secondo fonti diplomatiche, un nuovo incontro tra i ministri degli Esteri è previsto a marzo, in vista "
        "del vertice di Bruxelles.",
    ),
    title="Gentiloni a Mosca: serve un dialogo con la Russia",
    date="2017-02-16",
    date_source="dateline + weekday",
    topics=("dialogue",),
    furniture=("Leggi anche: Sanzioni, l'Italia chiede una revisione", "Iscriviti alla newsletter"),
    actors=("Vladimir Putin",),
)

PT = LanguageFixture(
    language="pt",
    name="pt_gastos_defesa.txt",
    text=_page(
        "Início", "Mundo", "Política", "Economia",
        "Portugal promete aumentar gastos com defesa até 2024",
        "Publicado em 16 de fevereiro de 2017, às 09:30",
        "O ministro da Defesa, José Azeredo Lopes, garantiu na quinta-feira aos aliados da NATO que Portugal "
        "vai aumentar os gastos com defesa nos próximos anos.",
        "Leia também: Militares portugueses partem para a Lituânia",
        "O objetivo de dois por cento do PIB continua distante: o país gasta atualmente cerca de 1,3 por cento "
        "do produto interno bruto em despesas militares.",
        "Receba as notícias no seu e-mail",
        "Em Bruxelas, o secretário-geral Jens Stoltenberg lembrou que o orçamento da defesa de cada aliado deve "
        "refletir uma partilha de encargos justa.",
    ),
    title="Portugal promete aumentar gastos com defesa até 2024",
    date="2017-02-16",
    date_source="date line",
    topics=("nato-spending",),
    furniture=("Leia também: Militares portugueses partem para a Lituânia", "Receba as notícias no seu e-mail"),
    actors=("Jens Stoltenberg",),
)

FIXTURES = (RU, UK, DE, FR, PL, ES, IT, PT)
