import Link from "next/link";

import type { NewsItemCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";
import { newsKindLabel } from "@/lib/news";

import { DateText } from "./DateText";

export function NewsList({ items }: { items: readonly NewsItemCardFieldsFragment[] }) {
  return (
    <ul className="news-list">
      {items.map((item) => {
        const href = pageHref(item.url);
        return (
          <li key={item.id ?? item.url ?? item.title} className="news-item">
            <p className="meta">
              <DateText date={item.date} /> <span className={`badge badge-${item.kind}`}>{newsKindLabel(item.kind)}</span>
            </p>
            <p className="news-title">{href ? <Link href={href}>{item.title}</Link> : item.title}</p>
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
