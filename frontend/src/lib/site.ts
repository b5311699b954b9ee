import { cache } from "react";

import { SiteChromeDocument } from "@/gql/graphql";

import { fetchGraphQL } from "./cms";
import { FALLBACK_SITE_NAME } from "./config";

export interface SiteInfo {
  name: string;
  tagline: string | null;
}

/** The lab's name and tagline for the header and <title>; a fallback when the CMS is unreachable. */
export const getSiteInfo = cache(async (): Promise<SiteInfo> => {
  try {
    const { page } = await fetchGraphQL(SiteChromeDocument, {});
    if (page && "labName" in page) return { name: page.labName, tagline: page.tagline || null };
  } catch (error) {
    console.error("Site name unavailable from the CMS:", error instanceof Error ? error.message : error);
  }
  return { name: FALLBACK_SITE_NAME, tagline: null };
});
