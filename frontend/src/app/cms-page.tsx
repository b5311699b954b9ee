import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { JsonLd } from "@/components/JsonLd";
import { seoOf } from "@/lib/metadata";
import { lookupPage, metadataFor, resolvePage } from "@/lib/pages";
import type { SearchParams } from "@/lib/search-params";

interface CmsPageProps {
  /** The page's path on the site, with slashes at both ends: "/blog/some-post/". */
  path: string;
  searchParams: SearchParams;
  /** Page types this route may show; any other type at the path is a 404. Omitted: any type. */
  expect?: readonly string[];
}

/**
 * The public page at `path`, rendered by its type's view, with its JSON-LD; 404 when there is
 * none. The lookup is React-cached, so the JSON-LD costs no request of its own.
 */
export async function CmsPage({ path, searchParams, expect }: CmsPageProps) {
  const resolved = await resolvePage("path", path);
  if (!resolved || (expect && !expect.includes(resolved.content.typename))) notFound();
  const head = await lookupPage("path", path);
  const seo = head ? seoOf(head) : null;
  return (
    <>
      {seo ? <JsonLd json={seo.jsonLd} /> : null}
      {resolved.content.render({ searchParams, preview: false })}
    </>
  );
}

export async function cmsPageMetadata(path: string, expect?: readonly string[]): Promise<Metadata> {
  const meta = await lookupPage("path", path);
  if (!meta || (expect && !expect.includes(meta.__typename))) return {};
  return metadataFor(meta);
}
