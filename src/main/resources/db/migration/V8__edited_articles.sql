-- The edited articles alone (about one in seven), with what the sitemap index needs of them: the
-- month of each sitemap's newest edit is read from here instead of from every article.
CREATE INDEX article_edited ON article (updated_at, published_at, status) WHERE updated_at IS NOT NULL;
