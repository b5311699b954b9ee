import { rewriteCmsLinks } from "@/lib/media";

/**
 * HTML from the CMS's rich text. Wagtail stores rich text through a whitelist of elements and
 * attributes and the API rewrites page links to public paths, so it is inserted as it is.
 */
export function RichText({ html, className }: { html: string | null | undefined; className?: string }) {
  if (!html) return null;
  return (
    <div
      className={className ? `rich-text ${className}` : "rich-text"}
      dangerouslySetInnerHTML={{ __html: rewriteCmsLinks(html) }}
    />
  );
}
