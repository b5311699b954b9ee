import Link from "next/link";

import type { BlogPostCardFieldsFragment } from "@/gql/graphql";
import { pageHref, parentPath } from "@/lib/format";
import { hrefWith } from "@/lib/search-params";

import { CmsImage, IMAGE_SIZES } from "./CmsImage";
import { DateText } from "./DateText";
import { SampleBadge } from "./SampleBadge";

export function BlogPostCard({ post, headingLevel = 2 }: { post: BlogPostCardFieldsFragment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const href = pageHref(post.url);
  const blogPath = parentPath(href, "/blog/");
  return (
    <article className="card post-card">
      {post.heroImage ? <CmsImage image={post.heroImage} sizes={IMAGE_SIZES.card} alt="" className="card-image" /> : null}
      <div className="card-body">
        <Heading className="card-title">
          {href ? <Link href={href}>{post.title}</Link> : post.title} <SampleBadge isSample={post.isSample} />
        </Heading>
        <p className="meta">
          <DateText date={post.date} />
          {post.authors.length ? <> · {post.authors.map((author) => author.name).join(", ")}</> : null}
          {` · ${post.readingTime} min read`}
        </p>
        {post.summary ? <p>{post.summary}</p> : null}
        {post.tags.length ? (
          <ul className="tags" aria-label="Tags">
            {post.tags.map((tag) => (
              <li key={tag}>
                <Link href={hrefWith(blogPath, { tag })}>{tag}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
