import Link from "next/link";

import type { NewsItemCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";
import { newsKindLabel } from "@/lib/news";

import { DateText } from "./DateText";

/** "appears at MLSys 2024" for a paper item with a venue; the phrase is the API's (`venuePhrase`). */
export function venueLine(item: Pick<NewsItemCardFieldsFragment, "kind" | "venue" | "venuePhrase">): string | null {
  if (item.kind !== "paper" || !item.venue) return null;
  return `${item.venuePhrase || "appears at"} ${item.venue}`;
}

export function NewsList({ items }: { items: readonly NewsItemCardFieldsFragment[] }) {
  return (
    <ul className="news-list">
      {items.map((item) => {
        const href = pageHref(item.url);
        const venue = venueLine(item);
        return (
          <li key={item.id ?? item.url ?? item.title} className="news-item">
            <p className="meta">
              <DateText date={item.date} /> <span className={`badge badge-${item.kind}`}>{newsKindLabel(item.kind)}</span>
            </p>
            <p className="news-title">{href ? <Link href={href}>{item.title}</Link> : item.title}</p>
            {venue ? <p className="meta news-venue">{venue}</p> : null}
            {item.projects.length ? (
              <ul className="tags" aria-label="Projects">
                {item.projects.map((project) => {
                  const projectHref = pageHref(project.url);
                  return (
                    <li key={project.shortName}>
                      {projectHref ? <Link href={projectHref}>{project.shortName}</Link> : <span>{project.shortName}</span>}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {item.links.length ? (
              <ul className="inline-links">
                {item.links.map((link) => (
                  <li key={link.url}>
                    <a href={link.url} rel="noopener">
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
