package io.masthead.demo;

import java.util.List;

/**
 * The word banks the demo writer draws on, one per language. Every name, place and
 * organisation here is invented; none of the text is taken from anywhere.
 */
record Copy(
    List<String> places,
    List<String> people,
    List<String> roles,
    List<String> weekdays,
    List<String> sentences,
    List<String> quotes,
    List<String> subheadings,
    List<String> headlinePatterns,
    List<String> standfirstPatterns) {

  /** The nouns of one section's news: who acts, what they act on, and what they do. */
  record Beat(List<String> subjects, List<String> objects, List<String> actions) {}

  static final Copy ENGLISH = new Copy(
      List.of("Port Esker", "Valdmoor", "Carrow Bay", "Lindqvist Island", "New Halden", "Sarnak", "the Orrin Valley",
          "Maribel", "East Tolland", "Kestrel Point", "Almara", "Brenholt", "Quillon", "the Ardent Coast", "Fenwick"),
      List.of("Lena Varga", "Samuel Adeyemi", "Priya Castell", "Jonah Whitlock", "Amira Haddad", "Oskar Lindahl",
          "Farah Nadeem", "Luca Bertolini", "Noor Qasim", "Helen Marsh", "Ruben Salgado", "Yusuf Demir",
          "Greta Solberg", "Tobias Mwangi", "Celia Fontaine"),
      List.of("chairs the regional council", "leads the research group", "runs a family business in the town",
          "has represented the district for a decade", "speaks for the workers' association",
          "directs the local hospital", "coaches the junior squad", "heads the port authority"),
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
      List.of(
          "Officials in {place} said on {weekday} that the {object} would be reviewed before the end of the month.",
          "{person}, who {role}, said the decision reflected months of careful work by local teams.",
          "The plan covers {n} communities and is expected to cost about {money} over five years.",
          "Critics argue that the timetable leaves too little room for public comment.",
          "Residents interviewed this week described a mix of hope and caution.",
          "A spokesperson for {subject} declined to give further details, citing talks that are still under way.",
          "Figures released on {weekday} show a rise of {pct} per cent compared with the same period last year.",
          "The next meeting is scheduled for early next month, when a final vote is expected.",
          "Analysts said the move could set an example for neighbouring regions.",
          "{person} added that the first results would be published in the spring.",
          "The proposal was first raised two years ago but stalled amid disagreements over funding.",
          "Independent observers will monitor how the {object} is carried out.",
          "Some {n} people attended an open meeting in {place} to hear the details.",
          "Supporters say the change is overdue; opponents warn that it was rushed.",
          "The regional statistics office said the trend had held for three consecutive quarters.",
          "Local newspapers in {place} have followed the story closely since the summer.",
          "It is not yet clear how the {object} will affect smaller towns along the coast.",
          "A report commissioned by {subject} recommended a phased approach.",
          "Weather conditions delayed parts of the work by several days.",
          "The authorities have promised to publish a full account once the review is complete."),
      List.of(
          "\u201cWe have listened to what people told us, and this is our answer,\u201d said {person}.",
          "\u201cNobody expected this to be easy, but the first signs are encouraging,\u201d {person} told reporters.",
          "\u201cThere are still questions that deserve clear answers,\u201d said {person}, who {role}.",
          "\u201cThis is about the next twenty years, not the next election,\u201d {person} said."),
      List.of("What happens next", "Background", "Reaction", "The numbers", "A long road"),
      List.of("{Subject} {action} {object} in {place}", "{place}: {subject} {action} {object}",
          "{Subject} {action} {object} after weeks of debate", "Why {subject} {action} {object}",
          "{Subject} {action} {object} as {place} waits"),
      List.of("The decision affects {n} communities and follows months of talks.",
          "{person}, who {role}, says the change was long overdue.",
          "Supporters call it a turning point; critics say key questions remain.",
          "Figures show a rise of {pct} per cent since last year."));

  static final Copy ARABIC = new Copy(
      List.of("ميناء إسكر", "وادي أورين", "جزيرة ليندا", "مرفأ كارو", "سهل المرجان", "مدينة الندى", "تلال الريح",
          "سرناك", "ألمارا", "نيو هالدن", "رأس الصقر", "وادي السنديان", "بلدة الزيتون", "الساحل الذهبي", "قرية النخيل"),
      List.of("سلمى الحداد", "يوسف القاسم", "ليلى منصور", "عمر الفارس", "نادية صالح", "كريم العلي", "رنا خليل",
          "طارق السعدي", "هدى النجار", "فادي عيسى", "مريم يوسف", "سامر حداد", "جود الأحمد", "باسل ناصر", "دانة فؤاد"),
      List.of("يرأس المجلس الإقليمي", "يقود فريق البحث", "يدير مشروعًا عائليًا في البلدة", "يمثل الدائرة منذ عقد",
          "يتحدث باسم رابطة العمال", "يدير المستشفى المحلي", "يدرب فريق الناشئين", "يرأس هيئة الميناء"),
      List.of("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
      List.of(
          "قال مسؤولون في {place} يوم {weekday} إن {object} ستخضع للمراجعة قبل نهاية الشهر.",
          "وقال {person}، الذي {role}، إن القرار جاء بعد أشهر من العمل الدقيق للفرق المحلية.",
          "وتشمل الخطة {n} بلدة، ومن المتوقع أن تبلغ كلفتها نحو {money} على مدى خمس سنوات.",
          "ويرى منتقدون أن الجدول الزمني لا يترك مجالًا كافيًا لآراء الجمهور.",
          "ووصف سكان تحدثوا هذا الأسبوع مزيجًا من الأمل والحذر.",
          "ورفض متحدث باسم {subject} إعطاء مزيد من التفاصيل، مشيرًا إلى أن المحادثات ما زالت جارية.",
          "وتظهر أرقام نُشرت يوم {weekday} ارتفاعًا بنسبة {pct} في المئة مقارنة بالفترة نفسها من العام الماضي.",
          "ومن المقرر عقد الاجتماع المقبل مطلع الشهر القادم، حيث يُتوقع إجراء تصويت نهائي.",
          "وقال محللون إن هذه الخطوة قد تكون مثالًا تحتذي به المناطق المجاورة.",
          "وأضاف {person} أن النتائج الأولى ستُنشر في الربيع.",
          "وكان الاقتراح قد طُرح قبل عامين، لكنه تعثر بسبب خلافات حول التمويل.",
          "وسيتابع مراقبون مستقلون تنفيذ {object}.",
          "وحضر نحو {n} شخص اجتماعًا مفتوحًا في {place} للاستماع إلى التفاصيل.",
          "ويقول المؤيدون إن التغيير تأخر كثيرًا، بينما يحذر المعارضون من التسرع.",
          "وقال مكتب الإحصاء الإقليمي إن هذا الاتجاه استمر ثلاثة أرباع متتالية.",
          "وتتابع الصحف المحلية في {place} القصة عن كثب منذ الصيف.",
          "ولم يتضح بعد كيف ستؤثر {object} في البلدات الصغيرة على الساحل.",
          "وأوصى تقرير أعدته {subject} باتباع نهج تدريجي.",
          "وأدت الأحوال الجوية إلى تأخير بعض الأعمال عدة أيام.",
          "ووعدت السلطات بنشر تقرير كامل فور انتهاء المراجعة."),
      List.of(
          "\u00ab\u0627\u0633\u062a\u0645\u0639\u0646\u0627 \u0625\u0644\u0649 \u0645\u0627 \u0642\u0627\u0644\u0647 \u0627\u0644\u0646\u0627\u0633\u060c \u0648\u0647\u0630\u0627 \u0647\u0648 \u062c\u0648\u0627\u0628\u0646\u0627\u00bb\u060c \u0642\u0627\u0644 {person}.",
          "«لم يتوقع أحد أن يكون الأمر سهلًا، لكن المؤشرات الأولى مشجعة»، قال {person} للصحفيين.",
          "«ما زالت هناك أسئلة تستحق إجابات واضحة»، قال {person}، الذي {role}.",
          "«الأمر يتعلق بالسنوات العشرين المقبلة، لا بالانتخابات المقبلة»، قال {person}."),
      List.of("ما الخطوة التالية", "خلفية", "ردود الفعل", "بالأرقام", "طريق طويل"),
      List.of("{action} {object} في {place}", "{place}: {action} {object}", "{subject}: {action} {object}",
          "{action} {object} بعد أسابيع من النقاش", "{place} تترقب {action} {object}"),
      List.of("يشمل القرار {n} بلدة ويأتي بعد أشهر من المحادثات.",
          "يقول {person}، الذي {role}، إن التغيير تأخر كثيرًا.",
          "يراه المؤيدون نقطة تحول، ويقول المنتقدون إن أسئلة أساسية ما زالت قائمة.",
          "تظهر الأرقام ارتفاعًا بنسبة {pct} في المئة منذ العام الماضي."));
}
