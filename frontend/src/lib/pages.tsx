import type { Metadata } from "next";
import { cache } from "react";

import { PageLookupDocument, type PageMetaFieldsFragment } from "@/gql/graphql";
import { FallbackView } from "@/page-types/fallback";
import { pageTypes } from "@/page-types/registry";
import type { LoadedPage, PageVariables } from "@/page-types/types";

import { fetchGraphQL } from "./cms";
import { type PageHead, pageMetadata } from "./metadata";

/** How a page is addressed: by its path on the site, or (a draft) by a preview token. */
export type PageKeyKind = "path" | "token";

export interface ResolvedPage {
  meta: PageMetaFieldsFragment;
  content: LoadedPage;
}

function variablesFor(kind: PageKeyKind, value: string): PageVariables {
  return kind === "path" ? { urlPath: value } : { token: value };
}

function optionsFor(kind: PageKeyKind, value: string) {
  return { preview: kind === "token", tags: kind === "path" ? [`cms:path:${value}`] : [] };
}

/**
 * Step 1: which page, of which type, is at this path or token, and what its <head> needs (`seo`,
 * `scholarMeta`); null when there is none. Wrapped in React's `cache` so `generateMetadata` and
 * the page share one request.
 */
export const lookupPage = cache(async (kind: PageKeyKind, value: string): Promise<PageHead | null> => {
  const data = await fetchGraphQL(PageLookupDocument, variablesFor(kind, value), optionsFor(kind, value));
  return data.page;
});

/**
 * Step 2: the page's own query, chosen by its GraphQL type in `pageTypes`. A type with no entry
 * (a content type added to the CMS before the frontend) renders with `FallbackView`.
 */
export const resolvePage = cache(async (kind: PageKeyKind, value: string): Promise<ResolvedPage | null> => {
  const meta = await lookupPage(kind, value);
  if (!meta) return null;
  const pageType = pageTypes[meta.__typename];
  if (!pageType) {
    console.warn(`No view for page type ${meta.__typename} (${meta.url ?? value}); rendering the fallback.`);
    return { meta, content: { typename: meta.__typename, render: () => <FallbackView page={meta} /> } };
  }
  const content = await pageType.load(variablesFor(kind, value), optionsFor(kind, value));
  return content ? { meta, content } : null;
});

/**
 * `<head>` for a page: from its `seo` where the type has one (see lib/metadata.ts), else its SEO
 * title (else its title) and search description.
 */
export function metadataFor(meta: PageMetaFieldsFragment | PageHead | null, { preview = false } = {}): Metadata {
  return pageMetadata(meta, { preview });
}

/** "/research/x/" from route segments; decoded once, as Wagtail stores url paths unencoded. */
export function pathFromSegments(segments: readonly string[]): string {
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return `/${decoded.join("/")}/`.replace(/\/{2,}/g, "/");
}
