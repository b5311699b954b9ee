import type { Metadata } from "next";

import type { PageLookupQuery, PageMetaFieldsFragment, SeoFieldsFragment } from "@/gql/graphql";

import { mediaUrl } from "./media";

/** What PageLookup returns for a page: PageMetaFields, plus `seo` (and `scholarMeta`) where the type has them. */
export type PageHead = NonNullable<PageLookupQuery["page"]>;

type AnyPageMeta = PageMetaFieldsFragment | PageHead;

/** The page's `seo { ... }`; null for the types without one (index pages) or a lookup that did not ask. */
export function seoOf(page: AnyPageMeta): SeoFieldsFragment | null {
  return "seo" in page && page.seo ? page.seo : null;
}

function openGraphType(type: string): "website" | "article" | "profile" {
  return type === "article" || type === "profile" ? type : "website";
}

/**
 * Google Scholar's `citation_*` tags as Next's `other` metadata: one key per name, an array where a
 * name repeats (`citation_author`, once per author, in byline order), which Next writes as one
 * `<meta name content>` per value.
 */
export function scholarMetaTags(page: AnyPageMeta): Record<string, string | string[]> | undefined {
  if (!("scholarMeta" in page) || !page.scholarMeta.length) return undefined;
  const tags: Record<string, string[]> = {};
  for (const { name, content } of page.scholarMeta) {
    if (!name || !content) continue;
    (tags[name] ??= []).push(content);
  }
  return Object.fromEntries(
    Object.entries(tags).map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]),
  );
}

/**
 * `<head>` for a page. From its `seo` when it has one: title, description, canonical URL, Open
 * Graph and Twitter card, and for projects the Google Scholar tags. Otherwise (index pages) its
 * SEO title, else title, and search description.
 */
export function pageMetadata(page: AnyPageMeta | null, { preview = false } = {}): Metadata {
  if (!page) return {};
  const robots = preview ? { robots: { index: false, follow: false } } : {};
  const seo = seoOf(page);
  if (!seo) {
    return {
      title: page.seoTitle || page.title,
      description: page.searchDescription || undefined,
      ...robots,
    };
  }
  const description = seo.description || undefined;
  const image = seo.openGraphImage;
  const images = image
    ? [{ url: mediaUrl(image.url), width: image.width, height: image.height, alt: image.alt || undefined }]
    : undefined;
  const canonical = seo.canonicalUrl || undefined;
  const other = scholarMetaTags(page);
  return {
    // The home page's title is the lab's name: not "<lab> · <lab>" through the layout's template.
    title: page.__typename === "HomePage" ? { absolute: seo.title } : seo.title,
    description,
    ...(canonical && !preview ? { alternates: { canonical } } : {}),
    openGraph: {
      type: openGraphType(seo.openGraphType),
      title: seo.title,
      description,
      url: canonical,
      images,
    },
    twitter: {
      card: images ? "summary_large_image" : "summary",
      title: seo.title,
      description,
      images: images?.map((item) => item.url),
    },
    ...(other ? { other } : {}),
    ...robots,
  };
}
