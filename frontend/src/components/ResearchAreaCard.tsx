import Link from "next/link";

import type { ResearchAreaCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { CmsImage, IMAGE_SIZES } from "./CmsImage";

export function ResearchAreaCard({ area, headingLevel = 2 }: { area: ResearchAreaCardFieldsFragment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const href = pageHref(area.url);
  return (
    <article className="card">
      {area.image ? <CmsImage image={area.image} sizes={IMAGE_SIZES.card} alt="" className="card-image" /> : null}
      <div className="card-body">
        <Heading className="card-title">{href ? <Link href={href}>{area.title}</Link> : area.title}</Heading>
        <p>{area.summary}</p>
      </div>
    </article>
  );
}
