package io.masthead.web.site;

import io.masthead.edition.Edition;
import io.masthead.web.Texts;
import java.util.List;

/** What the reader templates get: values ready to print, never rows. */
public final class SiteViews {
  private SiteViews() {}

  /** Everything around the page's own content: header, navigation, banners, footer, meta. */
  public record Chrome(
      Texts t,
      Edition edition,
      String siteName,
      String title,
      String description,
      String canonicalUrl,
      List<Link> editions,
      List<Link> nav,
      Link seriesBanner,
      Link breaking,
      String assetVersion,
      Meta meta,
      String feedPage) {

    /** The page whose feeds this page links: itself for a listing, else its edition's home. */
    public String feed(String segment) {
      return SitePaths.encode((feedPage.endsWith("/") ? feedPage : feedPage + "/") + segment);
    }

    public String lang() {
      return edition.language();
    }

    public String dir() {
      return edition.direction().attribute();
    }

    public String documentTitle() {
      return title.equals(siteName) ? siteName : title + " – " + siteName;
    }
  }

  /**
   * A link; {@code current} is its aria-current, null for none: {@value #PAGE} for a link to the
   * page the reader is on, {@value #CURRENT} for the current one of a set that is not this page
   * (the section of an article, or of a section's page 2; the sort order in use). A screen
   * reader announces "current page" for the first, "current" for the second.
   */
  public record Link(String text, String href, String current, String lang) {
    public static final String PAGE = "page";
    public static final String CURRENT = "true";

    public static Link of(String text, String href) {
      return new Link(text, href, null, null);
    }

    /**
     * The aria-current of a link to {@code href} from the page at {@code pagePath}: "page" when
     * it links that page, "true" when the page is within what it links (an article of the
     * section, the section's page 2), none otherwise.
     */
    public static String current(String href, String pagePath, boolean within) {
      return href.equals(pagePath) ? PAGE : within ? CURRENT : null;
    }

    /** The aria-current of the current one of a set of choices (editions, sort orders). */
    public static String chosen(boolean chosen) {
      return chosen ? CURRENT : null;
    }
  }

  /** Social and search metadata; {@code jsonLd} is already safe to put inside a script element. */
  public record Meta(
      String ogType,
      String publishedTime,
      String modifiedTime,
      String section,
      String jsonLd,
      List<Link> alternates,
      List<String> tags,
      SocialImage image) {
    public static Meta website() {
      return new Meta("website", null, null, null, null, List.of(), List.of(), null);
    }
  }

  /** The picture social networks show for a page: an absolute address, its size, its alt text. */
  public record SocialImage(String url, int width, int height, String alt) {}

  /**
   * A moment as the page shows it: machine form, relative form ("3 hours ago"; null where the
   * page shows the full form only), full form.
   */
  public record Stamp(String iso, String relative, String absolute) {}

  /** A story as listings show it; {@code picture} is its lead image, or null. */
  public record Story(
      String headline,
      String href,
      String standfirst,
      Link section,
      Stamp time,
      io.masthead.web.Picture picture) {}

  public record SectionBlock(Link section, List<Story> stories) {}

  public record Home(
      Chrome chrome, Story lead, List<Story> top, List<Story> latest, List<SectionBlock> blocks) {}

  public record Pagination(String newer, String older, String current) {}

  /** A section, series, tag or author page: a heading and a page of stories. */
  public record Listing(
      Chrome chrome,
      String kicker,
      String heading,
      String description,
      List<Link> breadcrumb,
      List<Link> subsections,
      List<Story> stories,
      Pagination pagination) {}

  public record Byline(String prefix, List<Link> names) {}

  public record Correction(Stamp date, String text) {}

  /** The favorites star: a form that posts to the favorites address and comes back here. */
  public record Star(long articleId, boolean starred, String action, String back) {}

  public record ArticlePage(
      Chrome chrome,
      String headline,
      String standfirst,
      Link section,
      Stamp published,
      Stamp updated,
      Byline byline,
      String bodyHtml,
      String readingTime,
      Link series,
      List<Link> tags,
      List<Correction> corrections,
      List<Story> related,
      Star star,
      String leadFigure) {}

  public record Favorites(Chrome chrome, String count, List<Story> stories) {}

  /** One search result: the story as listings show it, a snippet (safe HTML), the byline. */
  public record Result(Story story, String snippet, String byline) {}

  /** A facet's values as links that narrow the search (or, when picked, widen it again). */
  public record FacetBox(String title, List<FacetLink> links) {}

  public record FacetLink(String text, String count, String href, boolean current) {}

  /**
   * The search page. {@code notice} replaces the results when nothing could be searched (no
   * words, the index being built); {@code clearFilters} is the same search without filters.
   */
  public record Search(
      Chrome chrome,
      String query,
      String notice,
      String summary,
      List<Result> results,
      List<FacetBox> facets,
      List<Link> orders,
      Link suggestion,
      Pagination pagination,
      String clearFilters) {}

  public record ErrorPage(Chrome chrome, int status, String title, String text, String reference) {}
}
