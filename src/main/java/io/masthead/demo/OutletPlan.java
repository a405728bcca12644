package io.masthead.demo;

import java.util.List;

/** The structure of the demo outlet's two editions: sections with their beats, tags, people, series. */
record OutletPlan(
    String code,
    String name,
    String language,
    String direction,
    String prefix,
    boolean isDefault,
    List<SectionPlan> sections,
    List<String> tags,
    List<String[]> authors,
    List<String[]> series,
    String breaking,
    Copy copy) {

  /** A section, its parent's slug (or null), and the nouns its stories use. */
  record SectionPlan(String slug, String name, String parent, String description, Copy.Beat beat) {}

  private static Copy.Beat beat(List<String> subjects, List<String> objects, List<String> actions) {
    return new Copy.Beat(subjects, objects, actions);
  }

  // English subjects are all plural, so that every action agrees with every subject.
  private static final List<String> EN_ACTIONS = List.of(
      "approve",
      "reject",
      "unveil",
      "delay",
      "push for",
      "review",
      "expand",
      "question",
      "back",
      "pause");
  // Arabic headlines use verbal nouns, as Arabic newspapers often do, so no verb agrees with a
  // subject.
  private static final List<String> AR_ACTIONS =
      List.of("إقرار", "رفض", "إطلاق", "تأجيل", "توسيع", "مراجعة", "تعليق", "دعم", "بحث", "تعديل");

  static final OutletPlan ENGLISH = new OutletPlan(
      "en",
      "English",
      "en",
      "ltr",
      "",
      true,
      List.of(
          new SectionPlan(
              "world",
              "World",
              null,
              "News from every region.",
              beat(
                  List.of(
                      "regional leaders",
                      "coastal alliance members",
                      "border officials",
                      "aid agencies"),
                  List.of(
                      "water-sharing pact",
                      "ceasefire monitoring plan",
                      "refugee support fund",
                      "port agreement"),
                  EN_ACTIONS)),
          new SectionPlan(
              "americas",
              "Americas",
              "world",
              "North, Central and South America.",
              beat(
                  List.of(
                      "northern provinces",
                      "river commissioners",
                      "trade envoys",
                      "mayors of border towns"),
                  List.of(
                      "river clean-up plan", "customs deal", "rail corridor", "fisheries accord"),
                  EN_ACTIONS)),
          new SectionPlan(
              "europe",
              "Europe",
              "world",
              "The continent and its neighbours.",
              beat(
                  List.of(
                      "northern assembly members",
                      "transport ministers",
                      "farm unions",
                      "city mayors"),
                  List.of(
                      "night-train network",
                      "energy-sharing scheme",
                      "farm subsidy reform",
                      "cross-border health plan"),
                  EN_ACTIONS)),
          new SectionPlan(
              "middle-east",
              "Middle East",
              "world",
              "The region, country by country.",
              beat(
                  List.of(
                      "desalination engineers",
                      "heritage council members",
                      "regional envoys",
                      "port operators"),
                  List.of(
                      "desalination project",
                      "heritage restoration plan",
                      "shipping lane agreement",
                      "solar park"),
                  EN_ACTIONS)),
          new SectionPlan(
              "politics",
              "Politics",
              null,
              "Parliaments, parties and policy.",
              beat(
                  List.of(
                      "coalition leaders",
                      "opposition lawmakers",
                      "finance committee members",
                      "city councillors"),
                  List.of("budget reform", "election timetable", "transport bill", "housing plan"),
                  EN_ACTIONS)),
          new SectionPlan(
              "business",
              "Business",
              null,
              "Companies, work and the economy.",
              beat(
                  List.of(
                      "rail operators", "regional bankers", "shipping firms", "small retailers"),
                  List.of(
                      "four-day week trial", "wage agreement", "expansion plan", "merger proposal"),
                  EN_ACTIONS)),
          new SectionPlan(
              "markets",
              "Markets",
              "business",
              "Prices, rates and trading.",
              beat(
                  List.of(
                      "bond traders",
                      "central bank officials",
                      "grain buyers",
                      "exchange officials"),
                  List.of(
                      "interest rate path",
                      "grain export quota",
                      "new listing rules",
                      "currency band"),
                  EN_ACTIONS)),
          new SectionPlan(
              "technology",
              "Technology",
              null,
              "Computing, networks and the people who build them.",
              beat(
                  List.of(
                      "telecoms regulators",
                      "battery makers",
                      "open-source developers",
                      "startups in Quillon"),
                  List.of(
                      "rural broadband rollout",
                      "battery recycling scheme",
                      "data protection rules",
                      "public code registry"),
                  EN_ACTIONS)),
          new SectionPlan(
              "science",
              "Science",
              null,
              "Research and discovery.",
              beat(
                  List.of(
                      "researchers", "polar survey scientists", "astronomers", "marine biologists"),
                  List.of(
                      "deep-sea survey",
                      "telescope upgrade",
                      "glacier study",
                      "seed bank expansion"),
                  EN_ACTIONS)),
          new SectionPlan(
              "health",
              "Health",
              null,
              "Medicine, care and public health.",
              beat(
                  List.of(
                      "health ministry officials",
                      "hospital staff",
                      "vaccine researchers",
                      "rural clinics"),
                  List.of(
                      "waiting-list plan",
                      "screening programme",
                      "nurse training scheme",
                      "clinic funding"),
                  EN_ACTIONS)),
          new SectionPlan(
              "culture",
              "Culture",
              null,
              "Books, film, music and the arts.",
              beat(
                  List.of(
                      "theatre directors",
                      "museum curators",
                      "festival organisers",
                      "debut novelists"),
                  List.of(
                      "free-entry scheme",
                      "restoration project",
                      "touring programme",
                      "translation prize"),
                  EN_ACTIONS)),
          new SectionPlan(
              "sport",
              "Sport",
              null,
              "Results, people and the games behind them.",
              beat(
                  List.of(
                      "national team players",
                      "Brenholt United players",
                      "marathon organisers",
                      "cycling federation officials"),
                  List.of(
                      "new stadium plan", "youth academy", "season calendar", "anti-doping rules"),
                  EN_ACTIONS))),
      List.of(
          "Climate",
          "Elections",
          "Energy",
          "Housing",
          "Water",
          "Transport",
          "Education",
          "Trade",
          "Farming",
          "Tourism",
          "Artificial intelligence",
          "Space",
          "Oceans",
          "Public health",
          "Jobs",
          "Inflation",
          "Football",
          "Athletics",
          "Cinema",
          "Music",
          "Books",
          "Archaeology",
          "Wildlife",
          "Cybersecurity",
          "Rail",
          "Budget",
          "Courts",
          "Migration",
          "Weather",
          "Diplomacy"),
      List.of(
          new String[] {
            "Mara Okafor",
            "Chief correspondent",
            "Mara Okafor has reported from four continents and now leads the foreign desk."
          },
          new String[] {
            "Tomas Reyl", "Political editor", "Tomas Reyl covers parliament and the parties."
          },
          new String[] {
            "Ines Halvorsen",
            "Science writer",
            "Ines Halvorsen writes about research, from the ocean floor to orbit."
          },
          new String[] {
            "Daniel Osei", "Business reporter", "Daniel Osei follows companies, work and wages."
          },
          new String[] {
            "Sofia Marchetti", "Culture editor", "Sofia Marchetti reviews books, film and theatre."
          },
          new String[] {
            "Arjun Mehta",
            "Technology correspondent",
            "Arjun Mehta reports on networks, software and the people behind them."
          },
          new String[] {
            "Clara Novak",
            "Health reporter",
            "Clara Novak covers hospitals, clinics and public health."
          },
          new String[] {
            "Hamza Rahimi",
            "Middle East correspondent",
            "Hamza Rahimi reports from across the region."
          },
          new String[] {
            "Erin Calloway",
            "Sport writer",
            "Erin Calloway writes about football, athletics and cycling."
          },
          new String[] {
            "Viktor Szabo", "Europe correspondent", "Viktor Szabo covers the continent's capitals."
          },
          new String[] {
            "Grace Mbeki",
            "Markets reporter",
            "Grace Mbeki follows prices, rates and trading floors."
          },
          new String[] {
            "Paulo Ferreira", "Americas correspondent", "Paulo Ferreira reports from the Americas."
          }),
      List.of(
          new String[] {
            "40 Years of the Coastal Accord",
            "Four decades after the accord that reshaped the coast, what it changed and what it did not."
          },
          new String[] {
            "The Water Question",
            "Who gets water, who pays for it, and what happens when there is not enough."
          }),
      "Storm warning issued for the Orrin Valley coast",
      Copy.ENGLISH);

  static final OutletPlan ARABIC = new OutletPlan(
      "ar",
      "العربية",
      "ar",
      "rtl",
      "/ar",
      false,
      List.of(
          new SectionPlan(
              "world",
              "العالم",
              null,
              "أخبار من كل المناطق.",
              beat(
                  List.of(
                      "القادة الإقليميون", "التحالف الساحلي", "مسؤولو الحدود", "وكالات الإغاثة"),
                  List.of(
                      "اتفاقية تقاسم المياه",
                      "خطة مراقبة الهدنة",
                      "صندوق دعم اللاجئين",
                      "اتفاقية الميناء"),
                  AR_ACTIONS)),
          new SectionPlan(
              "americas",
              "الأمريكتان",
              "world",
              "أمريكا الشمالية والوسطى والجنوبية.",
              beat(
                  List.of(
                      "المقاطعات الشمالية", "لجنة النهر", "مبعوثو التجارة", "رؤساء بلديات الحدود"),
                  List.of(
                      "خطة تنظيف النهر",
                      "الاتفاقية الجمركية",
                      "ممر السكك الحديدية",
                      "اتفاقية الصيد"),
                  AR_ACTIONS)),
          new SectionPlan(
              "europe",
              "أوروبا",
              "world",
              "القارة وجيرانها.",
              beat(
                  List.of("الجمعية الشمالية", "وزراء النقل", "نقابات المزارعين", "رؤساء البلديات"),
                  List.of(
                      "شبكة القطارات الليلية",
                      "خطة تقاسم الطاقة",
                      "إصلاح الدعم الزراعي",
                      "الخطة الصحية العابرة للحدود"),
                  AR_ACTIONS)),
          new SectionPlan(
              "middle-east",
              "الشرق الأوسط",
              "world",
              "المنطقة بلدًا بلدًا.",
              beat(
                  List.of("مهندسو التحلية", "مجلس التراث", "المبعوثون الإقليميون", "مشغلو الموانئ"),
                  List.of(
                      "مشروع تحلية المياه",
                      "خطة ترميم التراث",
                      "اتفاقية الممر الملاحي",
                      "حديقة الطاقة الشمسية"),
                  AR_ACTIONS)),
          new SectionPlan(
              "politics",
              "سياسة",
              null,
              "البرلمانات والأحزاب والسياسات.",
              beat(
                  List.of("الائتلاف الحاكم", "نواب المعارضة", "اللجنة المالية", "المجلس البلدي"),
                  List.of(
                      "إصلاح الميزانية", "الجدول الزمني للانتخابات", "قانون النقل", "خطة الإسكان"),
                  AR_ACTIONS)),
          new SectionPlan(
              "business",
              "اقتصاد",
              null,
              "الشركات والعمل والاقتصاد.",
              beat(
                  List.of(
                      "شركة السكك الحديدية الوطنية", "مصرف إقليمي", "شركات الشحن", "صغار التجار"),
                  List.of(
                      "تجربة أسبوع العمل من أربعة أيام",
                      "اتفاقية الأجور",
                      "خطة التوسع",
                      "مقترح الاندماج"),
                  AR_ACTIONS)),
          new SectionPlan(
              "markets",
              "أسواق",
              "business",
              "الأسعار والفوائد والتداول.",
              beat(
                  List.of("متداولو السندات", "البنك المركزي", "مشترو الحبوب", "البورصة"),
                  List.of(
                      "مسار أسعار الفائدة",
                      "حصة تصدير الحبوب",
                      "قواعد الإدراج الجديدة",
                      "نطاق العملة"),
                  AR_ACTIONS)),
          new SectionPlan(
              "technology",
              "تكنولوجيا",
              null,
              "الحوسبة والشبكات وصانعوها.",
              beat(
                  List.of(
                      "هيئة الاتصالات",
                      "مصنعو البطاريات",
                      "مطورو البرمجيات المفتوحة",
                      "شركة ناشئة في ألمارا"),
                  List.of(
                      "شبكة الإنترنت الريفية",
                      "برنامج تدوير البطاريات",
                      "قواعد حماية البيانات",
                      "سجل البرمجيات العام"),
                  AR_ACTIONS)),
          new SectionPlan(
              "science",
              "علوم",
              null,
              "البحث والاكتشاف.",
              beat(
                  List.of("الباحثون", "فريق المسح القطبي", "علماء الفلك", "علماء الأحياء البحرية"),
                  List.of(
                      "مسح أعماق البحر",
                      "تحديث المرصد",
                      "دراسة الأنهار الجليدية",
                      "توسيع بنك البذور"),
                  AR_ACTIONS)),
          new SectionPlan(
              "health",
              "صحة",
              null,
              "الطب والرعاية والصحة العامة.",
              beat(
                  List.of("وزارة الصحة", "طواقم المستشفيات", "باحثو اللقاحات", "العيادات الريفية"),
                  List.of(
                      "خطة قوائم الانتظار",
                      "برنامج الفحص المبكر",
                      "برنامج تدريب الممرضين",
                      "تمويل العيادات"),
                  AR_ACTIONS)),
          new SectionPlan(
              "culture",
              "ثقافة",
              null,
              "الكتب والسينما والموسيقى والفنون.",
              beat(
                  List.of("المسرح الوطني", "أمناء المتاحف", "مهرجان السينما", "روائية شابة"),
                  List.of(
                      "برنامج الدخول المجاني", "مشروع الترميم", "برنامج الجولات", "جائزة الترجمة"),
                  AR_ACTIONS)),
          new SectionPlan(
              "sport",
              "رياضة",
              null,
              "النتائج والناس والمنافسات.",
              beat(
                  List.of("المنتخب الوطني", "نادي برنهولت", "منظمو الماراثون", "اتحاد الدراجات"),
                  List.of(
                      "خطة الملعب الجديد",
                      "أكاديمية الناشئين",
                      "جدول الموسم",
                      "قواعد مكافحة المنشطات"),
                  AR_ACTIONS))),
      List.of(
          "مناخ",
          "انتخابات",
          "طاقة",
          "إسكان",
          "مياه",
          "نقل",
          "تعليم",
          "تجارة",
          "زراعة",
          "سياحة",
          "ذكاء اصطناعي",
          "فضاء",
          "محيطات",
          "صحة عامة",
          "وظائف",
          "تضخم",
          "كرة القدم",
          "ألعاب القوى",
          "سينما",
          "موسيقى",
          "كتب",
          "آثار",
          "حياة برية",
          "أمن سيبراني",
          "سكك حديدية",
          "ميزانية",
          "قضاء",
          "هجرة",
          "طقس",
          "دبلوماسية"),
      List.of(
          new String[] {
            "سلمى الحداد",
            "كبيرة المراسلين",
            "غطت سلمى الحداد أحداثًا في أربع قارات وتقود اليوم قسم الأخبار الدولية."
          },
          new String[] {"يوسف القاسم", "محرر الشؤون السياسية", "يغطي يوسف القاسم البرلمان والأحزاب."
          },
          new String[] {
            "ليلى منصور",
            "محررة العلوم",
            "تكتب ليلى منصور عن البحث العلمي من قاع المحيط إلى المدار."
          },
          new String[] {"عمر الفارس", "مراسل اقتصادي", "يتابع عمر الفارس الشركات والعمل والأجور."},
          new String[] {"نادية صالح", "محررة الثقافة", "تكتب نادية صالح عن الكتب والسينما والمسرح."
          },
          new String[] {
            "كريم العلي", "مراسل التكنولوجيا", "يغطي كريم العلي الشبكات والبرمجيات وصانعيها."
          },
          new String[] {
            "رنا خليل", "مراسلة الصحة", "تغطي رنا خليل المستشفيات والعيادات والصحة العامة."
          },
          new String[] {"طارق السعدي", "مراسل الشرق الأوسط", "يغطي طارق السعدي أخبار المنطقة."},
          new String[] {
            "هدى النجار", "محررة الرياضة", "تكتب هدى النجار عن كرة القدم وألعاب القوى والدراجات."
          },
          new String[] {"فادي عيسى", "مراسل أوروبا", "يغطي فادي عيسى عواصم القارة."},
          new String[] {
            "مريم يوسف", "مراسلة الأسواق", "تتابع مريم يوسف الأسعار والفوائد وقاعات التداول."
          },
          new String[] {"سامر حداد", "مراسل الأمريكتين", "يغطي سامر حداد أخبار الأمريكتين."}),
      List.of(
          new String[] {
            "أربعون عامًا على اتفاق الساحل",
            "بعد أربعة عقود على الاتفاق الذي غيّر الساحل: ما الذي تغير وما الذي بقي."
          },
          new String[] {
            "سؤال المياه", "من يحصل على المياه، ومن يدفع ثمنها، وماذا يحدث عندما لا تكفي."
          }),
      "تحذير من عاصفة على ساحل وادي أورين",
      Copy.ARABIC);
}
