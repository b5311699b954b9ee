import { rewriteCmsLinks } from "@/lib/media";

import { sanitize } from "./sanitize.mjs";

/**
 * HTML from the CMS's rich text. The CMS refuses scripts, event handlers and non-web URLs on the way in, and this
 * cleans the HTML again (sanitize.mjs) so that the page stays safe whatever the API sends.
 */
export function RichText({ html, className }: { html: string | null | undefined; className?: string }) {
  if (!html) return null;
  return (
    <div
      className={className ? `rich-text ${className}` : "rich-text"}
      dangerouslySetInnerHTML={{ __html: rewriteCmsLinks(sanitize(html)) }}
    />
  );
}
