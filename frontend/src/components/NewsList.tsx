import Link from "next/link";

import type { NewsItemCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";
import { newsKindLabel } from "@/lib/news";

import { ExternalLinks } from "./ExternalLinks";
import { PartialDate } from "./PartialDate";
import { RichText } from "./RichText";

/** "appears at MLSys 2024" for a paper item with a venue; the phrase is the API's (`venuePhrase`). */
export function venueLine(item: Pick<NewsItemCardFieldsFragment, "kind" | "venue" | "venuePhrase">): string | null {
  if (item.kind !== "paper" || !item.venue) return null;
  return `${item.venuePhrase || "appears at"} ${item.venue}`;
}

/**
 * News items as the lab's homepage shows them: the date only as precise as it is known ("May 2020"),
 * the kind, the headline, the item's text, its projects and course tags, and its links.
 */
export function NewsList({ items, headingLevel = 3 }: { items: readonly NewsItemCardFieldsFragment[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="news-list">
      {items.map((item) => {
        const href = pageHref(item.url);
        const venue = venueLine(item);
        const paragraphs = item.body.flatMap((block) => (block.__typename === "RichTextBlock" ? [block] : []));
        const tags = [
          ...item.projects.map((project) => ({ key: `p-${project.shortName}`, label: project.shortName, href: pageHref(project.url) })),
          ...item.courses.map((course) => ({ key: `c-${course.code}`, label: course.code, href: "/teaching/" })),
        ];
        return (
          <li key={item.id ?? item.url ?? item.title} className="news-item">
            <p className="meta news-meta">
              <PartialDate date={item.date} precision={item.datePrecision} />{" "}
              <span className={`badge badge-${item.kind}`}>{newsKindLabel(item.kind)}</span>
            </p>
            <Heading className="news-title">{href ? <Link href={href}>{item.title}</Link> : item.title}</Heading>
            {venue ? <p className="meta news-venue">{venue}</p> : null}
            {paragraphs.length ? (
              <div className="news-text">
                {paragraphs.map((block, index) => (
                  <RichText key={block.id ?? index} html={block.value} />
                ))}
              </div>
            ) : null}
            {tags.length ? (
              <ul className="tags" aria-label="Tags">
                {tags.map((tag) => (
                  <li key={tag.key}>{tag.href ? <Link href={tag.href}>{tag.label}</Link> : <span>{tag.label}</span>}</li>
                ))}
              </ul>
            ) : null}
            <ExternalLinks links={item.links} />
          </li>
        );
      })}
    </ul>
  );
}
