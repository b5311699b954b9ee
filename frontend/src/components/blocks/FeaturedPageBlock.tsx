import Link from "next/link";

import type { FeaturedPageBlockFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

/** A card linking to another page; the API sends no page while that page is not public. */
export function FeaturedPageBlock({ block }: { block: FeaturedPageBlockFieldsFragment }) {
  const href = pageHref(block.page?.url);
  if (!block.page || !href) return null;
  return (
    <aside className="block-featured-page card" aria-label="Featured">
      <div className="card-body">
        <p className="card-title">
          <Link href={href}>{block.label || block.page.title}</Link>
        </p>
        {block.page.searchDescription ? <p>{block.page.searchDescription}</p> : null}
      </div>
    </aside>
  );
}
