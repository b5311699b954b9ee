import Link from "next/link";

import { CmsImage, IMAGE_SIZES } from "@/components/CmsImage";
import { BlogPostCard } from "@/components/BlogPostCard";
import { StreamField } from "@/components/blocks/StreamField";
import { NewsList } from "@/components/NewsList";
import { ResearchAreaCard } from "@/components/ResearchAreaCard";
import { RichText } from "@/components/RichText";
import { BlogPostListDocument, HomePageDataDocument, NewsItemListDocument } from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";

import { definePageType } from "./define";

export const homePage = definePageType({
  typename: "HomePage",
  document: HomePageDataDocument,
  async View({ page }) {
    const [news, posts] = await Promise.all([
      fetchGraphQL(NewsItemListDocument, { perPage: 6 }),
      fetchGraphQL(BlogPostListDocument, { perPage: 3 }),
    ]);
    return (
      <div className="home">
        <section className="hero" aria-labelledby="hero-title">
          <div className="hero-text">
            <h1 id="hero-title">{page.labName}</h1>
            {page.tagline ? <p className="lead">{page.tagline}</p> : null}
          </div>
          {page.heroImage ? (
            <CmsImage image={page.heroImage} sizes={IMAGE_SIZES.hero} className="hero-image" priority />
          ) : null}
        </section>

        {page.about ? (
          <section className="section" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <RichText html={page.about} />
          </section>
        ) : null}

        {page.featuredResearchAreas.length ? (
          <section className="section" aria-labelledby="research-title">
            <h2 id="research-title">Research</h2>
            <div className="card-grid">
              {page.featuredResearchAreas.map((area) => (
                <ResearchAreaCard key={area.slug} area={area} headingLevel={3} />
              ))}
            </div>
          </section>
        ) : null}

        {page.body.length ? (
          <section className="section">
            <StreamField blocks={page.body} />
          </section>
        ) : null}

        {news.newsItems.items.length ? (
          <section className="section" aria-labelledby="news-title">
            <h2 id="news-title">News</h2>
            <NewsList items={news.newsItems.items} />
            <p>
              <Link href="/news/">All news →</Link>
            </p>
          </section>
        ) : null}

        {posts.blogPosts.items.length ? (
          <section className="section" aria-labelledby="blog-title">
            <h2 id="blog-title">From the blog</h2>
            <div className="card-grid">
              {posts.blogPosts.items.map((post) => (
                <BlogPostCard key={post.id ?? post.url} post={post} headingLevel={3} />
              ))}
            </div>
            <p>
              <Link href="/blog/">All posts →</Link>
            </p>
          </section>
        ) : null}
      </div>
    );
  },
});
