import Link from "next/link";

import type { ResearchAreaLinkFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

export function ResearchAreaLinks({ areas }: { areas: readonly ResearchAreaLinkFieldsFragment[] }) {
  if (!areas.length) return null;
  return (
    <p className="meta">
      Research:{" "}
      {areas.map((area, index) => {
        const href = pageHref(area.url);
        return (
          <span key={area.slug}>
            {index > 0 ? ", " : null}
            {href ? <Link href={href}>{area.title}</Link> : area.title}
          </span>
        );
      })}
    </p>
  );
}
