"""Word lists the entity rules use: organisation head nouns, titles and roles before a name,
words that end a name. Keys are `key_of` (normalised) forms."""

from __future__ import annotations

from archive.metadata.gazetteer import key_of

# Organisation head nouns (folded): a head plus at least one modifier makes a name.
ORG_HEADS = frozenset(
    key_of(w)
    for w in (
        "مجلس المجلس قوات القوات قوى الإدارة إدارة التحالف تحالف الائتلاف ائتلاف مفوضية المفوضية "
        "وزارة اللجنة لجنة حزب الحزب حركة الحركة منظمة المنظمة وكالة هيئة الهيئة جبهة الجبهة "
        "الجيش جيش جامعة الجامعة مركز اتحاد الاتحاد البنك بنك صندوق محكمة المحكمة جمعية الجمعية "
        "شركة برلمان البرلمان الدائرة دائرة مكتب رابطة نقابة مؤسسة المؤسسة المرصد مرصد تنظيم "
        "التنظيم الخارجية حكومة الحكومة وحدات فرقة الفرقة لواء كتائب فيلق الفيلق غرفة بلدية "
        "مديرية المديرية مجموعة المجموعة المنتدى منتدى الهلال الصليب الأمانة أمانة "
        "الوكالة المنظمة التلفزيون تلفزيون الإذاعة إذاعة بعثة البعثة المحكمة "
        "المخابرات مخابرات الاستخبارات استخبارات"
    ).split()
)
MINISTRY_NOUNS = frozenset(key_of(w) for w in "الخارجية الداخلية الدفاع".split())
MINISTER_WORDS = frozenset(key_of(w) for w in "وزير وزيرة ووزير لوزير مساعد مساعدة نائب".split())
# Modifiers that end an organisation name (time words, generic adjectives, relative pronouns).
ORG_STOP = frozenset(
    key_of(w)
    for w in (
        "الجديد الجديدة الحالي الحالية السابق السابقة المقبل المقبلة الماضي الماضية المذكور "
        "المذكورة المختلفة كافة جميع الأخير الأخيرة اليوم الأمس الذي التي الذين اللذين اللتين الآن "
        "التابع التابعة المعنية المشاركة المشاركين المجتمعون المشاركون الاجتماع العام الحوار الأطراف الطرفين "
        "الجانبين الحاكم الضيف الموسع المشترك المشتركة الأول الثاني نفسه ذاته خلال "
        "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة إلى إلا الآن البلاد"
    ).split()
)
# Words that stand before a person's name.
PERSON_TITLES = frozenset(
    key_of(w)
    for w in (
        "السيد السيدة السادة الكولونيل العقيد العميد اللواء الجنرال الدكتور الدكتورة د الشيخ "
        "المهندس الأستاذ الأستاذة المحامي الصحفي الصحفية الناشط الناشطة الملك الأمير الأميرة "
        "الرئيس الرئيسة المستشار المستشارة النائب النائبة السفير السفيرة القاضي الرائد النقيب "
        "الملازم المقدم الفريق المشير برئاسة بقيادة الشهيد الكاتب الكاتبة الباحث الباحثة "
        "المبعوث المبعوثة المندوب المندوبة الوزير الوزيرة السيناتور معالي سمو فخامة جلالة سماحة الحاج الأمين المطران البطريرك"
    ).split()
)
# (دولة is no title of its own: "13 دولة مقابل امتناع …" counts states; "دولة الرئيس
# نجيب ميقاتي" has its title in الرئيس.)
# Nouns of places named after people: "مخيم أبو شوك"، "حي أبو سليم"، "شارع جمال عبد الناصر".
# A name right after one is the place's name, not a person in the news.
PLACE_NOUNS = frozenset(
    key_of(w)
    for w in (
        "مخيم معبر حي شارع ميدان ساحة دوار جسر سد ميناء مطار مستشفى مسجد جامع مدرسة بلدة قرية "
        "ضاحية مخيمات"
    ).split()
)
# Regnal ordinals after a ruler's name: "عبدالله الثاني"، "محمد السادس".
REGNAL = frozenset(key_of(w) for w in "الأول الثاني الثالث الرابع الخامس السادس السابع".split())
# Second words of two-word ranks: "الفريق أول"، "اللواء الركن".
RANK_TAILS = frozenset(key_of(w) for w in "أول الركن ركن طيار بحري".split())
# Role nouns: after a quoted name ("أليكس ستار" ممثل …) or before one after an organisation.
ROLE_WORDS = frozenset(
    key_of(w)
    for w in (
        "ممثل ممثلة المستشار المستشارة الرئيس الرئيسة الرئيسان الرئيستان رئيس رئيسة قيادي قيادية "
        "قياديان قياديون ناطق ناطقة ناطقان الناطق الناطقة المتحدث المتحدثة متحدث قائد القائد "
        "عضو عضوة مسؤول مسؤولة مدير مديرة وزير وزيرة السفير سفير المبعوث مبعوث نائب نائبة الأمين "
        "أمين السكرتير سكرتير الرئيسان المشتركان القياديان مندوب مندوبة المندوب المندوبة ولي"
    ).split()
)
# Words that are never part of a name (pronouns, particles, frequent verbs and nouns).
NOT_NAME = frozenset(
    key_of(w)
    for w in (
        "في من عن مع أن إن أنه إنه أنها بأن كان كانت قد لقد هذا هذه ذلك تلك الذي التي "
        "هو هي هم نحن أنا كل بعض بين حول خلال عبر ضد لدى عند بعد قبل منذ حتى ثم أو أم لا لم لن "
        "ما ماذا كيف أين متى قال قالت وقال وقالت أكد أكدت وأكد وأكدت أضاف أضافت أشار أشارت "
        "أوضح أوضحت تابع تابعت ذكر ذكرت أعلن أعلنت دعا دعت يوم اليوم أمس غدا عام سنة شهر "
        "رئيس وزير مدير قائد ممثل عضو ناطق حيث كما وقد وكان لها له لهم بها به بهم فيها فيه "
        "الذين أيضا أيضاً جدا ضمن نحو وفق وفقا بحسب حسب مثل غير دون سوى إلا بل لكن ولكن "
        "المجلس الوفد وفد الاجتماع المؤتمر بيان البيان كلمة كلمته مقر مدينة منطقة بلدة قرية "
        "شمال جنوب شرق غرب وسط ريف رحبت رحب شكر أول الركن ركن"
    ).split()
)
# First words of compound given names whose second word is الدين / الإسلام / العابدين:
# "نور الدين الطبوبي"، "سيف الإسلام القذافي"، "زين العابدين بن علي".
DIN_FIRST = frozenset(
    key_of(w)
    for w in (
        "نور صلاح عز سيف شمس علاء جمال بدر نصر خير محيي محي زين تاج فخر كمال عماد حسام بهاء "
        "شرف ضياء عصام سعد نجم سراج ركن قطب معين تقي جلال برهان ناصر حسن محب"
    ).split()
)
DIN_SECOND = frozenset(key_of(w) for w in "الدين الإسلام العابدين".split())
# Particles inside European names: "ستافان دي ميستورا"، "أورسولا فون دير لاين"، "فان ديك".
NAME_PARTICLES = frozenset(key_of(w) for w in "دي دو دا فون فان دير ديل".split())
# Words that join the parts of a family name: بن/ابن/بنت (son/daughter of), آل (house of),
# ولد (son of, Mauritanian: "إسماعيل ولد الشيخ أحمد").
CHAIN_WORDS = frozenset(key_of(w) for w in "بن ابن بنت آل ولد".split())
# Heads of organisations named after a person: "كتائب عز الدين القسام"، "جامعة محمد الخامس"،
# "مؤسسة محمد بن راشد". (Not حكومة, إدارة: "حكومة محمد شياع السوداني" names the man.)
NAMED_AFTER_HEADS = frozenset(
    key_of(w)
    for w in "كتائب لواء جامعة مؤسسة مركز جمعية صندوق فيلق فرقة مجموعة أكاديمية مكتبة جائزة".split()
)
