import type { CalloutBlockFieldsFragment } from "@/gql/graphql";

import { RichText } from "../RichText";

// The CMS's CALLOUT_KINDS; an unknown kind is shown as a note.
const KINDS: Record<string, string> = { tldr: "TL;DR", note: "Note", warning: "Warning" };

export function CalloutBlock({ block }: { block: CalloutBlockFieldsFragment }) {
  const kind = block.kind in KINDS ? block.kind : "note";
  const label = KINDS[kind];
  return (
    <aside className={`block-callout callout-${kind}`} aria-label={label}>
      <p className="callout-label" aria-hidden="true">
        {label}
      </p>
      <RichText html={block.text} />
    </aside>
  );
}
