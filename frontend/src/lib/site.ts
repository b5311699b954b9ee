import { cache } from "react";

import { SiteChromeDocument, type LabSettingsFieldsFragment } from "@/gql/graphql";

import { fetchGraphQL } from "./cms";
import { FALLBACK_SITE_NAME } from "./config";

export interface SiteInfo {
  name: string;
  tagline: string | null;
  /** Contact and recruiting (the CMS's Lab settings); null when unset or the CMS is unreachable. */
  settings: LabSettingsFieldsFragment | null;
}

/**
 * The lab's name and tagline for the header and <title>, and its contact details for the footer
 * and the home page, in one request; a fallback when the CMS is unreachable.
 */
export const getSiteInfo = cache(async (): Promise<SiteInfo> => {
  try {
    const { page, labSettings } = await fetchGraphQL(SiteChromeDocument, {});
    if (page && "labName" in page) {
      return { name: page.labName, tagline: page.tagline || null, settings: labSettings };
    }
    return { name: FALLBACK_SITE_NAME, tagline: null, settings: labSettings };
  } catch (error) {
    console.error("Site name unavailable from the CMS:", error instanceof Error ? error.message : error);
  }
  return { name: FALLBACK_SITE_NAME, tagline: null, settings: null };
});
