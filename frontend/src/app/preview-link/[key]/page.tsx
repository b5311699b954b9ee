import type { Metadata } from "next";
import { cache } from "react";

import { PreviewBanner } from "@/components/PreviewBanner";
import { PreviewLinkLookupDocument } from "@/gql/graphql";
import { CmsError, fetchGraphQL } from "@/lib/cms";
import type { ResolvedPage } from "@/lib/pages";
import { FallbackView } from "@/page-types/fallback";
import { pageTypes } from "@/page-types/registry";

import { previewLinkDocumentFor } from "./documents";

// A shareable preview link (made in the admin with "Share preview"): the latest draft of one
// page, for reviewers without an admin account, until the link expires or an editor revokes it.
// The key in the URL is the only credential: never cached, never indexed, never sent on as a
// referrer. A refused link shows the CMS's own message (revoked, expired, not valid) and nothing
// else. The draft renders with its page type's view, exactly as /preview/ renders a token's.

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
}

type Outcome = { ok: true; page: ResolvedPage } | { ok: false; message: string };

const NOT_VALID = "This preview link is not valid.";
// The CMS's keys are 43 URL-safe characters; anything far off that is refused without asking.
const KEY_PATTERN = /^[-\w]{16,128}$/;
const DRAFT = { preview: true, tags: [] };

const loadLinkedDraft = cache(async (key: string): Promise<Outcome> => {
  if (!KEY_PATTERN.test(key)) return { ok: false, message: NOT_VALID };
  try {
    const { page: meta } = await fetchGraphQL(PreviewLinkLookupDocument, { key }, DRAFT);
    if (!meta) return { ok: false, message: NOT_VALID };
    const pageType = pageTypes[meta.__typename];
    const document = previewLinkDocumentFor(meta.__typename);
    if (!pageType || !document) {
      console.warn(`No preview-link view for page type ${meta.__typename}; rendering the fallback.`);
      return {
        ok: true,
        page: { meta, content: { typename: meta.__typename, render: () => <FallbackView page={meta} /> } },
      };
    }
    const content = await pageType.loadWith(document, { key }, DRAFT);
    // Between the two requests an editor may have replaced the page or revoked the link.
    return content ? { ok: true, page: { meta, content } } : { ok: false, message: NOT_VALID };
  } catch (error) {
    if (error instanceof CmsError) return { ok: false, message: error.message };
    throw error;
  }
});

function decodedKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const outcome = await loadLinkedDraft(decodedKey((await params).key));
  return {
    title: outcome.ok ? `Preview: ${outcome.page.meta.seoTitle || outcome.page.meta.title}` : "Preview",
    robots: { index: false, follow: false },
    // The key is in this page's URL: do not send it on to linked sites.
    referrer: "no-referrer",
  };
}

export default async function PreviewLinkRoute({ params }: Props) {
  const outcome = await loadLinkedDraft(decodedKey((await params).key));
  if (!outcome.ok) {
    return (
      <>
        <PreviewBanner showingDraft={false} />
        <div className="page preview-error" role="alert" data-testid="preview-link-error">
          <h1>This preview cannot be shown</h1>
          <p>{outcome.message}</p>
        </div>
      </>
    );
  }
  return (
    <div data-preview-link="on">
      <PreviewBanner typename={outcome.page.meta.__typename} />
      {outcome.page.content.render({ searchParams: {}, preview: true })}
    </div>
  );
}
