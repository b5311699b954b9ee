import type { Metadata } from "next";
import { draftMode } from "next/headers";

import { KeepScrollPosition } from "@/components/KeepScrollPosition";
import { PreviewBanner } from "@/components/PreviewBanner";
import { CmsError } from "@/lib/cms";
import { resolvePage, type ResolvedPage } from "@/lib/pages";
import { first, type SearchParams } from "@/lib/search-params";

// A draft, by the preview token in the URL: never cached, never statically rendered, and only
// ever the page the token was issued for. A bad or expired token shows the CMS's own message.

export const dynamic = "force-dynamic";

interface Props {
  searchParams: Promise<SearchParams>;
}

type Outcome = { ok: true; page: ResolvedPage } | { ok: false; message: string };

async function loadDraft(token: string | undefined): Promise<Outcome> {
  if (!token) return { ok: false, message: "This preview link has no token. Open the preview again from the admin." };
  try {
    const page = await resolvePage("token", token);
    return page ? { ok: true, page } : { ok: false, message: "The preview token does not match a page." };
  } catch (error) {
    if (error instanceof CmsError) return { ok: false, message: error.message };
    throw error;
  }
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const outcome = await loadDraft(first(await searchParams, "token"));
  return {
    title: outcome.ok ? `Preview: ${outcome.page.meta.seoTitle || outcome.page.meta.title}` : "Preview",
    robots: { index: false, follow: false },
    // The token is in this page's URL: do not send it on to linked sites.
    referrer: "no-referrer",
  };
}

export default async function PreviewRoute({ searchParams }: Props) {
  const params = await searchParams;
  const outcome = await loadDraft(first(params, "token"));
  const { isEnabled } = await draftMode();

  if (!outcome.ok) {
    return (
      <>
        <PreviewBanner showingDraft={false} />
        <div className="page preview-error" role="alert">
          <h1>This preview cannot be shown</h1>
          <p>{outcome.message}</p>
        </div>
      </>
    );
  }
  return (
    <div data-draft-mode={isEnabled ? "on" : "off"}>
      <PreviewBanner typename={outcome.page.meta.__typename} />
      <KeepScrollPosition draftKey={draftKey(first(params, "token") ?? "")} />
      {outcome.page.content.render({ searchParams: {}, preview: true })}
    </div>
  );
}

/**
 * What every preview token of one draft shares: the token is the CMS's signed `id=<page id>` (or, for a page not
 * saved yet, its parent and type) followed by `:<timestamp>:<signature>`, which change with every refresh.
 */
function draftKey(token: string): string {
  return token.split(":").slice(0, -2).join(":") || token;
}
