package io.masthead.demo;

import io.masthead.wire.Signal;
import io.masthead.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Agency copy for the demo's wire desk, for {@code masthead wire simulate} and for the grouping's
 * labelled set: events of a few kinds (earthquakes, elections, strikes, floods, rate decisions,
 * matches), each written up by several fictional agencies in their own words, in English and
 * Arabic, with updates, relayed copies and now and then a kill; events of the same kind happen in
 * other places at the same time, so that grouping must tell them apart by names, places and
 * numbers. Every name is invented. Deterministic for a seed.
 */
public final class WireStories {
  /** A fictional agency: its name, the format it delivers in, and the languages it writes. */
  public record Agency(String name, WireFormat format, List<String> languages) {}

  public static final List<Agency> AGENCIES = List.of(
      new Agency("Northwire", WireFormat.RSS, List.of("en")),
      new Agency("Kestrel", WireFormat.NINJS, List.of("en", "ar")),
      new Agency("Sahel Press", WireFormat.NEWSML_G2, List.of("ar", "en")));

  /** One agency's item about one event, at one version; {@code event} is the true grouping. */
  public record Story(
      int event,
      Agency agency,
      String language,
      String guid,
      int version,
      Signal signal,
      int urgency,
      String headline,
      String lead,
      List<String> paragraphs,
      List<String> subjects,
      String place,
      String dateline,
      Instant at) {}

  /** Names in both languages. */
  private record Name(String en, String ar) {
    String in(String language) {
      return language.equals("ar") ? ar : en;
    }
  }

  /** Syllables in both scripts: places and people are made of two, so few events share one. */
  private static final List<Name> PLACE_STARTS = List.of(
      new Name("Hal", "هال"),
      new Name("Mir", "مير"),
      new Name("Tes", "تيس"),
      new Name("Var", "فار"),
      new Name("Kan", "كان"),
      new Name("Os", "أوس"),
      new Name("Lys", "ليس"),
      new Name("Dra", "درا"),
      new Name("Sun", "صن"),
      new Name("Cal", "كال"),
      new Name("Bel", "بيل"),
      new Name("Tor", "تور"));

  private static final List<Name> PLACE_ENDS = List.of(
      new Name("vern", "فيرن"),
      new Name("ova", "وفا"),
      new Name("selt", "سلت"),
      new Name("holm", "هولم"),
      new Name("dor", "دور"),
      new Name("trel", "تريل"),
      new Name("burg", "بورغ"),
      new Name("vina", "فينا"),
      new Name("mere", "مير"),
      new Name("stad", "ستاد"));
  private static final List<Name> FIRST_NAMES = List.of(
      new Name("Ilse", "إلسه"),
      new Name("Tomas", "توماس"),
      new Name("Amira", "أميرة"),
      new Name("Jonas", "يوناس"),
      new Name("Lina", "لينا"),
      new Name("Omar", "عمر"),
      new Name("Petra", "بيترا"),
      new Name("Karim", "كريم"),
      new Name("Elena", "إيلينا"),
      new Name("Yusuf", "يوسف"),
      new Name("Mara", "مارا"),
      new Name("Idris", "إدريس"));
  private static final List<Name> SURNAMES = List.of(
      new Name("Varga", "فارغا"),
      new Name("Reyne", "رين"),
      new Name("Haddad", "حداد"),
      new Name("Feld", "فيلد"),
      new Name("Sorel", "سوريل"),
      new Name("Bekri", "بكري"),
      new Name("Lund", "لوند"),
      new Name("Nasser", "ناصر"),
      new Name("Moss", "موس"),
      new Name("Arslan", "أرسلان"),
      new Name("Okoro", "أوكورو"),
      new Name("Castel", "كاستيل"));

  private static final List<Name> CLUBS = List.of(
      new Name("Rovers", "روفرز"),
      new Name("United", "يونايتد"),
      new Name("Athletic", "أتلتيك"),
      new Name("City", "سيتي"),
      new Name("Wanderers", "وندررز"));

  private static Name team(Name town, Random random) {
    var club = CLUBS.get(random.nextInt(CLUBS.size()));
    return new Name(town.en() + " " + club.en(), town.ar() + " " + club.ar());
  }

  private static final List<Name> COUNTRIES = List.of(
      new Name("Estrania", "إسترانيا"),
      new Name("Norvalia", "نورفاليا"),
      new Name("Casmir", "كاسمير"),
      new Name("Talvora", "تالفورا"),
      new Name("Oristan", "أوريستان"),
      new Name("Belmark", "بلمارك"));

  /**
   * One kind of event, written three ways in each language: headline, lead, two paragraphs.
   * {P} place, {C} country, {X} person, {T} and {U} teams, {N} and {M} numbers.
   */
  private record Kind(String subject, String subjectAr, Map<String, List<String[]>> ways) {}

  private static final List<Kind> KINDS = List.of(
      new Kind(
          "Earthquakes",
          "زلازل",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "Earthquake of magnitude {N}.{M} strikes {P}, at least {K} dead",
                        "A strong earthquake shook {P} before dawn, killing at least {K} people, Mayor {X} said.",
                        "Buildings collapsed in the old town of {P} and rescue teams searched the rubble through the morning.",
                        "The quake of magnitude {N}.{M} struck at a shallow depth, the seismic institute of {C} said."
                      },
                      new String[] {
                        "Deadly quake hits {P} as buildings collapse",
                        "At least {K} people died when a {N}.{M} magnitude earthquake hit {P} early on Tuesday.",
                        "{X}, the mayor, said emergency shelters had opened in schools across {P}.",
                        "Aftershocks rattled the region of {C} for hours, residents said."
                      },
                      new String[] {
                        "{K} killed as strong quake rocks {P}",
                        "A {N}.{M}-magnitude earthquake rocked {P} in {C}, killing {K} and injuring dozens, officials said.",
                        "\"We are still counting,\" {X} told reporters near the collapsed market of {P}.",
                        "Rescuers from across {C} were sent to the city."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "زلزال بقوة {N}.{M} درجات يضرب {P} ويقتل {K} أشخاص على الأقل",
                        "قتل {K} أشخاص على الأقل في زلزال ضرب مدينة {P} فجر اليوم، وفق ما أعلنت رئيسة البلدية {X}.",
                        "وانهارت مبان في البلدة القديمة في {P} وبحثت فرق الإنقاذ تحت الأنقاض طوال الصباح.",
                        "وقال معهد الزلازل في {C} إن الزلزال وقع على عمق ضحل."
                      },
                      new String[] {
                        "مقتل {K} أشخاص في زلزال قوي في {P}",
                        "ضرب زلزال بقوة {N}.{M} درجات مدينة {P} في {C} صباح الثلاثاء وأسفر عن مقتل {K} أشخاص.",
                        "وقالت {X} إن مراكز إيواء فتحت في المدارس في أنحاء {P}.",
                        "وشعر السكان بهزات ارتدادية في {C} لساعات."
                      },
                      new String[] {
                        "زلزال مدمر في {P} وانهيار مبان",
                        "أعلنت السلطات في {C} مقتل {K} أشخاص وإصابة العشرات في زلزال بقوة {N}.{M} درجات ضرب {P}.",
                        "وقالت {X} للصحفيين قرب السوق المنهار في {P}: ما زلنا نحصي الضحايا.",
                        "وأرسلت فرق إنقاذ من أنحاء {C} إلى المدينة."
                      }))),
      new Kind(
          "Elections",
          "انتخابات",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "{X} wins presidential election in {C} with {N}% of the vote",
                        "{X} won the presidential election in {C} with {N} percent of the vote, the electoral commission said.",
                        "Supporters gathered in the capital, {P}, as the results were read out late on Sunday.",
                        "Turnout was {M} percent, the commission said."
                      },
                      new String[] {
                        "{C} elects {X} as president",
                        "Voters in {C} chose {X} as their next president, giving the former minister {N}% in the first round.",
                        "The result in {P} was celebrated with fireworks over the river.",
                        "Rivals conceded defeat before midnight."
                      },
                      new String[] {
                        "{X} claims victory in {C} presidential vote",
                        "{X} claimed victory in {C}'s presidential election after official results gave {N} percent.",
                        "Observers in {P} said the vote, with a turnout of {M} percent, was orderly.",
                        "The new president takes office next month."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "{X} يفوز بالانتخابات الرئاسية في {C} بنسبة {N}% من الأصوات",
                        "فاز {X} بالانتخابات الرئاسية في {C} بحصوله على {N} في المئة من الأصوات، وفق لجنة الانتخابات.",
                        "وتجمع أنصاره في العاصمة {P} مع إعلان النتائج مساء الأحد.",
                        "وبلغت نسبة المشاركة {M} في المئة."
                      },
                      new String[] {
                        "{C} تنتخب {X} رئيسا",
                        "اختار الناخبون في {C} {X} رئيسا جديدا للبلاد بنسبة {N}% في الجولة الأولى.",
                        "واحتفل السكان في {P} بالنتيجة بالألعاب النارية.",
                        "وأقر المنافسون بالهزيمة قبل منتصف الليل."
                      },
                      new String[] {
                        "{X} يعلن فوزه في انتخابات الرئاسة في {C}",
                        "أعلن {X} فوزه في الانتخابات الرئاسية في {C} بعد أن منحته النتائج الرسمية {N} في المئة.",
                        "وقال مراقبون في {P} إن التصويت جرى بهدوء وبلغت المشاركة {M} في المئة.",
                        "ويتولى الرئيس الجديد مهامه الشهر المقبل."
                      }))),
      new Kind(
          "Strikes",
          "إضرابات",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "Dock workers strike in {P}, port closed",
                        "About {N},000 dock workers walked out in {P} on Monday, closing the port, union leader {X} said.",
                        "Ships queued outside the harbour of {P} as talks with employers broke down.",
                        "The union in {C} is asking for a {M} percent rise."
                      },
                      new String[] {
                        "Port of {P} shut as dockers walk out",
                        "The port of {P} in {C} was shut after {N},000 dockers began an open-ended strike over pay.",
                        "{X}, who leads the dockers' union, said the strike would go on until an offer came.",
                        "Employers called the {M} percent demand unaffordable."
                      },
                      new String[] {
                        "Strike halts shipping at {P}",
                        "Shipping at {P} came to a halt as {N},000 port workers went on strike, the union said.",
                        "\"We have waited long enough,\" said {X}, speaking at the gates of the port of {P}.",
                        "Talks are due to resume in {C}'s capital on Thursday."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "إضراب عمال الموانئ في {P} وإغلاق الميناء",
                        "أضرب نحو {N} آلاف من عمال الموانئ في {P} يوم الاثنين ما أدى إلى إغلاق الميناء، وفق النقابي {X}.",
                        "واصطفت السفن خارج ميناء {P} بعد انهيار المفاوضات مع أرباب العمل.",
                        "وتطالب النقابة في {C} بزيادة قدرها {M} في المئة."
                      },
                      new String[] {
                        "إغلاق ميناء {P} مع إضراب العمال",
                        "أغلق ميناء {P} في {C} بعد أن بدأ {N} آلاف عامل إضرابا مفتوحا بسبب الأجور.",
                        "وقال {X} رئيس نقابة عمال الموانئ إن الإضراب سيستمر حتى تقديم عرض.",
                        "ووصف أرباب العمل المطالبة بزيادة {M} في المئة بأنها غير ممكنة."
                      },
                      new String[] {
                        "الإضراب يوقف الملاحة في {P}",
                        "توقفت الملاحة في {P} بعد أن أضرب {N} آلاف عامل في الميناء، وفق النقابة.",
                        "وقال {X} عند بوابة ميناء {P}: انتظرنا بما فيه الكفاية.",
                        "ومن المقرر استئناف المحادثات في عاصمة {C} يوم الخميس."
                      }))),
      new Kind(
          "Floods",
          "فيضانات",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "Floods force {N},000 from their homes in {P}",
                        "Floodwaters forced {N},000 people from their homes in {P} after days of heavy rain, officials in {C} said.",
                        "The river burst its banks overnight, and the army used boats to reach villages near {P}.",
                        "Governor {X} said {M} shelters had been opened."
                      },
                      new String[] {
                        "Thousands evacuated as river floods {P}",
                        "Some {N},000 residents of {P} were evacuated as the river rose to its highest level in decades.",
                        "{X}, the regional governor, asked people in {C} to avoid the roads.",
                        "More rain is forecast for the next {M} days."
                      },
                      new String[] {
                        "Heavy rain floods {P}, {N},000 evacuated",
                        "Heavy rain flooded large parts of {P} in {C}, and {N},000 people left their homes.",
                        "\"The water came in minutes,\" said a resident, as governor {X} visited the shelters.",
                        "Schools in {P} will stay closed for {M} days."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "الفيضانات تجبر {N} آلاف على مغادرة منازلهم في {P}",
                        "أجبرت الفيضانات {N} آلاف شخص على مغادرة منازلهم في {P} بعد أيام من الأمطار الغزيرة، وفق مسؤولين في {C}.",
                        "وفاض النهر ليلا واستخدم الجيش القوارب للوصول إلى القرى قرب {P}.",
                        "وقال المحافظ {X} إن {M} مراكز إيواء فتحت."
                      },
                      new String[] {
                        "إجلاء الآلاف مع فيضان النهر في {P}",
                        "أجلي نحو {N} آلاف من سكان {P} مع ارتفاع منسوب النهر إلى أعلى مستوى منذ عقود.",
                        "وطلب {X} من السكان في {C} تجنب الطرق.",
                        "ويتوقع هطول مزيد من الأمطار خلال {M} أيام."
                      },
                      new String[] {
                        "أمطار غزيرة تغرق {P} وإجلاء {N} آلاف",
                        "أغرقت أمطار غزيرة أجزاء واسعة من {P} في {C} وغادر {N} آلاف شخص منازلهم.",
                        "وزار المحافظ {X} مراكز الإيواء في المدينة.",
                        "وستبقى المدارس في {P} مغلقة {M} أيام."
                      }))),
      new Kind(
          "Central banks",
          "البنوك المركزية",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "Central bank of {C} holds rates at {N}.{M}%",
                        "The central bank of {C} kept its main interest rate at {N}.{M} percent on Thursday, as markets expected.",
                        "Governor {X} said inflation was easing but that it was too early to cut.",
                        "The decision was taken in {P} by a majority of the board."
                      },
                      new String[] {
                        "{C} leaves key rate unchanged at {N}.{M} percent",
                        "{C}'s central bank left its key rate unchanged at {N}.{M}%, citing stubborn prices.",
                        "\"We will wait and see,\" governor {X} told reporters in {P}.",
                        "Analysts had expected no change."
                      },
                      new String[] {
                        "{X}: {C} keeps rates on hold",
                        "Central bank governor {X} said {C} would keep its benchmark rate at {N}.{M} percent for now.",
                        "The bank meets again in {P} in six weeks.",
                        "The currency rose slightly after the announcement."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "البنك المركزي في {C} يبقي الفائدة عند {N}.{M}%",
                        "أبقى البنك المركزي في {C} سعر الفائدة الرئيسي عند {N}.{M} في المئة يوم الخميس كما توقعت الأسواق.",
                        "وقال المحافظ {X} إن التضخم يتراجع لكن الوقت مبكر للخفض.",
                        "واتخذ القرار في {P} بأغلبية أعضاء المجلس."
                      },
                      new String[] {
                        "{C} تبقي سعر الفائدة دون تغيير عند {N}.{M} في المئة",
                        "أبقى البنك المركزي في {C} سعر الفائدة دون تغيير عند {N}.{M}% بسبب استمرار ارتفاع الأسعار.",
                        "وقال المحافظ {X} للصحفيين في {P}: سننتظر ونرى.",
                        "وكان المحللون قد توقعوا عدم التغيير."
                      },
                      new String[] {
                        "{X}: {C} تبقي أسعار الفائدة دون تغيير",
                        "قال محافظ البنك المركزي {X} إن {C} ستبقي سعر الفائدة المرجعي عند {N}.{M} في المئة حاليا.",
                        "ويجتمع البنك مجددا في {P} بعد ستة أسابيع.",
                        "وارتفعت العملة قليلا بعد الإعلان."
                      }))),
      new Kind(
          "Football",
          "كرة القدم",
          Map.of(
              "en",
                  List.of(
                      new String[] {
                        "{T} beat {U} {N}-{M} to reach the cup final",
                        "{T} beat {U} {N}-{M} in {P} on Saturday to reach the cup final.",
                        "Captain {X} scored the winner ten minutes from time.",
                        "{U} had led at half-time."
                      },
                      new String[] {
                        "{X} sends {T} into final against {U}'s hopes",
                        "A late goal from {X} gave {T} a {N}-{M} win over {U} and a place in the final.",
                        "The semi-final in {P} was watched by a full stadium.",
                        "The final is played next month."
                      },
                      new String[] {
                        "{T} into cup final after {N}-{M} win",
                        "{T} are through to the cup final after defeating {U} {N}-{M} in {P}.",
                        "\"The team never gave up,\" said {X}, who scored the decisive goal.",
                        "It is their first final in a decade."
                      }),
              "ar",
                  List.of(
                      new String[] {
                        "{T} يفوز على {U} {N}-{M} ويبلغ نهائي الكأس",
                        "فاز {T} على {U} {N}-{M} في {P} يوم السبت وبلغ نهائي الكأس.",
                        "وسجل القائد {X} هدف الفوز قبل عشر دقائق من النهاية.",
                        "وكان {U} متقدما في الشوط الأول."
                      },
                      new String[] {
                        "{X} يقود {T} إلى النهائي على حساب {U}",
                        "منح هدف متأخر من {X} فريق {T} الفوز على {U} {N}-{M} والتأهل إلى النهائي.",
                        "وأقيمت مباراة نصف النهائي في {P} أمام مدرجات ممتلئة.",
                        "وتقام المباراة النهائية الشهر المقبل."
                      },
                      new String[] {
                        "{T} إلى نهائي الكأس بعد الفوز {N}-{M}",
                        "تأهل {T} إلى نهائي الكأس بعد فوزه على {U} {N}-{M} في {P}.",
                        "وقال {X} صاحب الهدف الحاسم: الفريق لم يستسلم أبدا.",
                        "وهو أول نهائي للفريق منذ عقد."
                      }))));

  private WireStories() {}

  /**
   * The items of {@code events} events starting at {@code start}, a few minutes apart: each event
   * written up by two or three agencies (in one language, sometimes both), sometimes relayed by
   * another agency nearly word for word, sometimes updated, and one in twenty killed. Sorted by
   * time.
   */
  public static List<Story> stories(long seed, int firstEvent, int events, Instant start) {
    var random = new Random(seed * 31 + firstEvent);
    // Every place and person once in a while, in a shuffled order: two events of a day rarely
    // share them, as in the news; events of one kind still happen side by side.
    var places = new ArrayList<Name>();
    for (var a : PLACE_STARTS)
      for (var b : PLACE_ENDS) places.add(new Name(a.en() + b.en(), a.ar() + b.ar()));
    java.util.Collections.shuffle(places, new Random(seed));
    var people = new ArrayList<Name>();
    for (var a : FIRST_NAMES)
      for (var b : SURNAMES) people.add(new Name(a.en() + " " + b.en(), a.ar() + " " + b.ar()));
    java.util.Collections.shuffle(people, new Random(seed + 1));
    var out = new ArrayList<Story>();
    for (int e = firstEvent; e < firstEvent + events; e++) {
      var kind = KINDS.get(random.nextInt(KINDS.size()));
      var facts = new String[][] {
        both(places.get(e % places.size())),
        both(COUNTRIES.get(random.nextInt(COUNTRIES.size()))),
        both(people.get(e % people.size())),
        both(team(places.get((e + 7) % places.size()), random)),
        both(team(places.get((e + 13) % places.size()), random)),
      };
      int n = 2 + random.nextInt(60);
      int m = 1 + random.nextInt(9);
      int k = 3 + random.nextInt(80);
      var language = random.nextInt(3) == 0 ? "ar" : "en";
      var at = start.plus(Duration.ofMinutes(3L * (e - firstEvent)));
      var writers = new ArrayList<Agency>();
      for (var agency : AGENCIES)
        if (agency.languages().contains(language) && random.nextInt(5) > 0) writers.add(agency);
      if (writers.isEmpty())
        writers.add(AGENCIES.stream()
            .filter(a -> a.languages().contains(language))
            .findFirst()
            .orElseThrow());
      var ways = kind.ways().get(language);
      int offset = random.nextInt(ways.size());
      for (int w = 0; w < writers.size(); w++) {
        var agency = writers.get(w);
        var way = ways.get((offset + w) % ways.size());
        var when = at.plus(Duration.ofSeconds(40L * w + random.nextInt(30)));
        var story = story(e, agency, language, kind, way, facts, n, m, k, 1, when, random);
        out.add(story);
        // An update: a higher toll, a later time (the same agency, the same id).
        if (random.nextInt(6) == 0)
          out.add(story(
              e,
              agency,
              language,
              kind,
              way,
              facts,
              n,
              m,
              k + 2 + random.nextInt(9),
              2,
              when.plus(Duration.ofMinutes(20 + random.nextInt(40))),
              random));
      }
      // A relay: another agency re-files the last item's text, barely edited.
      if (random.nextInt(5) == 0) {
        var source = out.getLast();
        var relay = AGENCIES.stream()
            .filter(a -> !a.equals(source.agency()) && a.languages().contains(language))
            .findFirst();
        if (relay.isPresent()) {
          var paragraphs = new ArrayList<>(source.paragraphs());
          paragraphs.set(
              0,
              paragraphs
                  .get(0)
                  .replaceFirst(
                      "\\.$",
                      language.equals("ar") ? "، بحسب تقارير." : ", according to reports."));
          out.add(new Story(
              e,
              relay.get(),
              language,
              guid(relay.get(), e, "relay"),
              1,
              Signal.USABLE,
              5,
              source.headline(),
              source.lead(),
              paragraphs,
              source.subjects(),
              source.place(),
              source.dateline(),
              source.at().plus(Duration.ofMinutes(5))));
        }
      }
    }
    // One event in twenty has its first item killed an hour later.
    var kills = new ArrayList<Story>();
    var killed = new java.util.HashSet<Integer>();
    for (var s : out) {
      if (s.version() == 1
          && s.event() % 20 == 7
          && !s.guid().contains(":relay-")
          && killed.add(s.event())) {
        kills.add(new Story(
            s.event(),
            s.agency(),
            s.language(),
            s.guid(),
            3,
            Signal.KILLED,
            s.urgency(),
            (s.language().equals("ar") ? "إلغاء: " : "KILL: ") + s.headline(),
            s.lead(),
            List.of(
                s.language().equals("ar")
                    ? "ألغي هذا الخبر. لا تستخدموه."
                    : "This story is withdrawn. Do not use."),
            s.subjects(),
            s.place(),
            s.dateline(),
            s.at().plus(Duration.ofHours(1))));
      }
    }
    out.addAll(kills);
    out.sort(java.util.Comparator.comparing(Story::at));
    return out;
  }

  private static String[] both(Name name) {
    return new String[] {name.en(), name.ar()};
  }

  private static Story story(
      int event,
      Agency agency,
      String language,
      Kind kind,
      String[] way,
      String[][] facts,
      int n,
      int m,
      int k,
      int version,
      Instant at,
      Random random) {
    int l = language.equals("ar") ? 1 : 0;
    var t = facts[3][l];
    var u = facts[4][l].equals(t)
        ? (language.equals("ar") ? "فريق الضيوف" : "the visitors")
        : facts[4][l];
    java.util.function.UnaryOperator<String> fill = text -> text.replace("{P}", facts[0][l])
        .replace("{C}", facts[1][l])
        .replace("{X}", facts[2][l])
        .replace("{T}", t)
        .replace("{U}", u)
        .replace("{N}", Integer.toString(n))
        .replace("{M}", Integer.toString(m))
        .replace("{K}", Integer.toString(k));
    var dateline =
        agency.format() == WireFormat.RSS ? "" : facts[0][l].toUpperCase(java.util.Locale.ROOT);
    return new Story(
        event,
        agency,
        language,
        guid(agency, event, ""),
        version,
        Signal.USABLE,
        kind.subject().equals("Earthquakes") ? 2 : 3 + random.nextInt(4),
        fill.apply(way[0]),
        fill.apply(way[1]),
        List.of(fill.apply(way[1]), fill.apply(way[2]), fill.apply(way[3])),
        List.of(language.equals("ar") ? kind.subjectAr() : kind.subject()),
        facts[0][l],
        dateline,
        at);
  }

  private static String guid(Agency agency, int event, String kind) {
    var base = agency.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    return "urn:" + base + ":demo:" + (kind.isEmpty() ? "" : kind + "-") + event;
  }
}
