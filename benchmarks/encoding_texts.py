"""News-like texts written for the encoding benchmark and its test: invented stories, none taken
from any corpus, each a few paragraphs long and rich in the characters its encodings differ on.

``TEXTS`` maps a language group to its texts; ``SETS`` says which encodings each group is written
in for the benchmark (the legacy encoding the group's pages use on the web, and UTF-16).
"""

from __future__ import annotations

WESTERN = [
    """Grève à la SNCF : les usagers franciliens s'arment de patience

Dès l'aube, les quais de la gare Saint-Lazare étaient noirs de monde. « On nous annonce un train
sur trois, mais je n'en ai vu passer aucun depuis une demi-heure », soupire Hélène, aide-soignante
à l'hôpital Beaujon. Le mouvement, lancé jeudi par une intersyndicale opposée à la réforme des
retraites, devrait se prolonger jusqu'à lundi au moins.

La direction régionale évoque un trafic « très perturbé » sur les lignes J et L, tandis que le
RER A fonctionne à 60 % aux heures de pointe. Les élus de la région réclament un dédommagement
des abonnés : un remboursement de 75 € par mois de grève serait à l'étude, selon le préfet.

À Créteil, le maire a ouvert deux gymnases pour les salariés bloqués loin de chez eux. « Ce n'est
pas idéal, mais c'est mieux que de dormir dans une voiture », reconnaît-il.""",
    """Hochwasser an der Elbe: Dresden rüstet sich für den Höchststand

Die Pegel steigen weiter. Am Sonntagmorgen meldete das Landeshochwasserzentrum in Dresden einen
Wasserstand von 7,42 Metern, Tendenz steigend. Für Mittwoch wird der Höchststand erwartet; die
Stadt hat in Laubegast und Kleinzschachwitz Sandsäcke verteilt und Straßen gesperrt.

„Wir haben aus 2002 und 2013 gelernt“, sagte Oberbürgermeister Jürgen Köhler bei einer
Pressekonferenz im Rathaus. Die mobilen Schutzwände an der Altstadt seien aufgebaut, die
Feuerwehr habe zusätzliche Pumpen aus Görlitz und Bautzen erhalten.

Sorgen bereiten den Behörden vor allem die Nebenflüsse: Die Müglitz und die Weißeritz könnten
nach Starkregen im Erzgebirge binnen Stunden über die Ufer treten. Anwohner sollen Keller räumen
und Öltanks sichern. Die Schäden werden schon jetzt auf mehr als 40 Millionen Euro geschätzt.""",
    """El Ayuntamiento de Cádiz aprueba el presupuesto tras una sesión maratoniana

Después de once horas de debate, el pleno del Ayuntamiento de Cádiz aprobó anoche las cuentas
para el próximo año, que ascienden a 214 millones de euros. La votación salió adelante con el
apoyo del equipo de gobierno y la abstención de dos concejales de la oposición.

«No es el presupuesto que soñábamos, pero es el que la ciudad necesita», afirmó la concejala de
Hacienda, María José Núñez, quien destacó la partida de 12 millones para la rehabilitación de
viviendas en el barrio de Santa María. La oposición criticó el aumento del IBI y la subida del
precio del autobús urbano, que pasará de 1,10 a 1,25 €.

El alcalde, Iñaki Peña, agradeció el «diálogo sincero» y anunció que la próxima semana se
reunirá con los vecinos de la Viña para explicar las obras del paseo marítimo.""",
    """Seca no Alentejo obriga a racionar a água em vinte concelhos

A barragem de Alqueva está a 41 % da sua capacidade, o valor mais baixo desde que começou a
encher, em 2002. A Agência Portuguesa do Ambiente anunciou ontem restrições ao regadio em vinte
concelhos do Alentejo e do Algarve, com efeitos a partir de segunda-feira.

«Os agricultores já perderam metade da colheita de cereais», lamentou João Conceição, presidente
da associação de regantes de Beja. O Governo promete um apoio extraordinário de 30 milhões de
euros, mas os produtores dizem que não chega para cobrir as perdas.

Em Évora, a câmara municipal fechou as piscinas e proibiu a lavagem de viaturas. Os serviços
municipalizados pedem aos munícipes que poupem água: «Cada gota conta», lê-se nos cartazes
espalhados pela cidade.""",
    """Venezia, l'acqua alta torna a novembre: il Mose alzato due volte in una settimana

Le paratoie del Mose si sono sollevate per la seconda volta in cinque giorni. La marea ha
raggiunto i 128 centimetri alla punta della Salute, ma piazza San Marco è rimasta all'asciutto.
«Il sistema funziona, però ogni sollevamento costa circa 300.000 €», ha ricordato il commissario.

I commercianti del sestiere di Castello chiedono più attenzione: «Qui l'acqua è entrata lo
stesso, dai tombini», racconta Niccolò, che gestisce una libreria in calle del Forno. Il Comune
ha promesso un sopralluogo entro venerdì.

Intanto gli esperti dell'università Ca' Foscari avvertono che, con l'innalzamento del livello del
mare, le chiusure potrebbero diventare più frequenti: già oggi sono triplicate rispetto al 2020.""",
    """Fußball: Nürnberg trennt sich von Trainer nach dem fünften Spiel ohne Sieg

Der 1. FC Nürnberg hat am Montag seinen Cheftrainer beurlaubt. Nach dem 0:3 gegen Fürth am
Wochenende steht der Club nur noch zwei Punkte über dem Relegationsplatz. „Wir mussten handeln“,
erklärte Sportvorstand Dieter Hecking im Gespräch mit Journalisten.

Bis auf Weiteres übernimmt Co-Trainer Cristian Fiél das Training. Er soll die Mannschaft am
Freitag gegen Düsseldorf betreuen. Die Fans reagierten gespalten: Während einige die Entlassung
als überfällig bezeichneten, kritisierten andere die häufigen Wechsel auf der Trainerbank.""",
]

CENTRAL = [
    """Rząd zapowiada podwyżki płac w budżetówce od stycznia

Minister finansów ogłosił we wtorek, że wynagrodzenia nauczycieli, lekarzy rezydentów i
pracowników administracji wzrosną od przyszłego roku średnio o 12,3 proc. „To największa
podwyżka od dekady”, przekonywał podczas konferencji prasowej w Warszawie.

Związkowcy przyjęli zapowiedź chłodno. Przewodnicząca oświatowej „Solidarności” przypomniała,
że inflacja w ostatnich dwóch latach zjadła znaczną część pensji, a młodzi nauczyciele zarabiają
niewiele więcej niż płaca minimalna. Żądają też zmian w Karcie Nauczyciela.

Ekonomiści zwracają uwagę, że deficyt sektora finansów publicznych może przekroczyć 5 proc. PKB.
Źródłem finansowania mają być m.in. wyższe wpływy z podatku od towarów i usług oraz pożyczki
zaciągane na rynku krajowym. Projekt ustawy trafi do Sejmu w przyszłym tygodniu.""",
    """Powódź na Dolnym Śląsku: mieszkańcy Kłodzka wracają do zniszczonych domów

Woda w Nysie Kłodzkiej opadła w nocy poniżej stanu alarmowego. Strażacy wypompowują wodę z
piwnic, a wojsko rozwozi butelki z wodą pitną. „Straciliśmy wszystko, zostały nam tylko ściany”
— mówi pani Halina, której dom przy ulicy Łukasiewicza stał pod wodą przez dwa dni.

Wojewoda dolnośląski poinformował, że pierwsze zasiłki w wysokości 8 tys. zł trafią do
poszkodowanych jeszcze w tym tygodniu. Gminy szacują straty na setki milionów złotych.
Zniszczone są drogi, mosty i szkoły; w Stroniu Śląskim pękła tama na zbiorniku.

Geolodzy ostrzegają przed osuwiskami na zboczach, które nasiąknęły wodą. Służby apelują, by nie
wchodzić do budynków przed sprawdzeniem ich przez inspektorów nadzoru budowlanego.""",
    """Kraków: tramwaj na Górkę Narodową ruszy dopiero w przyszłym roku

Budowa linii tramwajowej do północnej części Krakowa opóźni się o kilka miesięcy. Wykonawca
tłumaczy zwłokę niespodziewanymi kolizjami z siecią ciepłowniczą oraz długimi procedurami
związanymi z przebudową skrzyżowania przy ulicy Opolskiej.

Mieszkańcy Prądnika Białego są zniecierpliwieni. „Codziennie stoję w korku godzinę, a autobusy
zastępcze jeżdżą przepełnione” — skarży się pan Grzegorz, który dojeżdża do pracy w Śródmieściu.
Zarząd Transportu Publicznego obiecuje dodatkowe kursy w godzinach szczytu.

Koszt inwestycji wzrósł do ponad 420 mln zł. Miasto liczy na dofinansowanie z funduszy unijnych,
bez którego trudno będzie ukończyć także planowaną odnogę w stronę Mistrzejowic.""",
    """Vláda schválila zdražení jízdného ve vlacích o deset procent

Cestující ve vlacích si od února připlatí. Vláda ve středu schválila návrh ministerstva dopravy,
podle kterého vzroste obyčejné jízdné v průměru o deset procent. Slevy pro studenty a seniory
se sníží z 50 na 25 procent, což kritizují zejména rodiče dětí dojíždějících do škol.

„Železnice nemůže být dotována donekonečna, náklady na energie i mzdy strojvedoucích výrazně
vzrostly,“ řekl ministr po jednání kabinetu. Opozice označila krok za necitlivý a upozorňuje, že
mnoho lidí na venkově nemá k vlaku žádnou rozumnou alternativu.

Dopravci zároveň slibují modernizaci vozového parku: do roku 2027 má na tratě vyjet 180 nových
souprav. Na rychlíkových linkách mezi Prahou, Brnem a Ostravou se počítá s Wi-Fi a zásuvkami.""",
    """Brno: Na Špilberku začala rekonstrukce kasemat, potrvá dva roky

Hrad Špilberk, jedna z nejnavštěvovanějších památek jižní Moravy, prochází rozsáhlou opravou.
Dělníci začali zpevňovat klenby kasemat, kde v minulosti věznili odpůrce habsburské monarchie.
Podzemí bude pro veřejnost uzavřeno nejméně do léta příštího roku.

Oprava vyjde na 86 milionů korun, většinu zaplatí Evropská unie. „Klenby jsou v havarijním
stavu, voda prosakuje zdivem a poškozuje omítky,“ vysvětlil ředitel Muzea města Brna. Kromě
statického zajištění se počítá i s novým osvětlením a bezbariérovým přístupem.

Turisté mohou během prací navštívit věž a vyhlídkové hradby. Muzeum chystá v nádvoří letní kino
a výstavu o historii žaláře, kterou doprovodí přednášky historiků a komentované prohlídky.""",
    """Rekordmeleg: negyven fok felett a hőmérséklet az Alföldön

Országos hőségriasztást rendelt el az országos tisztifőorvos, miután a meteorológusok szerint a
hét végéig a hőmérséklet sok helyen meghaladhatja a 40 fokot. Szegeden és Kecskeméten csütörtök
délután már 39,8 fokot mértek, ami új júliusi csúcs.

A fővárosban hűsítő pontokat állítottak fel, a BKV járatain ivóvizet osztanak. „Az idősek és a
kisgyermekek a legveszélyeztetettebbek, kérjük, hogy a déli órákban ne tartózkodjanak a
szabadban” – figyelmeztetett a mentőszolgálat szóvivője.

A gazdák aggódnak: a kukorica és a napraforgó több megyében is kiszáradt, a terméskiesés elérheti
a harminc százalékot. A kormány gyorssegélyt ígért a leginkább érintett termelőknek.""",
    """Debrecen: új gyárat épít egy német autóipari beszállító

Négyezer munkahelyet teremthet az a beruházás, amelyről csütörtökön írtak alá szándéknyilatkozatot
Debrecenben. A német cég akkumulátor-alkatrészeket gyártana a város déli ipari parkjában, az
első ütem két év múlva indulhat el.

A polgármester szerint a gyár nagy lökést ad a régió gazdaságának, ugyanakkor a környékbeliek
tartanak a vízfelhasználás növekedésétől és a teherforgalom erősödésétől. „Szeretnénk
garanciákat kapni arra, hogy a kutak nem apadnak ki” – mondta egy józsai lakos a fórumon.

A beruházás értéke meghaladja az 1,2 milliárd eurót; az állam közvetlen támogatással és
adókedvezménnyel is segíti a projektet.""",
    """Bratislava: Most Apollo čaká náročná oprava, obmedzenia potrvajú do jesene

Hlavné mesto oznámilo, že od pondelka sa na moste Apollo zúžia jazdné pruhy. Oprava dilatačných
záverov a izolácie mosta si vyžiada približne 14 miliónov eur. Vodiči by mali počítať so
zdržaním najmä v rannej špičke, keď most prechádza vyše 60-tisíc áut denne.

„Odkladať to už nebolo možné, niektoré časti konštrukcie sú v zlom stave,“ povedal riaditeľ
mestskej správy komunikácií. Mesto odporúča využívať MHD; na linkách do Petržalky posilní spoje
a zavedie mimoriadne električkové linky cez Starý most.

Obyvatelia Petržalky sa sťažujú, že opravy sa vlečú a koordinácia stavieb je slabá. Opozícia v
mestskom zastupiteľstve žiada zverejniť harmonogram všetkých prác na mostoch.""",
    """Zagreb: građani prosvjedovali protiv poskupljenja grijanja

Nekoliko tisuća građana okupilo se u subotu na Trgu bana Jelačića u znak prosvjeda protiv
najavljenog poskupljenja toplinske energije. Prema odluci gradske tvrtke, računi za grijanje
mogli bi od listopada porasti i do 40 posto.

„Umirovljenici već sada biraju između lijekova i hrane, a zimi će morati birati i između toga
hoće li se grijati”, rekla je predstavnica udruge umirovljenika. Gradonačelnik je poručio da će
grad subvencionirati najugroženija kućanstva, ali da cijenu plina ne određuje Zagreb.

Oporba traži hitnu sjednicu gradske skupštine i reviziju poslovanja toplane, koja je prošle
godine ostvarila gubitak od 19 milijuna eura.""",
]

JAPANESE = [
    """台風十号、九州南部に上陸　交通機関に大きな乱れ

強い台風十号は二十九日午前、鹿児島県薩摩川内市付近に上陸した。気象庁によると、中心気圧は九百
五十ヘクトパスカルで、最大風速は四十メートル。九州南部では猛烈な雨が降り、土砂災害の危険度が
高まっている。

ＪＲ九州は九州新幹線の全線で運転を見合わせ、福岡空港と鹿児島空港を発着する便は、ほぼすべてが
欠航となった。鹿児島市内では約十二万戸が停電し、電力会社が復旧作業を急いでいる。

政府は首相官邸に情報連絡室を設置した。首相は「命を守る行動を最優先にしてほしい」と呼びかけ、
自治体に対して避難所の開設と高齢者の早めの避難を要請した。""",
    """東京都、来年度から高校授業料を実質無償化へ

東京都は、来年度から都内に住む高校生の授業料を所得制限なしで実質的に無償化する方針を固めた。
私立高校に通う生徒の家庭にも、都の平均授業料に相当する額を助成する。必要な予算は約六百億円と
見込まれている。

知事は記者会見で「家庭の経済状況にかかわらず、子どもたちが学校を選べるようにしたい」と述べた。
一方、近隣の県からは「住む場所で教育費の負担が変わるのは不公平だ」との声も上がっている。

専門家は、授業料以外の負担、たとえば制服代や修学旅行の費用などが依然として重いと指摘し、
総合的な支援策が必要だと話している。""",
    """北海道で記録的な大雪、札幌の積雪は一メートル超える

北海道は二日から三日にかけて記録的な大雪となり、札幌市の積雪は観測史上最大の百三十三センチに
達した。市内では路線バスの運休が相次ぎ、地下鉄の駅には通勤客の長い列ができた。

札幌市は除雪車を総動員しているが、住宅街の生活道路までは手が回っていない。市民からは「家の前
の道が車一台分しか通れない」「ごみの収集車が来ない」といった苦情が寄せられている。

気象台によると、寒気の影響で週末にかけても雪が降り続く見込みで、屋根からの落雪や雪崩への注意
を呼びかけている。""",
    """人手不足の物流業界、ドローン配送の実証実験が本格化

運転手の労働時間規制が強化されたことを受け、物流各社が新たな配送手段の開発を急いでいる。長野県
の山間部では、ドローンを使った日用品の配送実験が始まり、住民は注文から約三十分で商品を受け
取れるようになった。

実験を担う会社の担当者は「過疎地では一軒ごとの配達にかかる費用が大きい。空からの配送で負担を
減らしたい」と説明する。ただ、強風や雨の日は飛行できず、荷物の重さにも制限がある。

国土交通省は、有人地帯の上空を目視外で飛行させるための制度を整え、二〇三〇年までに全国で
実用化することを目指している。""",
    """京都の観光地で混雑対策、市バスに「観光特急」を新設

外国人観光客の急増で市バスの混雑が深刻になっている京都市は、主要な観光地を結ぶ「観光特急」
バスの運行を始めた。京都駅から清水寺や銀閣寺方面へ、停留所を絞って直行する。運賃は通常の
二倍の五百円とした。

市民の間では「通学や通院のバスに乗れない」という不満が高まっていた。市の担当者は「観光客と
市民の利用を分けることで、生活路線の混雑を和らげたい」と話す。

一方、宿泊税の引き上げも検討されており、観光業界からは客足への影響を心配する声も出ている。""",
]

CHINESE = [
    """长江中下游持续高温干旱　多地启动抗旱应急响应

进入八月以来，长江中下游地区持续高温少雨，湖北、湖南、江西、安徽等省份的部分地区旱情严重。
国家气候中心数据显示，今年七月以来长江流域的降水量较常年同期偏少四成以上，为有完整气象记录
以来同期最少。

江西省已启动抗旱四级应急响应，鄱阳湖水位跌破八米，湖区大片滩涂裸露。当地渔民说：“往年这个
时候还能出船，今年船都搁浅在泥里了。”水利部门正组织调水，保障城乡居民饮水安全。

专家提醒，高温天气还将持续一周左右，农业部门应及时指导农民做好晚稻灌溉和病虫害防治工作。""",
    """上海发布新规：外卖骑手须统一佩戴安全头盔

上海市交通委员会日前发布通知，要求在本市从事外卖和快递配送的骑手，自下月起驾驶电动自行车时
必须佩戴安全头盔，平台企业须为骑手配备合格头盔，并将安全培训纳入上岗考核。

据统计，去年本市涉及外卖骑手的交通事故超过三千起，其中不少伤者未佩戴头盔。一位骑手告诉记者：
“平台规定的送达时间太紧，有时候只能抢时间。”有关部门表示，将约谈主要平台，督促其合理设置
配送时限。

交警部门还将在重点路口加强执法，对闯红灯、逆行等违法行为依法处罚。""",
    """广东省推进粤港澳大湾区轨道交通互联互通

广东省政府近日召开新闻发布会，介绍粤港澳大湾区城际铁路建设进展。到二〇二五年底，广州、深圳、
珠海等城市之间将基本实现“一小时通达”，多条城际线路将与港澳轨道交通实现便捷换乘。

负责人表示，今年新开工的项目包括深惠城际、广佛环线东环段等，总投资超过一千二百亿元。为方便
旅客，相关部门正在研究“一票通行”和支付方式互通等措施。

有市民表示，以前从佛山到深圳上班要换乘好几次，希望新线路开通后能节省通勤时间。""",
    """北京启动老旧小区改造　今年将惠及十万户居民

北京市住房和城乡建设委员会表示，今年全市计划完成三百个老旧小区综合整治，涉及居民约十万户。
改造内容包括外墙保温、加装电梯、雨污分流以及增设停车位和充电桩。

在朝阳区一个建于上世纪八十年代的小区，居民王阿姨高兴地说：“以前爬六楼太辛苦了，现在装了电梯，
老人出门方便多了。”不过也有居民反映，施工期间噪音大、出行不便。

住建部门表示，将在改造前充分征求居民意见，并建立长效管理机制，避免“改完就乱”。""",
    """国产大飞机C919开启常态化商业运营一周年

我国自主研制的C919大型客机投入商业运营已满一年。据航空公司介绍，一年来C919累计执行航班两千
余班次，运送旅客超过三十万人次，航线从最初的上海至成都扩展到北京、广州、西安等城市。

乘客普遍反映客舱宽敞、噪音较低。一位经常出差的乘客说：“坐过几次了，感觉和进口飞机没什么区别。”
与此同时，制造商正在加快提升产能，计划未来几年将年交付量提高到一百架以上。

业内人士指出，要在国际市场站稳脚跟，还需取得更多国家和地区的适航认证。""",
]

RUSSIAN = [
    """В Новосибирске открыли новый мост через Обь

В четверг в Новосибирске открылось движение по новому мосту через Обь. Строительство
продолжалось пять лет и обошлось бюджету почти в 40 миллиардов рублей. По словам мэра, мост
разгрузит центр города и сократит время поездок жителей левобережья на работу.

«Раньше я стоял в пробке по полтора часа, теперь надеюсь доезжать за двадцать минут», — говорит
водитель маршрутки Сергей. Эксперты, однако, предупреждают, что без новых развязок пробки просто
переместятся на соседние улицы.""",
    """Морозы до минус сорока ожидаются в Якутии на этой неделе

Синоптики прогнозируют резкое похолодание в Якутии: в центральных районах республики температура
опустится до минус сорока градусов. Власти рекомендовали родителям не отправлять младших
школьников на занятия, а водителям — не выезжать на трассы в одиночку.

В Якутске усилено дежурство коммунальных служб: на теплосетях работают аварийные бригады. Жители
запасаются топливом и продуктами, а в магазинах растёт спрос на обогреватели.""",
]

TEXTS: dict[str, list[str]] = {
    "western": WESTERN,
    "central": CENTRAL,
    "japanese": JAPANESE,
    "chinese": CHINESE,
    "russian": RUSSIAN,
}

# encoding -> the groups written in it: each group in the legacy encoding its pages use on the
# web, and every group in UTF-16 (the BOM-less form in both byte orders)
SETS: dict[str, list[str]] = {
    "cp1252": ["western"],
    "cp1250": ["central"],
    "shift_jis": ["japanese"],
    "gb18030": ["chinese"],
    "cp1251": ["russian"],
    "utf-16 (BOM)": ["western", "central", "japanese", "chinese"],
    "utf-16-le (no BOM)": ["western", "central", "japanese", "chinese"],
    "utf-16-be (no BOM)": ["western", "central", "japanese", "chinese"],
    "utf-32 (BOM)": ["western", "japanese"],
    "utf-8 (BOM)": ["western", "chinese"],
}
