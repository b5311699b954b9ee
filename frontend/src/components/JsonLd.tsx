/**
 * A page's schema.org JSON-LD (the API's `seo.jsonLd`) as `<script type="application/ld+json">`
 * in the page body, which is how Next's documentation recommends adding structured data.
 *
 * The API escapes `<`, `>` and `&` inside the JSON as `\u003c` ... so that it cannot close the
 * script element (docs/scholarly.md, "Scholarly metadata"); `<` is replaced here as well, a no-op
 * on what the API sends, so that a CMS that did not escape could not inject markup either. JSON
 * that does not parse is left out rather than shipped.
 */
export function JsonLd({ json }: { json: string | null | undefined }) {
  if (!json) return null;
  try {
    JSON.parse(json);
  } catch {
    console.warn("The CMS sent JSON-LD that does not parse; left out.");
    return null;
  }
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json.replace(/</g, "\\u003c") }} />;
}
